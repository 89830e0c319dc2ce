/**
 * Content fan-out: the content stage's real path (asset plan from the demo's brief, research and
 * strategy, the shared cached system prompt, `generateAssets` with its adaptive pool, checks and
 * rendering) against the fake Messages API on its own thread with a fixed latency per request.
 * Speed as ratios against baselines measured in the same run; cost from the fake's usage, whose
 * cache accounting follows the API (an entry is readable once the request writing it finished).
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { Brief } from '../../actions/engine/artifacts/brief.js';
import {
  addCost,
  initialState,
  type StageCost,
  zeroCost,
} from '../../actions/engine/artifacts/campaign-state.js';
import type { ResearchData } from '../../actions/engine/artifacts/research.js';
import type { StrategyData } from '../../actions/engine/artifacts/strategy.js';
import { parseBrandVoice } from '../../actions/engine/assets/index.js';
import { parseConfig } from '../../actions/engine/config/config.js';
import { AnthropicLlm } from '../../actions/engine/llm/anthropic-llm.js';
import { SpendGuard } from '../../actions/engine/llm/spend-guard.js';
import { parseBrief } from '../../actions/engine/runner/run-stage.js';
import { planAssets } from '../../actions/engine/stages/content/asset-plan.js';
import { collectContentBatch, submitContentBatch } from '../../actions/engine/stages/content/batch.js';
import { contentSystem, generateAssets } from '../../actions/engine/stages/content/generate.js';
import type { StageContext } from '../../actions/engine/stages/stage.js';
import { type AnthropicThread, startAnthropicThread } from './anthropic-thread.js';
import { type BenchFigure, median, repeated } from './figure.js';

/**
 * Social posts in the job (the brief allows 100 of one type): 1 + 96, so after the first request
 * goes alone the rest fill whole waves of 4 and of 16.
 */
const ASSETS = 97;
/**
 * Fixed latency of every answer: a tenth of what a real answer for a post takes (seconds). At
 * 200 ms the client's own work per answer (stream parsing, validation, checks, rendering, 10–25
 * ms on a busy 2-core machine) was a tenth of a wave, and 16 answers arriving together queued
 * behind each other: the figures measured the machine's load more than the fan-out.
 */
const LATENCY_MS = 1000;
const REPEATS = 5;
const POOLS = [4, 16] as const;

const here = (path: string) => readFile(new URL(path, import.meta.url), 'utf8');
const json = async <T>(path: string): Promise<T> => JSON.parse(await here(path)) as T;

async function setUp() {
  const config = parseConfig(await here('../../.github/crescendo.yml'));
  // The demo's campaign (its lines read as `crescendo start` reads them), asking for many LinkedIn posts and
  // no cadence (so no newsletter): every post goes through plan → ask → check → render.
  const brief: Brief = {
    ...parseBrief(parse(await here('../demo/brief.yml'))),
    assets: [{ type: 'social-post', count: ASSETS, platform: 'linkedin' }],
    cadence: undefined,
  };
  const brand = parseBrandVoice(await here('../demo/brand.yml'));
  const research = await json<ResearchData>('../demo/answers/research.json');
  // The model's strategy answer; the stage adds the timeline, of which the plan needs the distribution phase.
  const strategy: StrategyData = {
    ...(await json<StrategyData>('../demo/answers/strategy.json')),
    phases: [{ id: 'distribution', name: 'Distribution', start: '2027-04-15', end: '2027-06-30' }],
  };
  const answer = await json<unknown>('../demo/answers/content__social-post__1.json');
  const plan = planAssets(brief, strategy, research);
  if (plan.length !== ASSETS) throw new Error(`planned ${plan.length} assets, expected ${ASSETS}`);
  return { config, brief, brand, research, strategy, answer, plan };
}

type Setup = Awaited<ReturnType<typeof setUp>>;

function contextFor(setup: Setup, url: string): StageContext {
  const { config, brief } = setup;
  return {
    campaign: { brief, state: initialState() },
    config,
    llm: new AnthropicLlm({ apiKey: 'bench', baseURL: url, maxRetries: 2 }),
    guard: new SpendGuard(config.pricing, 1_000, 0),
    readFile: async () => undefined,
    readBytes: async () => undefined,
    listFiles: async () => [],
    feedback: [],
    now: new Date(),
    log: () => {},
  };
}

const total = (costs: readonly StageCost[]) => costs.reduce(addCost, zeroCost());

/** One job from a cold cache: `assets` of the plan at `concurrency`, with or without prompt caching. */
async function job(setup: Setup, api: AnthropicThread, assets: number, concurrency: number, cache: boolean) {
  await api.reset();
  const ctx = contextFor(setup, api.url);
  const system = contentSystem(ctx, setup.brand, setup.research, setup.strategy).map((b) => ({
    ...b,
    cache: cache && b.cache,
  }));
  const started = performance.now();
  const { produced } = await generateAssets(ctx, setup.plan.slice(0, assets), setup.brand, system, {
    concurrency,
  });
  const wall = performance.now() - started;
  const failed = produced.find((p) => p.error);
  if (failed) throw new Error(`bench job failed: ${failed.asset.key}: ${failed.error}`);
  return { wall, cost: total(produced.map((p) => p.cost)) };
}

/** The whole plan as one Message Batch, submitted and collected (the fake ends batches at once). */
async function batchJob(setup: Setup, api: AnthropicThread): Promise<StageCost> {
  await api.reset();
  const ctx = contextFor(setup, api.url);
  const system = contentSystem(ctx, setup.brand, setup.research, setup.strategy);
  const pending = await submitContentBatch(ctx, setup.plan, system);
  const collected = await collectContentBatch(ctx, setup.plan, setup.brand, pending);
  if (collected.retry.length) throw new Error(`bench batch: ${collected.retry.length} answers not accepted`);
  return total(collected.produced.map((p) => p.cost));
}

/** The waves of the fan-out: the first request alone (it writes the cache), then the rest `concurrency` at a time. */
const idealWaves = (concurrency: number) => 1 + Math.ceil((ASSETS - 1) / concurrency);

export async function benchContent(): Promise<BenchFigure[]> {
  const setup = await setUp();
  const api = await startAnthropicThread({ latencyMs: LATENCY_MS, answer: setup.answer });
  // Cost does not depend on latency: the cost-only jobs run against a second fake that answers at once.
  const instant = await startAnthropicThread({ latencyMs: 0, answer: setup.answer });
  try {
    // Warm-up: every code path once, on a short job (a full repeat would add a minute).
    const warmUp = async () => {
      await job(setup, api, 1, 1, true);
      for (const c of POOLS) await job(setup, api, 17, c, true);
      await job(setup, instant, 17, 16, false);
      await batchJob(setup, instant);
    };
    // Each repeat runs every job once, so each ratio pairs measurements taken moments apart.
    const runs = await repeated(
      REPEATS,
      async () => {
        const one = await job(setup, api, 1, 1, true);
        const pools = [];
        for (const c of POOLS) pools.push(await job(setup, api, ASSETS, c, true));
        const uncached = await job(setup, instant, ASSETS, 16, false);
        return { one, pools, uncached, batch: await batchJob(setup, instant) };
      },
      warmUp,
    );
    const at = (i: number) => (run: (typeof runs)[number]) => run.pools[i]!;
    const figures: BenchFigure[] = [];
    POOLS.forEach((c, i) => {
      const ideal = idealWaves(c) * LATENCY_MS;
      figures.push({
        name: `content: wall ÷ ideal, ${c} at a time`,
        value: median(runs.map((r) => at(i)(r).wall / ideal)),
        unit: '×',
        target: { atMost: c === 4 ? 1.1 : 1.25 },
        repeats: REPEATS,
        note: `ideal = (1 + ⌈${ASSETS - 1}/${c}⌉) × ${LATENCY_MS} ms = ${ideal} ms: the first request alone (it writes the cache), then the rest ${c} at a time`,
      });
      figures.push({
        name: `content: speed-up over one at a time, ${c} at a time`,
        value: median(runs.map((r) => (ASSETS * r.one.wall) / at(i)(r).wall)),
        unit: '×',
        target: { atLeast: c === 4 ? 3.8 : 13 },
        repeats: REPEATS,
        note: `one at a time = ${ASSETS} × the measured time of one asset alone (the same requests in a row)`,
      });
    });
    const share = (c: StageCost) =>
      c.cacheReadInputTokens / (c.inputTokens + c.cacheReadInputTokens + c.cacheCreationInputTokens);
    figures.push({
      name: 'content: input tokens read from the cache, 4 at a time',
      value: median(runs.map((r) => 100 * share(at(0)(r).cost))),
      unit: '%',
      target: { atLeast: 70 },
      repeats: REPEATS,
    });
    figures.push({
      name: 'content: cost vs uncached, 4 at a time',
      value: median(runs.map((r) => (100 * at(0)(r).cost.usd) / r.uncached.cost.usd)),
      unit: '%',
      target: { atMost: 40 },
      repeats: REPEATS,
      note: `${ASSETS} assets; uncached = the same job with no cache_control`,
    });
    figures.push({
      name: 'content: batch mode cost vs uncached',
      value: median(runs.map((r) => (100 * r.batch.usd) / r.uncached.cost.usd)),
      unit: '%',
      target: { atMost: 20 },
      repeats: REPEATS,
      note: 'one Message Batch at half price, items answered one after another (the first writes the cache)',
    });
    return figures;
  } finally {
    await Promise.all([api.close(), instant.close()]);
  }
}
