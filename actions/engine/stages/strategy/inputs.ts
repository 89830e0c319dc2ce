import { readReportFiles } from '../../artifacts/report.js';
import { Channel } from '../../channels/index.js';
import { CrescendoError } from '../../errors.js';
import { readFrontMatter } from '../../files/front-matter.js';
import {
  type Benchmarks,
  defaultBenchmarks,
  type MeasuredHistory,
  type Measurement,
  parseBenchmarks,
  withHistory,
} from '../../planning/benchmarks.js';
import type { StageContext } from '../stage.js';

/** The team-editable benchmarks file (see actions/engine/planning/README.md, "Benchmarks"). */
export const BENCHMARKS_PATH = '.github/crescendo/benchmarks.yml';

/**
 * Measurements with fewer underlying events than this are ignored: a CTR from 300
 * impressions says little. The sample is impressions for CTR, clicks for conversion rate and CPC.
 */
export const MIN_HISTORY_SAMPLE = 500;

export interface StrategyBenchmarks {
  benchmarks: Benchmarks;
  /** Where they came from, for the strategy document. */
  source: string;
  /** One line per measured value that replaced a published one. */
  measured: string[];
}

interface KpiLine {
  channel: string;
  metric: string;
  actual: number | null;
}

/** Pulls the per-channel totals a report's KPI lines carry (the measurement stage's own metric names). */
function totalsOf(kpis: readonly KpiLine[], channel: string) {
  const find = (test: (m: string) => boolean) =>
    kpis.find((k) => k.channel === channel && k.actual !== null && test(k.metric.toLowerCase()))?.actual ??
    undefined;
  return {
    impressions: find((m) => m.includes('impression')),
    clicks: find((m) => m.includes('click')),
    cost: find((m) => m.includes('cost') || m.includes('spend')),
    leads: find((m) => /(^|\W)(leads?|conversions?)(\W|$)/.test(m) && !m.includes('mql')),
  };
}

/**
 * Measured history from earlier reports, kept simple on purpose: for each channel, the most
 * recent report (by its period end) that has the numbers gives
 * - ctr = clicks ÷ impressions (sample: impressions),
 * - conversionRate = leads ÷ clicks (sample: clicks),
 * - cpc = cost ÷ clicks (sample: clicks).
 * Reports are `campaigns/<any id>/reports/*.md` with a `report:` front matter block.
 * Unreadable reports are skipped, never fatal: history is a refinement, not an input.
 */
export function historyFromReports(reports: readonly { path: string; text: string }[]): MeasuredHistory {
  const parsed = reports.flatMap(({ path, text }) => {
    try {
      const data = readFrontMatter(text, path).data.report as
        | { period?: { to?: string }; kpis?: KpiLine[] }
        | undefined;
      const asOf = data?.period?.to;
      if (!data || !Array.isArray(data.kpis) || typeof asOf !== 'string') return [];
      return [{ path, asOf, kpis: data.kpis }];
    } catch {
      return [];
    }
  });
  parsed.sort((a, b) => b.asOf.localeCompare(a.asOf) || a.path.localeCompare(b.path));
  const history: MeasuredHistory = {};
  for (const channel of Channel.options) {
    for (const report of parsed) {
      const t = totalsOf(report.kpis, channel);
      const m = (value: number, sampleSize: number): Measurement => ({
        value,
        asOf: report.asOf,
        source: report.path,
        sampleSize: Math.round(sampleSize),
      });
      const fields: NonNullable<MeasuredHistory[Channel]> = {};
      if (t.impressions && t.clicks !== undefined && t.clicks > 0 && t.clicks <= t.impressions)
        fields.ctr = m(t.clicks / t.impressions, t.impressions);
      if (t.clicks && t.leads !== undefined && t.leads > 0 && t.leads <= t.clicks)
        fields.conversionRate = m(t.leads / t.clicks, t.clicks);
      if (t.clicks && t.cost) fields.cpc = m(t.cost / t.clicks, t.clicks);
      if (Object.keys(fields).length > 0) {
        history[channel] = fields;
        break;
      }
    }
  }
  return history;
}

/**
 * The benchmarks the strategy plans with: the team's file when it exists (a broken file
 * fails the stage with line numbers, never silently falls back), else the shipped defaults;
 * then measured history from earlier reports replaces published values (`withHistory`).
 */
export async function loadStrategyBenchmarks(ctx: StageContext): Promise<StrategyBenchmarks> {
  const text = await ctx.readFile(BENCHMARKS_PATH);
  let benchmarks = text === undefined ? defaultBenchmarks() : parseBenchmarks(text, BENCHMARKS_PATH);
  const source =
    text === undefined
      ? `Crescendo default benchmarks (no ${BENCHMARKS_PATH}: copy, review and edit them)`
      : `${BENCHMARKS_PATH}${benchmarks.reviewedBy ? `, reviewed by ${benchmarks.reviewedBy}` : ''}${benchmarks.reviewedOn ? ` on ${benchmarks.reviewedOn}` : ''}`;
  const history = historyFromReports(await readReportFiles(ctx));
  const measured: string[] = [];
  if (Object.keys(history).length > 0) {
    try {
      benchmarks = withHistory(benchmarks, history, { minSampleSize: MIN_HISTORY_SAMPLE });
    } catch (error) {
      if (!(error instanceof CrescendoError)) throw error;
      ctx.log(`  measured history ignored: ${error.message}`);
    }
    for (const [channel, row] of Object.entries(benchmarks.channels)) {
      for (const [field, value] of Object.entries(row ?? {})) {
        if (value && typeof value === 'object' && 'measured' in value && value.measured)
          measured.push(`${channel}.${field} = ${value.value} (${value.source}, ${value.asOf})`);
      }
    }
  }
  return { benchmarks, source, measured };
}
