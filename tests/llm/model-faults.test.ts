import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseConfig } from '../../actions/engine/config/config.js';
import { formatError } from '../../actions/engine/errors.js';
import { isRateLimited } from '../../actions/engine/llm/adaptive-pool.js';
import { AnthropicLlm } from '../../actions/engine/llm/anthropic-llm.js';
import { usageOf } from '../../actions/engine/llm/anthropic-message.js';
import { ModelCallError } from '../../actions/engine/llm/model-errors.js';
import { callCostOf } from '../../actions/engine/llm/pricing.js';
import { SpendGuard } from '../../actions/engine/llm/spend-guard.js';
import { generateStructured } from '../../actions/engine/llm/structured.js';
import { type FakeAnthropic, reply, startFakeAnthropic } from '../fakes/anthropic/index.js';

const { pricing } = parseConfig(`models: { default: claude-sonnet-5-5 }
pricing:
  asOf: 2026-11-01
  currency: USD
  perMillionTokens:
    claude-sonnet-5-5: { input: 2, output: 10, cacheWrite5m: 2.5, cacheRead: 0.2 }
`);
const Answer = z.object({ headline: z.string().min(1), score: z.number() });
const request = {
  task: 'content/blog-post/2026-12-01-launch',
  model: 'claude-sonnet-5-5',
  system: [{ text: 'rules', cache: true }],
  messages: [{ role: 'user' as const, content: 'go' }],
  schema: Answer,
  maxTokens: 1000,
};
const billedUsd = (fake: FakeAnthropic) =>
  fake.billed.reduce((sum, b) => sum + callCostOf(pricing, request.model, usageOf(b.usage)), 0);

let fake: FakeAnthropic;
let llm: AnthropicLlm;
beforeAll(async () => {
  fake = await startFakeAnthropic();
  llm = new AnthropicLlm({
    apiKey: 'k',
    baseURL: fake.url,
    maxRetries: 1,
    limits: { streamRetries: 2 },
    streamRetryDelayMs: () => 1,
  });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const run = (guard = new SpendGuard(pricing, 10, 0)) =>
  generateStructured(request, { llm, pricing, guard, retries: 0 });

describe('an overloaded_error in the middle of a stream', () => {
  it('is retried like a 529 (the SDK does not), and the broken attempt is billed', async () => {
    fake.enqueue(
      reply.streamError('overloaded_error', 'Overloaded', '{"headline": "Half an ans'),
      reply.json({ headline: 'ok', score: 1 }),
    );
    const guard = new SpendGuard(pricing, 10, 0);
    const result = await run(guard);
    expect(result.data.headline).toBe('ok');
    expect(fake.messageRequests).toHaveLength(2);
    expect(guard.records.map((r) => [r.outcome, r.note])).toEqual([
      ['failed', 'stream failed: overloaded_error'],
      ['ok', undefined],
    ]);
    const [broken] = guard.records;
    // Input from message_start, output at least the bytes received (never less than billed).
    expect(broken?.inputTokens).toBe(fake.billed[0]?.usage.input_tokens);
    expect(broken?.outputTokens).toBeGreaterThanOrEqual(fake.billed[0]?.usage.output_tokens ?? 0);
    expect(guard.spent).toBeGreaterThanOrEqual(billedUsd(fake));
    expect(result.usd).toBeCloseTo(guard.spent, 12);
    expect(result.calls).toBe(2);
  });

  it('gives up after the configured stream retries with one clear message', async () => {
    fake.respond(() => reply.streamError('overloaded_error', 'Overloaded'));
    const error = await run().catch((e) => e);
    expect(fake.messageRequests).toHaveLength(3);
    expect(error).toBeInstanceOf(ModelCallError);
    const text = formatError(error);
    expect(text).toMatch(/^content stage: the model call for content\/blog-post\/2026-12-01-launch failed/);
    expect(text).toContain('overloaded_error (Overloaded) (3 tries)');
    expect(text).toContain('fix: Anthropic is overloaded: run the stage again in a few minutes');
    // The content pool slows down on it as on a 529.
    expect(isRateLimited(error)).toBe(true);
  });
});

describe('HTTP errors after the SDK retries', () => {
  it('names the stage and the status once, and is not billed', async () => {
    fake.respond(() => reply.error(529));
    const guard = new SpendGuard(pricing, 10, 0);
    const error = await run(guard).catch((e) => e);
    expect(fake.messageRequests).toHaveLength(2);
    const text = formatError(error);
    expect(text.match(/529/g)).toHaveLength(1);
    expect(text).toContain(
      'content stage: the model call for content/blog-post/2026-12-01-launch failed: Anthropic answered 529 overloaded_error (Overloaded)',
    );
    expect(text).toContain('fix: Anthropic is overloaded');
    expect(fake.billed).toHaveLength(0);
    expect(guard.spent).toBe(0);
    expect(guard.records.map((r) => [r.outcome, r.usd, r.note])).toEqual([
      ['failed', 0, 'HTTP 529 overloaded_error'],
    ]);
  });

  it.each([
    [429, 'rate limit'],
    [500, 'temporary error at Anthropic'],
    [404, 'check the model names'],
  ])('explains %i with what to do', async (status, fix) => {
    fake.respond(() => reply.error(status));
    const text = formatError(await run().catch((e) => e));
    expect(text.match(new RegExp(String(status), 'g'))).toHaveLength(1);
    expect(text).toContain(fix);
  });
});

describe('time limits', () => {
  it('never sends a request past the stage deadline', async () => {
    const late = new AnthropicLlm({ apiKey: 'k', baseURL: fake.url, stageDeadline: Date.now() - 1 });
    fake.respond(() => reply.json({ headline: 'never', score: 1 }));
    const error = await generateStructured(request, {
      llm: late,
      pricing,
      guard: new SpendGuard(pricing, 10, 0),
      retries: 0,
    }).catch((e) => e);
    expect(formatError(error)).toMatch(
      /^content stage: the model call for .* ran past its time limit of 10 minutes/,
    );
    expect(fake.messageRequests).toHaveLength(0);
  });

  it('aborts a call that outlives its deadline, whatever the SDK would still wait for', async () => {
    // The server never answers: only the deadline's abort signal ends the call.
    const silent = await startFakeAnthropic({ handler: () => new Promise(() => {}) });
    const timed = new AnthropicLlm({ apiKey: 'k', baseURL: silent.url, stageDeadline: Date.now() + 300 });
    const guard = new SpendGuard(pricing, 10, 0);
    const error = await generateStructured(request, { llm: timed, pricing, guard, retries: 0 }).catch(
      (e) => e,
    );
    expect(formatError(error)).toContain('ran past its time limit');
    expect(guard.records.map((r) => [r.outcome, r.note])).toEqual([['failed', 'time limit reached']]);
    expect(guard.reserved).toBe(0);
    await silent.close();
  });
});
