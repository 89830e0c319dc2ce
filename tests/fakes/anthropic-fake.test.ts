import Anthropic, {
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  OverloadedError,
  RateLimitError,
} from '@anthropic-ai/sdk';
import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  block,
  citation,
  estimateTokens,
  type FakeAnthropic,
  lastUserText,
  reply,
  startFakeAnthropic,
  webFetchTurn,
  webSearchTurn,
} from './anthropic/index.js';

const MODEL = 'claude-sonnet-5-5';
const ask = (text: string) => ({
  model: MODEL,
  max_tokens: 1024,
  messages: [{ role: 'user' as const, content: text }],
});

let fake: FakeAnthropic;
let client: Anthropic;

beforeAll(async () => {
  fake = await startFakeAnthropic({ minCacheableTokens: 100 });
  client = new Anthropic({ apiKey: 'test', baseURL: fake.url, maxRetries: 2 });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('messages', () => {
  it('answers create with a complete message and a request id', async () => {
    fake.enqueue(reply.text('Hello from the fake.'));
    const message = await client.messages.create(ask('Say hello'));
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: MODEL,
      stop_reason: 'end_turn',
      content: [{ type: 'text', text: 'Hello from the fake.', citations: null }],
      usage: {
        input_tokens: estimateTokens('Say hello'),
        output_tokens: estimateTokens('Hello from the fake.'),
      },
    });
    expect(message._request_id).toMatch(/^req_/);
    const [sent] = fake.messageRequests;
    expect(sent?.headers['anthropic-version']).toBeTruthy();
    expect(sent?.body.messages).toEqual([{ role: 'user', content: 'Say hello' }]);
  });

  it('streams the same message through messages.stream().finalMessage()', async () => {
    const text = 'A longer answer, so that it arrives in several text deltas.';
    fake.respond(() => reply.text(text));
    const deltas: string[] = [];
    const stream = client.messages.stream(ask('Stream please')).on('text', (delta) => deltas.push(delta));
    const streamed = await stream.finalMessage();
    const created = await client.messages.create(ask('Stream please'));
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(text);
    expect(streamed.content).toEqual(created.content);
    expect(streamed.usage).toEqual(created.usage);
    expect(streamed.stop_reason).toBe('end_turn');
  });

  it('serves messages.parse with a zod output format', async () => {
    const Plan = z.object({ channels: z.array(z.string()), budget: z.number() });
    fake.enqueue(reply.json({ channels: ['email', 'linkedin'], budget: 1200 }));
    const message = await client.messages.parse({
      ...ask('Plan it'),
      output_config: { format: zodOutputFormat(Plan) },
    });
    expect(message.parsed_output).toEqual({ channels: ['email', 'linkedin'], budget: 1200 });
    expect(fake.messageRequests[0]?.body.output_config?.format?.type).toBe('json_schema');
  });

  it('lets parse fail on an answer that is not JSON', async () => {
    fake.enqueue(reply.text('Sure! Here is your plan: ...'));
    const request = client.messages.parse({
      ...ask('Plan it'),
      output_config: { format: zodOutputFormat(z.object({ a: z.string() })) },
    });
    await expect(request).rejects.toThrow(/Failed to parse structured output/);
  });

  it('routes answers with a handler and serves the queue first', async () => {
    fake.respond((request) => reply.text(`echo: ${lastUserText(request.params)}`));
    fake.enqueue(reply.text('queued'));
    const first = await client.messages.create(ask('one'));
    const second = await client.messages.create(ask('two'));
    expect(first.content[0]).toMatchObject({ text: 'queued' });
    expect(second.content[0]).toMatchObject({ text: 'echo: two' });
  });

  it('reports max_tokens when the answer is cut off, scripted or by the limit', async () => {
    fake.enqueue(reply.maxTokens('{"channels": ["em'), reply.text('x'.repeat(400)));
    const scripted = await client.messages.create(ask('Long one'));
    expect(scripted.stop_reason).toBe('max_tokens');
    expect(scripted.usage.output_tokens).toBe(1024);
    const limited = await client.messages.create({ ...ask('Long one'), max_tokens: 10 });
    expect(limited.stop_reason).toBe('max_tokens');
    expect(limited.content[0]).toMatchObject({ text: 'x'.repeat(40) });
  });

  it('returns refusal and pause_turn stop reasons', async () => {
    fake.enqueue(
      reply.refusal('', { category: 'cyber', explanation: null }),
      reply.pauseTurn(webSearchTurn('q', [])),
    );
    const refused = await client.messages.create(ask('bad'));
    expect(refused).toMatchObject({
      stop_reason: 'refusal',
      stop_details: { type: 'refusal', category: 'cyber' },
    });
    const paused = await client.messages.stream(ask('search')).finalMessage();
    expect(paused.stop_reason).toBe('pause_turn');
  });
});

describe('faults', () => {
  it.each([
    [429, RateLimitError],
    [529, OverloadedError],
    [500, InternalServerError],
  ])('retries %i and then succeeds', async (status) => {
    fake.enqueue(reply.error(status), reply.error(status), reply.text('finally'));
    const message = await client.messages.create(ask('retry me'));
    expect(message.content[0]).toMatchObject({ text: 'finally' });
    expect(fake.messageRequests.map((r) => r.headers['x-stainless-retry-count'])).toEqual(['0', '1', '2']);
  });

  it.each([
    [429, RateLimitError, 'rate_limit_error'],
    [529, OverloadedError, 'overloaded_error'],
  ])('gives up on %i after maxRetries with the documented error body', async (status, errorClass, type) => {
    fake.respond(() => reply.error(status));
    const failure = await client.messages.create(ask('no luck')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(errorClass);
    expect(failure).toMatchObject({ status, type, error: { type: 'error', error: { type } } });
    expect(fake.messageRequests).toHaveLength(3);
  });

  it('sends retry-after as given', async () => {
    fake.enqueue(reply.error(429, { retryAfter: 0.001 }), reply.text('ok'));
    await client.messages.create(ask('retry me'));
    expect(fake.requests).toHaveLength(2);
  });

  it('fails a stream that breaks mid-way with an SSE error event', async () => {
    fake.enqueue(reply.streamError('overloaded_error'));
    await expect(client.messages.stream(ask('x')).finalMessage()).rejects.toMatchObject({
      type: 'overloaded_error',
    });
  });

  it('validates requests like the API (400 invalid_request_error)', async () => {
    const missing = client.messages.create({ model: MODEL, messages: [] } as never);
    await expect(missing).rejects.toBeInstanceOf(BadRequestError);
    await expect(missing).rejects.toMatchObject({
      type: 'invalid_request_error',
      apiMessage: 'max_tokens: Field required',
    });
    const tooManyBreakpoints = client.messages.create({
      ...ask('x'),
      system: Array.from({ length: 5 }, (_, i) => ({
        type: 'text' as const,
        text: `part ${i}`,
        cache_control: { type: 'ephemeral' as const },
      })),
    });
    await expect(tooManyBreakpoints).rejects.toMatchObject({
      status: 400,
      apiMessage: 'A maximum of 4 blocks with cache_control may be provided. Found 5.',
    });
  });

  it('refuses what the API refuses: citations with structured outputs, forced tool_choice', async () => {
    const format = zodOutputFormat(z.object({ a: z.string() }));
    const webFetch = {
      type: 'web_fetch_20260318' as const,
      name: 'web_fetch' as const,
      citations: { enabled: true },
    };
    await expect(
      client.messages.create({ ...ask('x'), tools: [webFetch], output_config: { format } }),
    ).rejects.toBeInstanceOf(BadRequestError);
    const forced = client.messages.create({
      ...ask('x'),
      tools: [{ name: 'save', input_schema: { type: 'object' } }],
      tool_choice: { type: 'tool', name: 'save' },
    });
    await expect(forced).rejects.toMatchObject({ status: 400, type: 'invalid_request_error' });
  });

  it('passes broken bodies through as they are (a truncated 200 is a bare SyntaxError)', async () => {
    fake.enqueue(reply.raw(200, '{"type":"mess', { 'content-type': 'application/json' }));
    await expect(client.messages.create(ask('x'))).rejects.toBeInstanceOf(SyntaxError);
  });

  it('refuses a request without an API key (401)', async () => {
    const anonymous = new Anthropic({
      apiKey: null,
      baseURL: fake.url,
      maxRetries: 0,
      defaultHeaders: { authorization: null },
    });
    await expect(anonymous.messages.create(ask('x'))).rejects.toBeInstanceOf(AuthenticationError);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('says loudly when no reply was scripted, without SDK retries', async () => {
    await expect(client.messages.create(ask('x'))).rejects.toThrow(/no reply scripted/);
    expect(fake.requests).toHaveLength(1);
  });
});

describe('server tools and citations', () => {
  const hit = { url: 'https://example.com/report', title: 'Market report 2026', pageAge: '2 days ago' };
  const page = {
    url: 'https://example.com/pricing',
    title: 'Pricing',
    text: 'Plans start at $49 per month.',
  };

  it('carries search, fetch and citations through finalMessage and create', async () => {
    const answer = reply.blocks([
      ...webSearchTurn('b2b marketing budget 2026', [hit]),
      ...webFetchTurn(page),
      block.text('Budgets grew 12%.', [citation.webSearch(hit, 'budgets grew 12% year over year')]),
      block.text('Plans start at $49.', [citation.charLocation(page, 'Plans start at $49')]),
    ]);
    fake.respond(() => answer);
    const streamed = await client.messages.stream({ ...ask('research'), tools: [] }).finalMessage();
    const created = await client.messages.create(ask('research'));
    for (const message of [streamed, created]) {
      expect(message.content.map((b) => b.type)).toEqual([
        'server_tool_use',
        'web_search_tool_result',
        'server_tool_use',
        'web_fetch_tool_result',
        'text',
        'text',
      ]);
      expect(message.usage.server_tool_use).toEqual({ web_search_requests: 1, web_fetch_requests: 1 });
    }
    expect(streamed.content).toEqual(created.content);
    expect(streamed.content[0]).toMatchObject({
      name: 'web_search',
      input: { query: 'b2b marketing budget 2026' },
    });
    expect(streamed.content[1]).toMatchObject({
      tool_use_id: streamed.content[0]?.type === 'server_tool_use' ? streamed.content[0].id : '',
      content: [{ type: 'web_search_result', url: hit.url, title: hit.title, page_age: '2 days ago' }],
    });
    expect(streamed.content[4]).toMatchObject({
      citations: [
        { type: 'web_search_result_location', url: hit.url, cited_text: 'budgets grew 12% year over year' },
      ],
    });
    expect(streamed.content[5]).toMatchObject({
      citations: [{ type: 'char_location', start_char_index: 0 }],
    });
  });
});

describe('prompt caching', () => {
  const longSystem = 'You are the Crescendo research analyst. '.repeat(20); // 800 chars = 200 tokens
  const cachedRequest = (question: string) => ({
    ...ask(question),
    system: [{ type: 'text' as const, text: longSystem, cache_control: { type: 'ephemeral' as const } }],
  });

  it('writes the prefix once, then reads it', async () => {
    fake.respond(() => reply.json({ ok: true }));
    const first = await client.messages.create(cachedRequest('first question'));
    const second = await client.messages.create(cachedRequest('another question'));
    expect(first.usage).toMatchObject({
      cache_creation_input_tokens: 200,
      cache_read_input_tokens: 0,
      input_tokens: estimateTokens('first question'),
      cache_creation: { ephemeral_5m_input_tokens: 200, ephemeral_1h_input_tokens: 0 },
    });
    expect(second.usage).toMatchObject({
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 200,
      input_tokens: estimateTokens('another question'),
    });
  });

  it('caches nothing below the minimum size, and keys on exact content', async () => {
    fake.respond(() => reply.text('ok'));
    const small = {
      ...ask('q'),
      system: [{ type: 'text' as const, text: 'short', cache_control: { type: 'ephemeral' as const } }],
    };
    await client.messages.create(small);
    const again = await client.messages.create(small);
    expect(again.usage).toMatchObject({ cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
    await client.messages.create(cachedRequest('q'));
    const changed = await client.messages.create({
      ...cachedRequest('q'),
      system: [{ type: 'text', text: `${longSystem}!`, cache_control: { type: 'ephemeral' } }],
    });
    expect(changed.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(changed.usage.cache_read_input_tokens).toBe(0);
  });

  it('expires entries after their TTL (5m by default, 1h on request)', async () => {
    let now = Date.parse('2026-11-24T09:00:00Z');
    const clocked = await startFakeAnthropic({
      minCacheableTokens: 100,
      now: () => now,
      handler: () => reply.text('ok'),
    });
    try {
      const sdk = new Anthropic({ apiKey: 'test', baseURL: clocked.url, maxRetries: 0 });
      const withTtl = (ttl: '5m' | '1h') => ({
        ...ask('q'),
        system: [
          {
            type: 'text' as const,
            text: `${ttl} ${longSystem}`,
            cache_control: { type: 'ephemeral' as const, ttl },
          },
        ],
      });
      await sdk.messages.create(withTtl('5m'));
      const hour = await sdk.messages.create(withTtl('1h'));
      expect(hour.usage.cache_creation).toEqual({
        ephemeral_5m_input_tokens: 0,
        ephemeral_1h_input_tokens: 201,
      });
      now += 6 * 60_000;
      expect((await sdk.messages.create(withTtl('5m'))).usage.cache_read_input_tokens).toBe(0);
      expect((await sdk.messages.create(withTtl('1h'))).usage.cache_read_input_tokens).toBe(201);
    } finally {
      await clocked.close();
    }
  });

  it('counts tokens without touching the cache', async () => {
    const counted = await client.messages.countTokens({
      model: MODEL,
      messages: cachedRequest('hi').messages,
      system: cachedRequest('hi').system,
    });
    expect(counted.input_tokens).toBe(200 + estimateTokens('hi'));
    expect(fake.cacheEntries).toBe(0);
  });

  it('reads an earlier turn when the breakpoint moves forward in a conversation', async () => {
    fake.respond(() => reply.text('noted'));
    const turn = (text: string) => ({
      type: 'text' as const,
      text,
      cache_control: { type: 'ephemeral' as const },
    });
    const firstTurn = [{ role: 'user' as const, content: [turn(longSystem)] }];
    await client.messages.create({ ...ask('x'), messages: firstTurn });
    const second = await client.messages.create({
      ...ask('x'),
      messages: [
        { role: 'user', content: [{ type: 'text', text: longSystem }] },
        { role: 'assistant', content: 'noted' },
        { role: 'user', content: [turn('and one more thing')] },
      ],
    });
    expect(second.usage.cache_read_input_tokens).toBe(200);
    expect(second.usage.cache_creation_input_tokens).toBe(
      estimateTokens('noted') + estimateTokens('and one more thing'),
    );
  });
});

describe('concurrency and latency', () => {
  it('measures how many requests were in flight at once', async () => {
    const slow = await startFakeAnthropic({ latencyMs: 30, handler: () => reply.text('ok') });
    try {
      const pooled = new Anthropic({ apiKey: 'test', baseURL: slow.url, maxRetries: 0 });
      await Promise.all(Array.from({ length: 4 }, () => pooled.messages.create(ask('x'))));
      expect(slow.maxConcurrent).toBe(4);
      expect(slow.inFlight).toBe(0);
    } finally {
      await slow.close();
    }
  });
});

describe('message batches', () => {
  it('creates, polls until ended and returns JSONL results', async () => {
    fake.respond((request) =>
      request.customId === 'bad' ? reply.error(529) : reply.json({ id: request.customId }),
    );
    const created = await client.messages.batches.create({
      requests: ['a', 'b', 'bad'].map((id) => ({ custom_id: id, params: ask(`item ${id}`) })),
    });
    expect(created).toMatchObject({
      type: 'message_batch',
      processing_status: 'in_progress',
      results_url: null,
    });
    expect(created.request_counts.processing).toBe(3);
    const ended = await client.messages.batches.retrieve(created.id);
    expect(ended.processing_status).toBe('ended');
    expect(ended.request_counts).toMatchObject({ succeeded: 2, errored: 1, processing: 0 });
    const results = new Map<string, Anthropic.Messages.MessageBatchResult>();
    for await (const line of await client.messages.batches.results(created.id)) {
      results.set(line.custom_id, line.result);
    }
    expect(results.get('a')).toMatchObject({
      type: 'succeeded',
      message: { content: [{ type: 'text', text: '{"id":"a"}' }], usage: { service_tier: 'batch' } },
    });
    expect(results.get('bad')).toMatchObject({
      type: 'errored',
      error: { type: 'error', error: { type: 'overloaded_error' } },
    });
  });
});
