import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseConfig } from '../../actions/engine/config/config.js';
import { AnthropicLlm } from '../../actions/engine/llm/anthropic-llm.js';
import { usageOf } from '../../actions/engine/llm/anthropic-message.js';
import type { EvidenceRequest, SpendMeter } from '../../actions/engine/llm/llm.js';
import { callCostOf, worstCostOf } from '../../actions/engine/llm/pricing.js';
import { SpendCapError, SpendGuard } from '../../actions/engine/llm/spend-guard.js';
import { MemorySpendLog, totalUsd } from '../../actions/engine/llm/spend-record.js';
import { generateStructured } from '../../actions/engine/llm/structured.js';
import type { LlmUsage } from '../../actions/engine/llm/usage.js';
import {
  type BilledRequest,
  block,
  type FakeAnthropic,
  reply,
  startFakeAnthropic,
  webFetchTurn,
  webSearchTurn,
} from '../fakes/anthropic/index.js';

const { pricing } = parseConfig(`models: { default: claude-sonnet-5-5 }
pricing:
  asOf: 2026-11-01
  currency: USD
  perMillionTokens:
    claude-sonnet-5-5: { input: 2, output: 10, cacheWrite5m: 2.5, cacheRead: 0.2 }
  serverTools: { webSearchPer1000: 10, webFetchPer1000: 0 }
`);
const MODEL = 'claude-sonnet-5-5';
const Answer = z.object({ headline: z.string().min(1), score: z.number() });
const request = (task: string) => ({
  task,
  model: MODEL,
  system: [{ text: 'You write headlines for a B2B marketing campaign. '.repeat(8), cache: true }],
  messages: [{ role: 'user' as const, content: 'Write one headline with a score.' }],
  schema: Answer,
  maxTokens: 1000,
});

/** What the API billed, from the fake's ledger: the truth the cap is checked against. */
const billedUsd = (billed: readonly BilledRequest[]): number =>
  billed.reduce((sum, b) => sum + callCostOf(pricing, MODEL, usageOf(b.usage)), 0);

let fake: FakeAnthropic;
let llm: AnthropicLlm;
beforeAll(async () => {
  fake = await startFakeAnthropic();
  llm = new AnthropicLlm({ apiKey: 'k', baseURL: fake.url, maxRetries: 1, streamRetryDelayMs: () => 1 });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('the spend cap holds across failed runs (spend log persisted)', () => {
  it('stops re-runs of a stage whose every answer fails, within the cap, counting the failures', async () => {
    // Every answer fails a different way: not JSON, cut off at max_tokens, a stream that breaks off
    // mid-answer, 529s the SDK retries into a schema violation. None of them is ever accepted.
    const long = 'x'.repeat(1800);
    const failures = [
      () => reply.text(`not json ${long}`),
      () => reply.maxTokens(`{"headline": "${long}`),
      () => reply.streamError('overloaded_error', 'Overloaded', `{"headline": "${long}`),
      () => reply.error(529),
      () => reply.json({ headline: '', score: 'high' }),
    ];
    fake.respond(({ index }) => (failures[index % failures.length] as () => ReturnType<typeof reply.text>)());
    const log = new MemorySpendLog();
    const cap = 0.08;
    let refusedBeforeSending = 0;
    for (let run = 0; run < 20; run++) {
      const guard = await SpendGuard.open(log, 'camp', { pricing, capUsd: cap });
      const sentBefore = fake.messageRequests.length;
      try {
        await generateStructured(request('strategy'), { llm, pricing, guard, retries: 2 });
      } catch (error) {
        expect(error).toBeInstanceOf(Error);
      } finally {
        await guard.save();
      }
      if (fake.messageRequests.length === sentBefore) refusedBeforeSending++;
      else expect(refusedBeforeSending).toBe(0); // once refused, every later run is refused too
      expect(billedUsd(fake.billed)).toBeLessThanOrEqual(cap);
    }
    const records = await log.load('camp');
    expect(refusedBeforeSending).toBeGreaterThan(0);
    // Never less than what was billed, and every failed or rejected request is on record.
    expect(totalUsd(records)).toBeGreaterThanOrEqual(billedUsd(fake.billed) - 1e-12);
    expect(totalUsd(records)).toBeLessThanOrEqual(cap);
    expect(records.filter((r) => r.outcome === 'ok')).toHaveLength(0);
    expect(new Set(records.map((r) => r.outcome))).toEqual(new Set(['failed', 'invalid']));
    expect(records.find((r) => r.note === 'stream failed: overloaded_error')?.outputTokens).toBeGreaterThan(
      0,
    );
  });

  it('starts from the persisted total, not from zero, on the next run', async () => {
    const log = new MemorySpendLog();
    await log.append('camp', [
      {
        at: '2026-12-01T00:00:00.000Z',
        stage: 'research',
        task: 'research',
        model: MODEL,
        usd: 0.075,
        inputTokens: 0,
        outputTokens: 0,
        cacheCreationInputTokens: 0,
        cacheReadInputTokens: 0,
        webSearchRequests: 0,
        webFetchRequests: 0,
        outcome: 'failed',
      },
    ]);
    const guard = await SpendGuard.open(log, 'camp', { pricing, capUsd: 0.08, floorUsd: 0.01 });
    expect(guard.spent).toBe(0.075);
    fake.respond(() => reply.json({ headline: 'h', score: 1 }));
    await expect(
      generateStructured(request('strategy'), { llm, pricing, guard, retries: 0 }),
    ).rejects.toThrow(SpendCapError);
    expect(fake.messageRequests).toHaveLength(0);
  });
});

describe('the spend cap holds for concurrent calls', () => {
  for (const parallel of [4, 16]) {
    it(`${parallel} calls at once never pass it together`, async () => {
      // A long valid answer: each call costs about 40% of its worst case, so without reservations
      // all of them pass a cap of 1.5 worst cases and together cost far more.
      fake.respond(() => reply.json({ headline: 'h'.repeat(3000), score: 1 }));
      const worst = await worstOfOneCall();
      fake.reset();
      fake.respond(() => reply.json({ headline: 'h'.repeat(3000), score: 1 }));
      const cap = worst * 1.5;
      const guard = new SpendGuard(pricing, cap, 0);
      const results = await Promise.allSettled(
        Array.from({ length: parallel }, (_, i) =>
          generateStructured(request(`content/post/${i}`), { llm, pricing, guard, retries: 0 }),
        ),
      );
      const done = results.filter((r) => r.status === 'fulfilled');
      const refused = results.filter((r) => r.status === 'rejected');
      expect(done.length).toBeGreaterThan(0);
      expect(refused.length).toBeGreaterThan(0);
      for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(SpendCapError);
      expect(fake.messageRequests).toHaveLength(done.length);
      expect(fake.maxConcurrent).toBe(1);
      expect(billedUsd(fake.billed)).toBeLessThanOrEqual(cap);
      expect(guard.spent).toBeCloseTo(billedUsd(fake.billed), 12);
      expect(guard.reserved).toBeCloseTo(0, 12);
    });
  }

  it('lets calls run side by side while their worst cases fit together', async () => {
    fake.respond(() => reply.json({ headline: 'short', score: 1 }));
    const worst = await worstOfOneCall();
    fake.reset();
    const slow = await startFakeAnthropic({
      latencyMs: 30,
      handler: () => reply.json({ headline: 's', score: 1 }),
    });
    const slowLlm = new AnthropicLlm({ apiKey: 'k', baseURL: slow.url, maxRetries: 0 });
    const guard = new SpendGuard(pricing, worst * 3.5, 0);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        generateStructured(request(`content/post/${i}`), { llm: slowLlm, pricing, guard, retries: 0 }),
      ),
    );
    expect(slow.maxConcurrent).toBeGreaterThan(1);
    expect(slow.maxConcurrent).toBeLessThanOrEqual(3);
    expect(guard.spent).toBeCloseTo(billedUsd(slow.billed), 12);
    await slow.close();
  });
});

/** The worst case one call of `request` reserves, read through a meter. */
async function worstOfOneCall(): Promise<number> {
  const worsts: number[] = [];
  const guard = new SpendGuard(pricing, 100, 0);
  const meter: SpendMeter = {
    reserve: (task, model, worst) => {
      worsts.push(worstCostOf(pricing, model, worst));
      return guard.reserve(task, model, worst);
    },
  };
  await llm.complete(request('probe'), meter);
  return worsts[0] as number;
}

describe('the spend cap holds in research with server tools', () => {
  const big = (n: number) => ({
    url: `https://pages.example/${n}`,
    title: `Page ${n}`,
    text: `Pricing starts at $${n}0 a month. ${'Long page text. '.repeat(12_000)}`,
  });
  const hits = (q: string) => [{ url: `https://hits.example/${q}`, title: q }];
  const gather: EvidenceRequest = {
    task: 'research/evidence',
    model: MODEL,
    system: [{ text: 'You research competitors for a campaign.', cache: true }],
    prompt: 'Find the competitors and their pricing.',
    maxTokens: 2000,
    maxSearches: 4,
    maxFetches: 2,
    maxContentTokens: 1000,
    searchResultTokens: 1000,
    maxContinuations: 3,
    today: '2026-12-01',
  };
  /** The model keeps looking things up and pausing, trying more searches than allowed on the third turn. */
  const script = () =>
    fake.respond(({ index }) => {
      if (index === 0) return reply.pauseTurn([...webSearchTurn('a', hits('a')), ...webFetchTurn(big(1))]);
      if (index === 1)
        return reply.pauseTurn([...webSearchTurn('b', hits('b')), ...webSearchTurn('c', hits('c'))]);
      if (index === 2) {
        return reply.pauseTurn([
          ...webSearchTurn('d', hits('d')),
          ...webSearchTurn('e', hits('e')),
          ...webSearchTurn('f', hits('f')),
          ...webFetchTurn(big(2)),
        ]);
      }
      return reply.blocks([block.text('Done.')]);
    });

  it('reserves every request, prices searches, counts fetched pages and continuations, and stays under the cap', async () => {
    script();
    const cap = 0.25;
    const guard = new SpendGuard(pricing, cap, 0);
    const reservations: { before: number; worst: number }[] = [];
    const meter: SpendMeter = {
      reserve: (task, model, worst: LlmUsage) => {
        reservations.push({ before: guard.spent, worst: worstCostOf(pricing, model, worst) });
        return guard.reserve(task, model, worst);
      },
    };
    const evidence = await llm.gather(gather, meter);

    expect(billedUsd(fake.billed)).toBeLessThanOrEqual(cap);
    expect(guard.spent).toBeCloseTo(billedUsd(fake.billed), 12);
    for (const r of reservations) expect(r.before + r.worst).toBeLessThanOrEqual(cap);
    fake.billed.forEach((b, i) => {
      expect(callCostOf(pricing, MODEL, usageOf(b.usage))).toBeLessThanOrEqual(reservations[i]!.worst);
    });
    // Searches are priced ($10 per 1,000) and capped across the whole run, continuations included.
    const searches = guard.records.reduce((n, r) => n + r.webSearchRequests, 0);
    expect(searches).toBeLessThanOrEqual(4);
    expect(guard.records.reduce((n, r) => n + r.usd, 0)).toBeGreaterThan(searches * 0.01);
    const sent = fake.messageRequests.map((r) =>
      r.body.tools?.map((t) => ('max_uses' in t ? t.max_uses : 0)),
    );
    expect(sent).toEqual([
      [4, 2],
      [3, 1],
      [1, 1],
    ]);
    // Fetched pages are cut at max_content_tokens: the request never bills a whole 190 KB page.
    expect(JSON.stringify(fake.messageRequests[1]?.body.messages)).not.toContain(
      'Long page text. '.repeat(1200),
    );
    expect(evidence.calls).toBe(3);
    expect(evidence.stoppedEarly).toMatch(/used up its searches/);
  });

  it('stops before a continuation the cap has no room for, keeping the evidence so far', async () => {
    script();
    const first = new SpendGuard(pricing, 100, 0);
    const worsts: number[] = [];
    await llm.gather(gather, {
      reserve: (task, model, worst) => {
        worsts.push(worstCostOf(pricing, model, worst));
        return first.reserve(task, model, worst);
      },
    });
    const firstCost = first.records[0]!.usd;
    fake.reset();
    script();
    // Room for the first request's worst case, not for the continuation's after it.
    const cap = Math.max(worsts[0]!, firstCost + worsts[1]! - 0.001);
    const guard = new SpendGuard(pricing, cap, 0);
    const evidence = await llm.gather(gather, guard.meter());
    expect(fake.messageRequests).toHaveLength(1);
    expect(evidence.sources.map((s) => s.url)).toContain('https://pages.example/1');
    expect(evidence.stoppedEarly).toMatch(/spend cap leaves no room for continuation 1/);
    expect(billedUsd(fake.billed)).toBeLessThanOrEqual(cap);
  });

  it('refuses research whose lookups could pass the cap, saying which settings to lower', async () => {
    script();
    const guard = new SpendGuard(pricing, 0.05, 0);
    const error = await llm.gather(gather, guard.meter()).catch((e) => e);
    expect(error).toBeInstanceOf(SpendCapError);
    expect(error.fix).toMatch(/lower `research.maxSearches`, `maxFetches` or `maxContentTokens`/);
    expect(fake.messageRequests).toHaveLength(0);
  });

  it('refuses a search price that is not configured instead of assuming one', async () => {
    const { pricing: noSearchPrice } = parseConfig(`models: { default: m }
pricing: { asOf: 2026-11-01, currency: USD, perMillionTokens: { ${MODEL}: { input: 2, output: 10, cacheWrite5m: 2.5, cacheRead: 0.2 } } }
`);
    const guard = new SpendGuard(noSearchPrice, 100, 0);
    await expect(llm.gather(gather, guard.meter())).rejects.toThrow(/no price for web search/);
    expect(fake.messageRequests).toHaveLength(0);
  });
});
