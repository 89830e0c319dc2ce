import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { AnthropicWorkerData } from './anthropic-worker.js';

export interface AnthropicThread {
  url: string;
  /** Empties the prompt cache (and the request log): the next job starts cold. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the fake Messages API on a worker thread (see anthropic-worker.ts). */
export async function startAnthropicThread(data: AnthropicWorkerData): Promise<AnthropicThread> {
  // A worker does not inherit tsx's loader; register it there before loading the TypeScript file.
  const entry = new URL('./anthropic-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  const worker = new Worker(boot, { eval: true, workerData: data });
  const [url] = (await once(worker, 'message')) as [string];
  const command = async (name: 'reset' | 'close') => {
    worker.postMessage(name);
    await once(worker, 'message');
  };
  return {
    url,
    reset: () => command('reset'),
    async close() {
      await command('close');
      await worker.terminate();
    },
  };
}
