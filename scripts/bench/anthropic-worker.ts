/**
 * The fake Messages API on its own thread, for `npm run bench`: the real API's work does not run
 * on the caller's CPU, so neither should the fake's (token counting, cache hashing, JSON). It
 * answers every message with the same JSON after a fixed latency; `reset` empties its cache.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { reply, startFakeAnthropic } from '../../tests/fakes/anthropic/index.js';

export interface AnthropicWorkerData {
  latencyMs: number;
  /** The JSON every message is answered with. */
  answer: unknown;
}

const { latencyMs, answer } = workerData as AnthropicWorkerData;
const fake = await startFakeAnthropic({
  latencyMs,
  batchPollsUntilEnded: 0,
  handler: () => reply.json(answer),
});
parentPort?.on('message', async (command: 'reset' | 'close') => {
  // reset: an empty cache and no recorded requests, for the next job.
  if (command === 'reset') fake.reset();
  else await fake.close();
  parentPort?.postMessage(command);
});
parentPort?.postMessage(fake.url);
