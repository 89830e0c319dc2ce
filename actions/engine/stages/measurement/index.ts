import { z } from 'zod';
import { CrescendoError, type Problem } from '../../errors.js';
import { renderArtifact } from '../../files/artifact-file.js';
import { bullets, table } from '../../files/markdown.js';
import { ask, campaignSystem, dataBlock, feedbackBlock } from '../ask.js';
import type { ArtifactKind, Stage, StageContext } from '../stage.js';
import { readStrategy } from '../strategy/index.js';
import { actualFor, type MetricsRow, parseMetricsCsv, summarise } from './performance.js';

export const Analysis = z.object({
  headline: z.string().min(1),
  attribution: z.string().min(1).describe('How channels and touchpoints contributed, from the numbers given'),
  recommendations: z
    .array(
      z.object({
        recommendation: z.string().min(1),
        basedOn: z
          .array(z.string())
          .min(1)
          .describe('Channels or utm_content values from the data it rests on'),
        expectedImpact: z.string().min(1),
      }),
    )
    .min(3),
});
export type Analysis = z.infer<typeof Analysis>;

const n = (v: number | undefined, digits = 0) =>
  v === undefined ? 'n/a' : v.toLocaleString('en-US', { maximumFractionDigits: digits });
const pct = (v: number | undefined) => (v === undefined ? 'n/a' : `${(v * 100).toFixed(1)}%`);

export const ReportData = z.object({
  period: z.object({ from: z.iso.date(), to: z.iso.date() }),
  kpis: z.array(
    z.object({
      channel: z.string(),
      metric: z.string(),
      target: z.number(),
      actual: z.number().nullable(),
      attainment: z.number().nullable(),
    }),
  ),
  roi: z.number().nullable(),
  top: z.array(z.string()),
  bottom: z.array(z.string()),
  analysis: Analysis,
});
export type ReportData = z.infer<typeof ReportData>;

export function analysisCheckpoints(analysis: Analysis, known: Set<string>): Problem[] {
  return analysis.recommendations.flatMap((r, i) =>
    r.basedOn
      .filter((ref) => !known.has(ref))
      .map((ref) => ({
        where: `recommendations[${i}].basedOn`,
        message: `"${ref}" is not a channel or utm_content in the data`,
      })),
  );
}

export const reportArtifact: ArtifactKind<ReportData> = {
  kind: 'report',
  schema: ReportData,
  checkpoints: () => [],
};

/** Every measurement report of every campaign on the default branch, as text: the input to later cycles. */
export async function readReportFiles(ctx: StageContext): Promise<{ path: string; text: string }[]> {
  const paths = (await ctx.listFiles('campaigns')).filter((p) =>
    /^campaigns\/[^/]+\/reports\/[^/]+\.md$/.test(p),
  );
  const files: { path: string; text: string }[] = [];
  for (const path of paths) {
    const text = await ctx.readFile(path);
    if (text !== undefined) files.push({ path, text });
  }
  return files;
}

export const metricsDir = (id: string): string => `campaigns/${id}/data`;

export async function readMetrics(ctx: StageContext): Promise<MetricsRow[]> {
  const dir = metricsDir(ctx.campaign.brief.id);
  const files = (await ctx.listFiles(dir)).filter((p) => /metrics[^/]*\.csv$/.test(p));
  if (files.length === 0) {
    throw new CrescendoError('no performance data to measure', {
      where: `${dir}/`,
      fix: 'export daily performance to metrics.csv there (date, channel, utm_content, impressions, clicks, cost, conversions, revenue), then run measurement',
    });
  }
  const rows: MetricsRow[] = [];
  for (const file of files) rows.push(...parseMetricsCsv((await ctx.readFile(file)) ?? '', file));
  return rows;
}

export const measurementStage: Stage = {
  name: 'measurement',
  title: 'Measurement report',
  async run(ctx: StageContext) {
    const { brief } = ctx.campaign;
    const [strategy, rows] = await Promise.all([readStrategy(ctx), readMetrics(ctx)]);
    const summary = summarise(rows);
    const dates = rows.map((r) => r.date).sort();
    const period = { from: dates[0]!, to: dates.at(-1)! };
    const kpis = strategy.kpis.map((k) => {
      const channel = summary.channels.find((c) => c.channel === k.channel);
      const actual = channel ? (actualFor(k.metric, channel) ?? null) : null;
      return {
        channel: k.channel,
        metric: k.metric,
        target: k.target,
        actual,
        attainment: actual === null ? null : actual / k.target,
      };
    });
    const top = summary.assets.slice(0, 3).map((a) => a.utmContent);
    const bottom = summary.assets
      .slice(-3)
      .reverse()
      .map((a) => a.utmContent)
      .filter((a) => !top.includes(a));
    const known = new Set([
      ...summary.channels.map((c) => c.channel),
      ...summary.assets.map((a) => a.utmContent),
    ]);
    ctx.log(`  analysing ${rows.length} rows from ${period.from} to ${period.to}`);
    const facts = {
      period,
      total: summary.total,
      channels: summary.channels,
      kpis,
      topAssets: summary.assets.slice(0, 3),
      bottomAssets: summary.assets.slice(-3),
    };
    const { data: analysis, cost } = await ask(ctx, 'measurement', {
      task: `measurement/${period.to}`,
      system: campaignSystem(ctx, 'You are the analytics analyst: attribution, ROI, optimisation.'),
      prompt: `The numbers below were computed by code from the campaign's performance exports; do not change them. Explain attribution across channels and give at least 3 specific optimisation recommendations, each naming the channels or utm_content values it rests on.\n\n${dataBlock('measured-performance', JSON.stringify(facts, null, 2))}${feedbackBlock(ctx)}`,
      schema: Analysis,
      check: (a) => analysisCheckpoints(a, known),
    });
    const report: ReportData = { period, kpis, roi: summary.total.roi ?? null, top, bottom, analysis };
    const c = brief.budget.currency;
    const body = [
      `# Performance report ${period.from} – ${period.to}`,
      `**${analysis.headline}**`,
      `Spend ${c} ${n(summary.total.cost, 2)} · revenue ${c} ${n(summary.total.revenue, 2)} · ROI ${pct(summary.total.roi)} · conversions ${n(summary.total.conversions)} · cost per conversion ${c} ${n(summary.total.cpa, 2)}`,
      '## Performance against KPIs',
      table(
        ['Channel', 'KPI', 'Target', 'Actual', 'Attainment'],
        kpis.map((k) => [
          k.channel,
          k.metric,
          n(k.target),
          n(k.actual ?? undefined),
          k.attainment === null ? 'not measured' : pct(k.attainment),
        ]),
      ),
      '## Channels',
      table(
        ['Channel', 'Impressions', 'Clicks', 'CTR', 'Cost', 'Conversions', 'Cost/conv.', 'Revenue', 'ROI'],
        summary.channels.map((ch) => [
          ch.channel,
          n(ch.impressions),
          n(ch.clicks),
          pct(ch.ctr),
          n(ch.cost, 2),
          n(ch.conversions),
          n(ch.cpa, 2),
          n(ch.revenue, 2),
          pct(ch.roi),
        ]),
      ),
      '## Attribution',
      analysis.attribution,
      '## Top and bottom performers',
      `Top: ${top.join(', ') || 'n/a'}. Bottom: ${bottom.join(', ') || 'n/a'}.`,
      '## Recommendations',
      ...analysis.recommendations.map(
        (r, i) =>
          `${i + 1}. **${r.recommendation}** — expected: ${r.expectedImpact} _(based on ${r.basedOn.join(', ')})_`,
      ),
    ].join('\n\n');
    const meta = {
      kind: 'report',
      campaign: brief.id,
      generated: ctx.now.toISOString(),
      sample: ctx.llm.isSample,
    };
    return {
      files: [
        {
          path: `campaigns/${brief.id}/reports/${period.to}-report.md`,
          content: renderArtifact(meta, { report }, body),
        },
      ],
      summary: bullets([
        `Period ${period.from} – ${period.to}; ROI ${pct(summary.total.roi)}`,
        `${analysis.recommendations.length} recommendations`,
      ]),
      cost,
    };
  },
};
