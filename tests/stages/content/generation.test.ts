import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { initialState } from '../../../actions/engine/artifacts/campaign-state.js';
import { parseBrandVoice } from '../../../actions/engine/assets/index.js';
import { parseConfig } from '../../../actions/engine/config/config.js';
import { AnthropicLlm } from '../../../actions/engine/llm/anthropic-llm.js';
import type { Llm } from '../../../actions/engine/llm/llm.js';
import { SpendGuard } from '../../../actions/engine/llm/spend-guard.js';
import type { PlannedAsset } from '../../../actions/engine/stages/content/asset-plan.js';
import { contentSystem, generateAssets } from '../../../actions/engine/stages/content/generate.js';
import type { StageContext } from '../../../actions/engine/stages/stage.js';
import { type FakeAnthropic, reply, startFakeAnthropic } from '../../fakes/anthropic/index.js';
import { ScriptedLlm } from '../../fakes/scripted-llm.js';
import { exampleBrief, packageRoot, samplesDir } from '../../helpers.js';

const config = parseConfig(`models: { default: claude-sonnet-5-5 }
maxTokens: 4000
validationRetries: 1
pricing:
  asOf: 2026-11-01
  currency: USD
  perMillionTokens:
    claude-sonnet-5-5: { input: 2, output: 10, cacheWrite5m: 2.5, cacheRead: 0.2 }
`);
const brief = exampleBrief();
const brand = parseBrandVoice(readFileSync(join(packageRoot, 'scripts/demo/brand.yml'), 'utf8'));
const socialAnswer = JSON.parse(readFileSync(join(samplesDir, 'content__social-post__1.json'), 'utf8'));

/** `n` LinkedIn posts on consecutive days, so each gets its own file. */
const plan = (n: number): PlannedAsset[] =>
  Array.from({ length: n }, (_, i) => ({
    key: `social-post/${i + 1}`,
    type: 'social-post' as const,
    channel: 'linkedin',
    date: `2027-05-${String(i + 1).padStart(2, '0')}`,
    message: 'Cadence Automate launches for lean B2B teams.',
  }));

function context(
  llm: Llm,
  guard = new SpendGuard(config.pricing, 100, 0),
): StageContext & { lines: string[] } {
  const lines: string[] = [];
  return {
    campaign: { brief, state: initialState() },
    config,
    llm,
    guard,
    readFile: async () => undefined,
    readBytes: async () => undefined,
    listFiles: async () => [],
    feedback: [],
    now: new Date('2027-04-01T00:00:00Z'),
    log: (l) => lines.push(l),
    lines,
  };
}

const system = (ctx: StageContext) =>
  contentSystem(
    ctx,
    brand,
    {
      summary: 'Lean B2B teams need nurture without an admin. '.repeat(60),
      audience: {},
      keywords: [],
    } as never,
    { positioning: 'Automation for lean teams.', objectives: [], kpis: [] } as never,
  );

describe('content generation against the fake Messages API', () => {
  let fake: FakeAnthropic;
  beforeAll(async () => {
    fake = await startFakeAnthropic({ minCacheableTokens: 256 });
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it('marks the shared context with cache_control, and later assets read it from the cache', async () => {
    fake.respond(() => reply.json(socialAnswer));
    const ctx = context(new AnthropicLlm({ apiKey: 'k', baseURL: fake.url, maxRetries: 0 }));
    const { produced } = await generateAssets(ctx, plan(3), brand, system(ctx), { concurrency: 1 });
    expect(produced.every((p) => p.path && !p.error)).toBe(true);
    expect(fake.messageRequests).toHaveLength(3);
    for (const request of fake.messageRequests) {
      const blocks = request.body.system as { text: string; cache_control?: unknown }[];
      expect(blocks[0]?.cache_control).toEqual({ type: 'ephemeral' });
      expect(blocks[0]?.text).toContain('approved-strategy-and-research');
      expect(blocks.at(-1)?.cache_control).toBeUndefined();
    }
    expect(produced[0]?.cost.cacheCreationInputTokens).toBeGreaterThan(0);
    expect(produced[2]?.cost.cacheReadInputTokens).toBeGreaterThan(produced[2]?.cost.inputTokens ?? 0);
  });

  it('slows down in a 429 storm instead of failing: every asset arrives, concurrency dropped', async () => {
    let calls = 0;
    fake.respond(() => (++calls <= 6 ? reply.error(429) : reply.json(socialAnswer)));
    const ctx = context(new AnthropicLlm({ apiKey: 'k', baseURL: fake.url, maxRetries: 1 }));
    const { produced, stats } = await generateAssets(ctx, plan(8), brand, system(ctx), {
      concurrency: 4,
      backoffMs: () => 5,
    });
    expect(produced.filter((p) => p.error)).toEqual([]);
    expect(produced.map((p) => p.asset.key)).toEqual(plan(8).map((a) => a.key));
    expect(stats.throttles).toBeGreaterThan(0);
    expect(stats.lowestLimit).toBeLessThan(4);
    expect(ctx.lines.some((l) => l.includes('rate limited'))).toBe(true);
  });

  it('reports an asset whose storm never ends by name, and the rest still arrive', async () => {
    fake.respond(({ params }) =>
      JSON.stringify(params.messages).includes('2027-05-02') ? reply.error(529) : reply.json(socialAnswer),
    );
    const ctx = context(new AnthropicLlm({ apiKey: 'k', baseURL: fake.url, maxRetries: 0 }));
    const { produced } = await generateAssets(ctx, plan(4), brand, system(ctx), {
      throttleRetries: 2,
      backoffMs: () => 1,
    });
    expect(produced.filter((p) => p.error).map((p) => p.asset.key)).toEqual(['social-post/2']);
    expect(produced.filter((p) => p.path)).toHaveLength(3);
  });
});

describe('content generation failures', () => {
  it('reports one asset that cannot be generated by name; the rest arrive', async () => {
    const llm = new ScriptedLlm((r) => (r.task === 'content/social-post/3' ? 'not json' : socialAnswer));
    const ctx = context(llm);
    const { produced } = await generateAssets(ctx, plan(5), brand, system(ctx));
    const failed = produced.filter((p) => p.error);
    expect(failed.map((p) => p.asset.key)).toEqual(['social-post/3']);
    expect(failed[0]?.error).toContain('failed validation');
    expect(produced.filter((p) => p.path)).toHaveLength(4);
    expect(ctx.lines.some((l) => l.startsWith('  ✗ social-post/3'))).toBe(true);
  });

  it('records tokens and cost per asset, and stops at the spend cap mid-job', async () => {
    // Measure one call: its worst case (what the guard reserves) and its real cost.
    const probe = new ScriptedLlm(() => socialAnswer);
    const probeCtx = context(probe);
    const first = await generateAssets(probeCtx, plan(1), brand, system(probeCtx));
    const perAsset = first.produced[0]?.cost.usd ?? 0;
    expect(perAsset).toBeGreaterThan(0);
    expect(first.produced[0]?.cost).toMatchObject({ calls: 1, inputTokens: 1000, outputTokens: 500 });
    const sent = probe.requests[0];
    const chars =
      (sent?.system.reduce((n, b) => n + b.text.length, 0) ?? 0) +
      (sent?.messages.reduce((n, m) => n + m.content.length, 0) ?? 0);
    const guard = new SpendGuard(config.pricing, 0, 0);
    const worst = guard.worstCase('claude-sonnet-5-5', chars, config.maxTokens);

    // Room for the worst case after 2.5 assets' real cost: 3 assets are made, then the cap stops the job.
    const capped = new SpendGuard(config.pricing, worst + perAsset * 2.5, 0);
    const ctx = context(new ScriptedLlm(() => socialAnswer), capped);
    const { produced } = await generateAssets(ctx, plan(5), brand, system(ctx), { concurrency: 1 });
    expect(produced.filter((p) => p.path).map((p) => p.asset.key)).toEqual([
      'social-post/1',
      'social-post/2',
      'social-post/3',
    ]);
    const stopped = produced.filter((p) => p.error);
    expect(stopped.map((p) => p.asset.key)).toEqual(['social-post/4', 'social-post/5']);
    expect(stopped[0]?.error).toContain('spend cap reached');
    expect(capped.spent).toBeLessThanOrEqual(capped.capUsd);
    expect(capped.spent).toBeCloseTo(perAsset * 3, 6);
  });
});
