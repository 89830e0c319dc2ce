import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type FakeAnthropic,
  reply,
  startFakeAnthropic,
  webFetchTurn,
  webSearchTurn,
} from './anthropic/index.js';

let fake: FakeAnthropic;
let client: Anthropic;
beforeAll(async () => {
  fake = await startFakeAnthropic();
  client = new Anthropic({ apiKey: 'k', baseURL: fake.url, maxRetries: 0 });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const base = {
  model: 'claude-sonnet-5-5',
  max_tokens: 1000,
  messages: [{ role: 'user' as const, content: 'go' }],
};
const page = { url: 'https://a.example/', text: 'y'.repeat(10_000) };

describe('server tool limits and billing, as the API applies them', () => {
  it('answers calls past max_uses with max_uses_exceeded, unbilled, and cuts pages at max_content_tokens', async () => {
    fake.enqueue(reply.blocks([...webSearchTurn('a', []), ...webSearchTurn('b', []), ...webFetchTurn(page)]));
    const message = await client.messages.create({
      ...base,
      tools: [
        { type: 'web_search_20260318', name: 'web_search', max_uses: 1 },
        { type: 'web_fetch_20260318', name: 'web_fetch', max_content_tokens: 500 },
      ],
    });
    const results = message.content.filter((b) => b.type === 'web_search_tool_result');
    expect(results.map((b) => (Array.isArray(b.content) ? 'hits' : b.content.error_code))).toEqual([
      'hits',
      'max_uses_exceeded',
    ]);
    const fetched = message.content.find((b) => b.type === 'web_fetch_tool_result');
    const doc = fetched?.content.type === 'web_fetch_result' ? fetched.content.content.source : undefined;
    expect(doc?.type === 'text' ? doc.data.length : 0).toBe(2000);
    expect(message.usage.server_tool_use).toEqual({ web_search_requests: 1, web_fetch_requests: 1 });
    expect(fake.billed).toEqual([{ index: 0, usage: message.usage, complete: true }]);
  });

  it('bills a broken stream its input and the output it streamed, and an HTTP error nothing', async () => {
    fake.enqueue(
      reply.error(529, { shouldRetry: false }),
      reply.streamError('overloaded_error', 'Overloaded', 'z'.repeat(40)),
    );
    await expect(client.messages.create(base)).rejects.toMatchObject({ status: 529 });
    const stream = client.messages.stream(base);
    await expect(stream.finalMessage()).rejects.toMatchObject({ type: 'overloaded_error' });
    expect(stream.currentMessage?.content).toEqual([{ type: 'text', text: 'z'.repeat(40), citations: null }]);
    expect(fake.billed).toHaveLength(1);
    expect(fake.billed[0]).toMatchObject({ complete: false, usage: { output_tokens: 10 } });
    expect(fake.billed[0]?.usage.input_tokens).toBeGreaterThan(0);
  });
});
