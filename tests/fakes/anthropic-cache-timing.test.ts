import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeAnthropic, reply, startFakeAnthropic } from './anthropic/index.js';

const longSystem = 'You are the Crescendo content creator. '.repeat(21); // ≈ 200 tokens
const cachedRequest = (question: string) => ({
  model: 'claude-sonnet-5-5',
  max_tokens: 1024,
  system: [{ type: 'text' as const, text: longSystem, cache_control: { type: 'ephemeral' as const } }],
  messages: [{ role: 'user' as const, content: question }],
});

/** A handler that holds every request until `count` have arrived, so they are in flight together. */
function heldUntil(count: number) {
  let arrived = 0;
  let release: () => void = () => {};
  const all = new Promise<void>((resolve) => {
    release = resolve;
  });
  return async () => {
    if (++arrived === count) release();
    await all;
    return reply.json({ ok: true });
  };
}

let fake: FakeAnthropic;
let client: Anthropic;

beforeAll(async () => {
  fake = await startFakeAnthropic({ minCacheableTokens: 100 });
  client = new Anthropic({ apiKey: 'test', baseURL: fake.url, maxRetries: 0 });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('prompt cache timing', () => {
  it('lets no request read an entry whose writer has not finished', async () => {
    fake.respond(heldUntil(3));
    const wave = await Promise.all(['a', 'b', 'c'].map((q) => client.messages.create(cachedRequest(q))));
    for (const message of wave) {
      expect(message.usage.cache_read_input_tokens).toBe(0);
      expect(message.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    }
  });

  it('serves the entry to requests sent after its writer finished', async () => {
    fake.respond(() => reply.json({ ok: true }));
    const first = await client.messages.create(cachedRequest('first'));
    const after = await Promise.all(['x', 'y'].map((q) => client.messages.create(cachedRequest(q))));
    expect(first.usage.cache_read_input_tokens).toBe(0);
    for (const message of after) {
      expect(message.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
      expect(message.usage.cache_creation_input_tokens).toBe(0);
    }
  });

  it('counts a streamed answer as finished when its last event is sent', async () => {
    fake.respond(() => reply.json({ ok: true }));
    const stream = client.messages.stream(cachedRequest('streamed'));
    const streamed = await stream.finalMessage();
    const next = await client.messages.create(cachedRequest('next'));
    expect(streamed.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(next.usage.cache_read_input_tokens).toBe(streamed.usage.cache_creation_input_tokens);
  });
});
