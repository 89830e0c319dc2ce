/**
 * `npm run bench`: content generation speed and cost, as ratios against baselines
 * measured in the same run (never absolute times), against the fake Messages API on
 * loopback with a fixed latency. Reports:
 *  (a) wall time of a 48-asset job ÷ the ideal ceil(48/concurrency) × latency, and the
 *      speed-up over generating one asset at a time;
 *  (b) the share of input tokens read from the prompt cache, and the job's cost against
 *      the same job without caching.
 */
import { z } from 'zod';
import { parseConfig } from '../actions/engine/config/config.js';
import { AnthropicLlm } from '../actions/engine/llm/anthropic-llm.js';
import { addUsage, emptyUsage, type LlmUsage } from '../actions/engine/llm/llm.js';
import { costOf } from '../actions/engine/llm/pricing.js';
import { SpendGuard } from '../actions/engine/llm/spend-guard.js';
import { generateStructured } from '../actions/engine/llm/structured.js';
import { mapPool } from '../actions/engine/stages/pool.js';
import { reply, startFakeAnthropic } from '../tests/fakes/anthropic/index.js';

const ASSETS = 48;
const CONCURRENCY = 4;
const LATENCY_MS = 200;
const MODEL = 'claude-sonnet-5-5';
const { readFile } = await import('node:fs/promises');
const config = parseConfig(await readFile(new URL('../.github/crescendo.yml', import.meta.url), 'utf8'));
const Asset = z.object({ title: z.string(), body: z.string() });
// A shared context the size of a real brand file + research summary + strategy (~6k tokens).
const shared = `<data name="brand-research-strategy">\n${'Cadence Automate helps lean B2B teams automate nurture. '.repeat(440)}\n</data>`;

async function job(concurrency: number, cache: boolean) {
  const fake = await startFakeAnthropic({ latencyMs: LATENCY_MS });
  fake.respond(() => reply.json({ title: 'A title', body: 'A body of about a hundred words. '.repeat(20) }));
  const llm = new AnthropicLlm({ apiKey: 'bench', baseURL: fake.url, maxRetries: 2 });
  const guard = new SpendGuard(config.pricing, 1_000, 0);
  let usage: LlmUsage = emptyUsage();
  const started = performance.now();
  await mapPool(
    Array.from({ length: ASSETS }, (_, i) => i),
    concurrency,
    async (i) => {
      const result = await generateStructured(
        {
          task: `bench/${i}`,
          model: MODEL,
          system: [{ text: shared, cache }, { text: 'You are the content creator.' }],
          messages: [{ role: 'user', content: `Write asset ${i}: a social post for week ${i % 12}.` }],
          schema: Asset,
          maxTokens: 2000,
        },
        { llm, pricing: config.pricing, guard, retries: 0 },
      );
      usage = addUsage(usage, result.usage);
    },
  );
  const wall = performance.now() - started;
  await fake.close();
  return { wall, usage, usd: costOf(config.pricing, MODEL, usage) };
}

const sequential = await job(1, true);
const pooled = await job(CONCURRENCY, true);
const uncached = await job(CONCURRENCY, false);
const ideal = Math.ceil(ASSETS / CONCURRENCY) * LATENCY_MS;
const totalInput = (u: LlmUsage) => u.inputTokens + u.cacheReadInputTokens + u.cacheCreationInputTokens;
const efficiency = pooled.wall / ideal;
const cacheShare = pooled.usage.cacheReadInputTokens / totalInput(pooled.usage);
const costRatio = pooled.usd / uncached.usd;

const row = (name: string, value: string, target: string, ok: boolean) =>
  console.log(`${name.padEnd(34)} ${value.padEnd(10)} target ${target.padEnd(8)} ${ok ? 'ok' : 'MISSED'}`);
console.log(`${ASSETS} assets, concurrency ${CONCURRENCY}, fake latency ${LATENCY_MS} ms`);
row('(a) wall ÷ ideal', `${efficiency.toFixed(3)}×`, '≤ 1.15×', efficiency <= 1.15);
row(
  '(a) speed-up over one at a time',
  `${(sequential.wall / pooled.wall).toFixed(2)}×`,
  `~${CONCURRENCY}×`,
  true,
);
row('(b) input tokens read from cache', `${(cacheShare * 100).toFixed(1)}%`, '≥ 70%', cacheShare >= 0.7);
row('(b) cost vs uncached', `${(costRatio * 100).toFixed(1)}%`, '≤ 40%', costRatio <= 0.4);
console.log(`cost: $${pooled.usd.toFixed(4)} cached vs $${uncached.usd.toFixed(4)} uncached`);
