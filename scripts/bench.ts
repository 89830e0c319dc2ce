/**
 * `npm run bench`: content generation speed and cost, as ratios against baselines
 * measured in the same run (never absolute times), against the fake Messages API on
 * loopback with a fixed latency. It runs the content stage's real path: the asset plan
 * from the demo's brief, research and strategy (48 assets), the shared context as the
 * stage builds it, and the stage's generation function (adaptive pool, checks, render).
 * Reports:
 *  (a) wall time of a 48-asset job ÷ the ideal ceil(48/concurrency) × latency, and the
 *      speed-up over generating one asset at a time;
 *  (b) the share of input tokens read from the prompt cache, and the job's cost against
 *      the same job without caching.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { Brief } from '../actions/engine/artifacts/brief.js';
import {
  addCost,
  initialState,
  type StageCost,
  zeroCost,
} from '../actions/engine/artifacts/campaign-state.js';
import type { ResearchData } from '../actions/engine/artifacts/research.js';
import type { StrategyData } from '../actions/engine/artifacts/strategy.js';
import { parseBrandVoice } from '../actions/engine/assets/index.js';
import { parseConfig } from '../actions/engine/config/config.js';
import { AnthropicLlm } from '../actions/engine/llm/anthropic-llm.js';
import { SpendGuard } from '../actions/engine/llm/spend-guard.js';
import { parseBrief } from '../actions/engine/runner/run-stage.js';
import { planAssets } from '../actions/engine/stages/content/asset-plan.js';
import {
  CONTENT_CONCURRENCY,
  contentSystem,
  generateAssets,
} from '../actions/engine/stages/content/generate.js';
import type { StageContext } from '../actions/engine/stages/stage.js';
import { reply, startFakeAnthropic } from '../tests/fakes/anthropic/index.js';

const ASSETS = 48;
const CONCURRENCY = CONTENT_CONCURRENCY;
const LATENCY_MS = 200;
const here = (path: string) => readFile(new URL(path, import.meta.url), 'utf8');
const json = async <T>(path: string): Promise<T> => JSON.parse(await here(path)) as T;

const config = parseConfig(await here('../.github/crescendo.yml'));
// The demo's campaign (its lines read as `crescendo start` reads them), asking for 48 LinkedIn posts and
// no cadence (so no newsletter): every post goes through plan → ask → check → render.
const brief: Brief = {
  ...parseBrief(parse(await here('./demo/brief.yml'))),
  assets: [{ type: 'social-post', count: ASSETS, platform: 'linkedin' }],
  cadence: undefined,
};
const brand = parseBrandVoice(await here('./demo/brand.yml'));
const research = await json<ResearchData>('./demo/answers/research.json');
// The model's strategy answer; the stage adds the timeline, of which the plan needs the distribution phase.
const strategy: StrategyData = {
  ...(await json<StrategyData>('./demo/answers/strategy.json')),
  phases: [{ id: 'distribution', name: 'Distribution', start: '2027-04-15', end: '2027-06-30' }],
};
const answer = await json<unknown>('./demo/answers/content__social-post__1.json');
const plan = planAssets(brief, strategy, research);
if (plan.length !== ASSETS) throw new Error(`planned ${plan.length} assets, expected ${ASSETS}`);

async function job(concurrency: number, cache: boolean) {
  const fake = await startFakeAnthropic({ latencyMs: LATENCY_MS });
  fake.respond(() => reply.json(answer));
  const ctx: StageContext = {
    campaign: { brief, state: initialState() },
    config,
    llm: new AnthropicLlm({ apiKey: 'bench', baseURL: fake.url, maxRetries: 2 }),
    guard: new SpendGuard(config.pricing, 1_000, 0),
    readFile: async () => undefined,
    readBytes: async () => undefined,
    listFiles: async () => [],
    feedback: [],
    now: new Date(),
    log: () => {},
  };
  const system = contentSystem(ctx, brand, research, strategy).map((b) => ({
    ...b,
    cache: cache && b.cache,
  }));
  const started = performance.now();
  const { produced } = await generateAssets(ctx, plan, brand, system, { concurrency });
  const wall = performance.now() - started;
  await fake.close();
  const failed = produced.filter((p) => p.error);
  if (failed.length) throw new Error(`bench job failed: ${failed[0]?.asset.key}: ${failed[0]?.error}`);
  const cost = produced.reduce((sum: StageCost, p) => addCost(sum, p.cost), zeroCost());
  return { wall, cost, sharedChars: system.reduce((n, b) => n + b.text.length, 0) };
}

const sequential = await job(1, true);
const pooled = await job(CONCURRENCY, true);
const uncached = await job(CONCURRENCY, false);
const ideal = Math.ceil(ASSETS / CONCURRENCY) * LATENCY_MS;
const totalInput = (c: StageCost) => c.inputTokens + c.cacheReadInputTokens + c.cacheCreationInputTokens;
const efficiency = pooled.wall / ideal;
const cacheShare = pooled.cost.cacheReadInputTokens / totalInput(pooled.cost);
const costRatio = pooled.cost.usd / uncached.cost.usd;

const row = (name: string, value: string, target: string, ok: boolean) =>
  console.log(`${name.padEnd(34)} ${value.padEnd(10)} target ${target.padEnd(8)} ${ok ? 'ok' : 'MISSED'}`);
console.log(
  `${ASSETS} assets (content stage path), concurrency ${CONCURRENCY}, fake latency ${LATENCY_MS} ms, system prompt ${pooled.sharedChars} chars`,
);
row('(a) wall ÷ ideal', `${efficiency.toFixed(3)}×`, '≤ 1.15×', efficiency <= 1.15);
row(
  '(a) speed-up over one at a time',
  `${(sequential.wall / pooled.wall).toFixed(2)}×`,
  `~${CONCURRENCY}×`,
  true,
);
row('(b) input tokens read from cache', `${(cacheShare * 100).toFixed(1)}%`, '≥ 70%', cacheShare >= 0.7);
row('(b) cost vs uncached', `${(costRatio * 100).toFixed(1)}%`, '≤ 40%', costRatio <= 0.4);
console.log(
  `cost: $${pooled.cost.usd.toFixed(4)} cached vs $${uncached.cost.usd.toFixed(4)} uncached; ${pooled.cost.calls} calls; output ${pooled.cost.outputTokens} tokens`,
);
