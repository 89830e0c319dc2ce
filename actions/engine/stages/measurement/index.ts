import { dataDir, isMetricsFile } from '../../artifacts/data-files.js';
import { Analysis, ReportData, reportPath, reportsDir } from '../../artifacts/report.js';
import { readStrategy } from '../../artifacts/strategy.js';
import { type Channel, channelOf } from '../../channels/index.js';
import { CrescendoError, type Problem } from '../../errors.js';
import { renderArtifact } from '../../files/artifact-file.js';
import { bullets, table } from '../../files/markdown.js';
import { ask, campaignSystem, dataBlock, feedbackBlock } from '../ask.js';
import type { ArtifactKind, Stage, StageContext } from '../stage.js';
import { readMetricsFiles } from './metrics-file.js';
import { actualFor, type MetricsRow, summarise } from './performance.js';

const n = (v: number | undefined, digits = 0) =>
  v === undefined ? 'n/a' : v.toLocaleString('en-US', { maximumFractionDigits: digits });
const pct = (v: number | undefined) => (v === undefined ? 'n/a' : `${(v * 100).toFixed(1)}%`);

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

/**
 * Where the campaign's numbers come from: GA4 for visits and conversions (every tracked link carries
 * utm_content), and each paid channel's own campaign report for impressions, clicks and cost.
 */
function exportSources(channels: readonly Channel[]): string {
  const paid = channels
    .map(channelOf)
    .filter((c) => c.tracking?.medium === 'cpc' || c.tracking?.medium === 'paid_social')
    .map((c) => c.label);
  const ga4 =
    'GA4 (sessions and conversions by session source / medium and manual ad content, i.e. utm_content)';
  if (paid.length === 0) return ga4;
  const names = paid.length === 1 ? paid[0] : `${paid.slice(0, -1).join(', ')} and ${paid.at(-1)}`;
  return `${ga4}, and from the campaign reports of ${names} (impressions, clicks, cost)`;
}

/** The campaign's performance exports; none means the stage waits (code `waiting`) and no model is called. */
async function findMetricFiles(ctx: Pick<StageContext, 'listFiles' | 'campaign'>): Promise<string[]> {
  const dir = dataDir(ctx.campaign.brief.id);
  const files = (await ctx.listFiles(dir)).filter(isMetricsFile);
  if (files.length === 0) {
    throw new CrescendoError('no performance data to measure yet', {
      code: 'waiting',
      where: `${dir}/`,
      fix: `export daily performance per channel from ${exportSources(ctx.campaign.brief.channels)}, and commit it as ${dir}/metrics.csv with the columns date, channel, utm_content, impressions, clicks, cost, conversions, revenue`,
    });
  }
  return files;
}

/** Every row of the campaign's exports, checked before any model call (see metrics-file.ts). */
async function readMetrics(
  ctx: Pick<StageContext, 'listFiles' | 'readFile' | 'campaign'>,
): Promise<MetricsRow[]> {
  const paths = await findMetricFiles(ctx);
  const files = await Promise.all(
    paths.map(async (path) => ({ path, text: (await ctx.readFile(path)) ?? '' })),
  );
  return readMetricsFiles(files, ctx.campaign.brief.timeframe);
}

export const measurementStage: Stage = {
  name: 'measurement',
  title: 'Measurement report',
  checklist: [
    'Performance vs KPIs by channel',
    'Attribution across touchpoints',
    'ROI',
    'Top performing content and channels',
    'Specific optimisation recommendations',
  ],
  onMerge: 'accepts this report; the next one arrives on schedule',
  repeats: true,
  scheduled: 'run',
  writes: (id) => [reportsDir(id)],
  artifacts: [reportArtifact as ArtifactKind<unknown>],
  async ready(ctx) {
    await readMetrics(ctx);
  },
  async run(ctx: StageContext) {
    const { brief } = ctx.campaign;
    const [strategy, rows] = await Promise.all([readStrategy(ctx, ctx.campaign.brief.id), readMetrics(ctx)]);
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
          path: reportPath(brief.id, period.to),
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
