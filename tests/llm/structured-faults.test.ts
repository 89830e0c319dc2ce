import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseConfig } from '../../actions/engine/config/config.js';
import { CrescendoError } from '../../actions/engine/errors.js';
import { AnthropicLlm } from '../../actions/engine/llm/anthropic-llm.js';
import { SpendGuard } from '../../actions/engine/llm/spend-guard.js';
import { generateStructured } from '../../actions/engine/llm/structured.js';
import { type FakeAnthropic, reply, startFakeAnthropic } from '../fakes/anthropic/index.js';

const config = parseConfig(`models: { default: claude-sonnet-5-5 }
pricing:
  asOf: 2026-11-01
  currency: USD
  perMillionTokens:
    claude-sonnet-5-5: { input: 2, output: 10, cacheWrite5m: 2.5, cacheRead: 0.2 }
`);
const Answer = z.object({ headline: z.string().min(1), score: z.number() });
const request = {
  task: 'test',
  model: 'claude-sonnet-5-5',
  system: [{ text: 'rules', cache: true }],
  messages: [{ role: 'user' as const, content: 'go' }],
  schema: Answer,
  maxTokens: 1000,
};

let fake: FakeAnthropic;
let llm: AnthropicLlm;
beforeAll(async () => {
  fake = await startFakeAnthropic();
  llm = new AnthropicLlm({ apiKey: 'test-key', baseURL: fake.url, maxRetries: 2 });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const run = (options: Partial<Parameters<typeof generateStructured>[1]> = {}) =>
  generateStructured(request, {
    llm,
    pricing: config.pricing,
    guard: new SpendGuard(config.pricing, 10, 0),
    retries: 2,
    ...options,
  });

describe('model faults through the real SDK', () => {
  it('retries 429 and 529 and then succeeds', async () => {
    fake.enqueue(
      reply.error(429, { type: 'rate_limit_error' }),
      reply.error(529, { type: 'overloaded_error' }),
      reply.json({ headline: 'ok', score: 1 }),
    );
    const result = await run();
    expect(result.data.headline).toBe('ok');
    expect(fake.messageRequests).toHaveLength(3);
  });

  it('sends output_config.format with the JSON schema and streams', async () => {
    fake.enqueue(reply.json({ headline: 'ok', score: 1 }));
    await run();
    const body = fake.messageRequests[0]!.body as unknown as Record<string, unknown>;
    expect(body.stream).toBe(true);
    expect(body.output_config).toMatchObject({ format: { type: 'json_schema' } });
  });

  it('retries invalid JSON with the parse error as feedback', async () => {
    fake.enqueue(reply.text('not json {'), reply.json({ headline: 'fixed', score: 2 }));
    const result = await run();
    expect(result.attempts).toBe(2);
    const second = fake.messageRequests[1]!.body.messages;
    expect(JSON.stringify(second.at(-1))).toContain('is not valid JSON');
  });

  it('retries a schema violation with the field in the feedback', async () => {
    fake.enqueue(reply.json({ headline: '', score: 'high' }), reply.json({ headline: 'h', score: 3 }));
    await run();
    expect(JSON.stringify(fake.messageRequests[1]!.body.messages.at(-1))).toContain('score');
  });

  it('reports a max_tokens stop clearly', async () => {
    fake.enqueue(reply.maxTokens('{"headline": "cut'));
    await expect(run()).rejects.toThrow(/cut off at max_tokens \(1000\)/);
  });

  it('gives up after the retries with every problem listed', async () => {
    fake.respond(() => reply.json({ headline: 'x', score: 1 }));
    const error = await run({ check: () => [{ where: 'headline', message: 'too short' }] }).catch((e) => e);
    expect(error).toBeInstanceOf(CrescendoError);
    expect((error as CrescendoError).problems).toEqual([{ where: 'headline', message: 'too short' }]);
    expect(fake.messageRequests).toHaveLength(3);
  });

  it('stops before a call that could pass the spend cap', async () => {
    fake.enqueue(reply.json({ headline: 'never', score: 1 }));
    // Worst case of the call is 1000 output tokens × $10/M = $0.01; $0.995 of $1 is spent.
    const error = await run({ guard: new SpendGuard(config.pricing, 1, 0.995) }).catch((e) => e);
    expect(String(error.message)).toMatch(/spend cap reached/);
    expect(fake.messageRequests).toHaveLength(0);
  });

  it('records cost from usage', async () => {
    fake.enqueue(reply.json({ headline: 'ok', score: 1 }));
    const guard = new SpendGuard(config.pricing, 10, 0);
    const result = await run({ guard });
    expect(result.usd).toBeGreaterThan(0);
    expect(guard.spent).toBeCloseTo(result.usd, 10);
  });
});
