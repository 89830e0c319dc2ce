import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { Channel } from '../channels/index.js';
import { CrescendoError, type Problem } from '../errors.js';
import { DEFAULT_BENCHMARKS_YAML } from './benchmarks-default.js';
import { ConversionMetric } from './metrics.js';

/**
 * The team-editable benchmarks file: per channel, the funnel assumptions the strategy
 * stage plans with. Every number carries where it came from and when, because a plan
 * built on a 2019 email click rate should say so in the pull request that a human approves.
 *
 * Conventions: rates are fractions in (0, 1] (0.0642 = 6.42 %); money is in `currency`.
 */

const isoDate = z.iso.date({ error: 'must be a date written YYYY-MM-DD (quote it in YAML)' });

const sourced = {
  /** Publication and year, or a URL; "measured: …" when it came from our own history. */
  source: z.string().trim().min(1, 'say where this number comes from (publication + year, or a URL)'),
  /** The date the number describes: end of the data period, or publication date. */
  asOf: isoDate,
  /** Published range, when the source gives one; informational. */
  low: z.number().nonnegative().optional(),
  high: z.number().nonnegative().optional(),
  note: z.string().optional(),
  /** Set by `withHistory` when the value is our own measurement. */
  measured: z.boolean().optional(),
  sampleSize: z.number().int().nonnegative().optional(),
};

export const RateBenchmark = z
  .object({
    value: z.number().gt(0, 'a rate must be above 0').max(1, 'a rate is a fraction: 3 % is 0.03'),
    ...sourced,
  })
  .strict();
export type RateBenchmark = z.infer<typeof RateBenchmark>;

export const MoneyBenchmark = z.object({ value: z.number().positive(), ...sourced }).strict();
export type MoneyBenchmark = z.infer<typeof MoneyBenchmark>;

/** A volume (visits, impressions) in a period; a team's own number, never a publication's. */
export const CountBenchmark = z.object({ value: z.number().positive(), ...sourced }).strict();
export type CountBenchmark = z.infer<typeof CountBenchmark>;

export type SourcedValue = RateBenchmark | MoneyBenchmark | CountBenchmark;

/**
 * How a channel's cost grows with volume:
 * - `cpc`: pay per click; `cpm`: pay per thousand impressions;
 * - `cpl`: pay per lead (events, content syndication), cost = conversions × `cpl`;
 * - `none`: no media cost (organic channels; production cost is planned as a fixed cost).
 */
export const CostModel = z.enum(['cpc', 'cpm', 'cpl', 'none']);
export type CostModel = z.infer<typeof CostModel>;

export const ChannelBenchmark = z
  .object({
    costModel: CostModel,
    cpc: MoneyBenchmark.optional(),
    cpm: MoneyBenchmark.optional(),
    /** Clicks ÷ impressions (for email: clicks ÷ delivered emails). */
    ctr: RateBenchmark.optional(),
    /** Visit → conversion on the landing page (any form: lead, signup, …). */
    conversionRate: RateBenchmark.optional(),
    /** Per-metric visit → conversion rates that override `conversionRate` (demos convert lower than ebooks). */
    conversionRates: z.partialRecord(ConversionMetric, RateBenchmark).optional(),
    /** Lead → marketing-qualified lead. */
    leadToMql: RateBenchmark.optional(),
    /** Typical published cost per lead: the cost when `costModel` is `cpl`, and the plausibility reference. */
    cpl: MoneyBenchmark.optional(),
    /** One-off cost to use the channel at all (platform fee, booth), per campaign. */
    fixedCost: MoneyBenchmark.optional(),
    /**
     * Spend per 30 days at which the benchmark rates hold on average; sets the scale of
     * the diminishing-returns curve (see optimiser README section). An assumption, not a publication.
     */
    referenceMonthlySpend: MoneyBenchmark.optional(),
    /**
     * What an organic channel (`costModel: none`) brings in 30 days without media spend, new content
     * included: visits (blog sessions) or impressions (delivered emails, post impressions; `ctr` turns
     * them into clicks). The team's own analytics; the strategy plans organic results from it.
     */
    monthlyVisits: CountBenchmark.optional(),
    monthlyImpressions: CountBenchmark.optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    const needs: Partial<Record<CostModel, 'cpc' | 'cpm' | 'cpl'>> = { cpc: 'cpc', cpm: 'cpm', cpl: 'cpl' };
    const field = needs[b.costModel];
    if (field && b[field] === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `costModel ${b.costModel} needs a ${field} value`,
      });
    }
    if (b.costModel === 'cpm' && b.ctr === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['ctr'],
        message: 'costModel cpm needs a ctr to turn impressions into clicks',
      });
    }
  });
export type ChannelBenchmark = z.infer<typeof ChannelBenchmark>;

export const BenchmarksFile = z
  .object({
    version: z.literal(1),
    /** ISO 4217 code of every money value in the file. */
    currency: z.string().regex(/^[A-Z]{3}$/, 'use an ISO 4217 code such as USD'),
    /** Who last reviewed the numbers, and when; shown in the strategy PR. */
    reviewedBy: z.string().optional(),
    reviewedOn: isoDate.optional(),
    channels: z.partialRecord(Channel, ChannelBenchmark),
    /** Needed only for revenue objectives. */
    revenue: z.object({ mqlToWon: RateBenchmark, averageDealValue: MoneyBenchmark }).strict().optional(),
  })
  .strict();
export type Benchmarks = z.infer<typeof BenchmarksFile>;

/**
 * Parses and validates a benchmarks YAML file. Throws a `CrescendoError` listing every
 * problem with its field path and line, e.g. `benchmarks.yml:14: channels.email.ctr.value: …`.
 */
export function parseBenchmarks(yamlText: string, where = 'benchmarks.yml'): Benchmarks {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => ({
      where,
      line: lineCounter.linePos(e.pos[0]).line,
      message: e.message.split('\n')[0] ?? e.message,
    }));
    throw new CrescendoError('the benchmarks file is not valid YAML', {
      where,
      problems,
      fix: 'fix the YAML syntax at the lines above',
    });
  }
  const parsed = BenchmarksFile.safeParse(doc.toJS());
  if (parsed.success) return parsed.data;
  const problems: Problem[] = parsed.error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    return {
      where: `${where}`,
      line: lineOf(doc, lineCounter, path),
      message: `${path.join('.') || '(top level)'}: ${issue.message}`,
    };
  });
  throw new CrescendoError('the benchmarks file has invalid values', {
    where,
    problems,
    fix: 'edit the values listed above; rates are fractions (3 % is 0.03) and every value needs source and asOf',
  });
}

/** Line of the deepest node along `path` that exists in the document. */
function lineOf(
  doc: ReturnType<typeof parseDocument>,
  counter: LineCounter,
  path: (string | number)[],
): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (node && typeof node === 'object' && 'range' in node && Array.isArray(node.range)) {
      const start = node.range[0];
      if (typeof start === 'number') return counter.linePos(start).line;
    }
    if (depth === 0 && !(isMap(doc.contents) || isSeq(doc.contents))) return undefined;
  }
  return undefined;
}

/** The shipped defaults (see `benchmarks-default.ts`); teams copy and review them. */
export function defaultBenchmarks(): Benchmarks {
  return parseBenchmarks(DEFAULT_BENCHMARKS_YAML, 'crescendo default benchmarks');
}

/** The benchmark fields that are rates or money and can be replaced by a measurement. */
export type BenchmarkField = 'cpc' | 'cpm' | 'ctr' | 'conversionRate' | 'leadToMql' | 'cpl';

/** One measured value from our own history (a past campaign's report). */
export interface Measurement {
  value: number;
  /** Last day of the measured period. */
  asOf: string;
  /** Where it was measured, e.g. `campaigns/2025-q1/reports/2025-03-31.md`. */
  source: string;
  /** Number of underlying events (impressions for CTR, clicks for conversion rate, …). */
  sampleSize?: number;
}

export type MeasuredHistory = Partial<Record<Channel, Partial<Record<BenchmarkField, Measurement>>>>;

export interface WithHistoryOptions {
  /** Measurements with a smaller `sampleSize` are ignored (default 0: all are used). */
  minSampleSize?: number;
}

/**
 * Returns new benchmarks in which measured values replace published ones. A measurement
 * wins because it describes our audience; it is marked `measured: true` and its source is
 * prefixed `measured:` so the strategy document can say which numbers are ours. The result
 * is validated again (a measured CTR of 0 or 1.3 is rejected with a clear error).
 */
export function withHistory(
  benchmarks: Benchmarks,
  measured: MeasuredHistory,
  options: WithHistoryOptions = {},
): Benchmarks {
  const minSample = options.minSampleSize ?? 0;
  const channels: Benchmarks['channels'] = structuredClone(benchmarks.channels);
  for (const channel of Channel.options) {
    const fields = measured[channel];
    const row = channels[channel];
    if (!fields || !row) continue;
    for (const [field, m] of Object.entries(fields) as [BenchmarkField, Measurement | undefined][]) {
      if (!m || (m.sampleSize !== undefined && m.sampleSize < minSample)) continue;
      if (m.sampleSize === undefined && minSample > 0) continue;
      row[field] = {
        value: m.value,
        asOf: m.asOf,
        source: m.source.startsWith('measured:') ? m.source : `measured: ${m.source}`,
        measured: true,
        ...(m.sampleSize === undefined ? {} : { sampleSize: m.sampleSize }),
      };
    }
  }
  const result = BenchmarksFile.safeParse({ ...benchmarks, channels });
  if (!result.success) {
    throw new CrescendoError('a measured value is not a valid benchmark', {
      where: 'measured history',
      problems: result.error.issues.map((i) => ({ where: i.path.map(String).join('.'), message: i.message })),
      fix: 'check the measurement (rates are fractions between 0 and 1, money above 0)',
    });
  }
  return result.data;
}
