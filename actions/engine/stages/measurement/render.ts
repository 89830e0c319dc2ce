import type { Analysis } from '../../artifacts/report.js';
import type { ModelId } from '../../attribution/index.js';
import { bullets, table } from '../../files/markdown.js';
import { THRESHOLD } from './anomalies.js';
import { attributionChart, trendChart } from './charts.js';
import { cash, num, pct } from './format.js';
import type { Measured } from './measure.js';
import { channelLabel, MEASURE_LABELS } from './measures.js';
import { MIN_DAYS_LIVE } from './rankings.js';
import { renderComparison, renderFunnel, renderMonths, renderPlanVsActual } from './render-plan.js';

const MODEL_NAMES: Record<ModelId, string> = {
  first: 'First touch',
  last: 'Last touch',
  linear: 'Linear',
  position: 'Position',
  'time-decay': 'Time decay',
  markov: 'Markov',
  shapley: 'Shapley',
};

export interface RenderContext {
  campaignName: string;
  currency: string;
  /** Sample data (the demo): said at the top. */
  sample: boolean;
  analysis: Analysis;
  touchpointsDir: string;
  /** Files read, findings of the checks, pulls. */
  files: string[];
  findings: string[];
  pulled: string[];
  amendmentPath?: string;
  nextCycle?: boolean;
}

function title(m: Measured, name: string): string {
  const kind = m.plan.final ? 'Final' : m.plan.cadence === 'monthly' ? 'Monthly' : 'Weekly';
  const span =
    m.plan.cadence === 'monthly' && !m.plan.final
      ? `${m.plan.current.from.slice(0, 7)}`
      : `${m.dataFrom} – ${m.plan.asOf}`;
  return `# ${kind} performance report: ${name}, ${span}`;
}

function glance(m: Measured, currency: string): string {
  const r = m.result;
  const parts = [
    `Spend ${cash(m.totals.cost, currency)}`,
    ...(r ? [`${num(m.totals[r.measure])} ${MEASURE_LABELS[r.measure]}`] : []),
    ...(m.totals.revenue !== undefined
      ? [`revenue ${cash(m.totals.revenue, currency)}`, `ROI (media) ${pct(m.totalRoi)}`]
      : []),
    `${pct(m.planVsActual.elapsed)} of the campaign elapsed`,
  ];
  return parts.join(' · ');
}

function renderTrends(m: Measured, currency: string): string {
  if (m.weeks.length < 2) return '';
  const r = m.result;
  return [
    '### Weekly trend',
    trendChart(`Spend per week (${currency})`, currency, m.weeks, m.weeklySpend),
    ...(r
      ? [
          trendChart(
            `${MEASURE_LABELS[r.measure]} per week`,
            MEASURE_LABELS[r.measure],
            m.weeks,
            m.weeklyResults,
          ),
        ]
      : []),
  ].join('\n\n');
}

function renderAttribution(m: Measured, ctx: RenderContext): string {
  const a = m.attribution;
  if (!a || a.totalConversions === 0) {
    return [
      '## Attribution',
      a
        ? 'The imported journeys hold no conversion with a touch before it: nothing to credit.'
        : `No journeys imported yet, so no model can be run. Add a touchpoint export to \`${ctx.touchpointsDir}/\` (a CSV of user_id, timestamp, event, channel, value; aggregated paths; or GA4 BigQuery export files), or a HubSpot contacts export to the metrics folder.`,
      ctx.analysis.attribution,
    ].join('\n\n');
  }
  const unit = m.result ? MEASURE_LABELS[m.result.measure] : 'conversions';
  return [
    '## Attribution',
    `${num(a.totalConversions)} conversions in ${num(a.journeys)} journeys, credited by ${a.models.length} models side by side. The spread (most minus least credit across models) is the honest uncertainty: where it is wide, the choice of model decides the answer.`,
    table(
      ['Channel', ...a.models.map((x) => MODEL_NAMES[x]), 'Spread'],
      a.channels.map((c) => [
        channelLabel(c.channel),
        ...a.models.map((x) => num(c.credits[x], 1)),
        num(c.spread, 1),
      ]),
    ),
    attributionChart(a, unit),
    ctx.analysis.attribution,
    ...(a.notes.length ? [bullets(a.notes)] : []),
    `Journeys from: ${a.files.map((f) => `\`${f}\``).join(', ')}.`,
  ].join('\n\n');
}

function renderRankings(m: Measured, currency: string): string {
  const r = m.rankings;
  const unit = m.result ? MEASURE_LABELS[m.result.measure] : 'clicks';
  const row = (x: (typeof r.top)[number]) => [
    `\`${x.utmContent}\``,
    channelLabel(x.channel),
    num(x.daysLive),
    num(x.results),
    num(x.resultsPerDay, 2),
    x.cost === undefined ? 'no spend' : cash(x.costPerResult, currency),
  ];
  const heads = [
    'Asset (utm_content)',
    'Channel',
    'Days live',
    unit,
    `${unit} per day live`,
    `Cost per ${unit.replace(/s$/, '')}`,
  ];
  return [
    '## Top and bottom performers',
    `Ranked fairly: assets with spend by cost per ${unit.replace(/s$/, '')}, the rest by ${unit} per day live; assets live under ${MIN_DAYS_LIVE} days are not ranked.`,
    '**Top**',
    r.top.length ? table(heads, r.top.map(row)) : 'Too few assets to rank.',
    '**Bottom**',
    r.bottom.length ? table(heads, r.bottom.map(row)) : 'Too few assets to rank.',
    ...(r.tooNew.length ? [`Too new to rank: ${r.tooNew.map((t) => `\`${t}\``).join(', ')}.`] : []),
  ].join('\n\n');
}

function renderAnomalies(m: Measured, currency: string): string {
  const rule = `A day is flagged when its modified z-score (0.6745 × (value − median) ÷ median absolute deviation, against the 28 days before it) is beyond ±${THRESHOLD}.`;
  if (m.anomalies.length === 0)
    return ['## Anomalies', `None in ${m.plan.current.from} – ${m.plan.current.to}. ${rule}`].join('\n\n');
  return [
    '## Anomalies',
    rule,
    table(
      ['Day', 'Channel', 'Measure', 'Value', 'Median of the days before', 'Direction'],
      m.anomalies.map((a) => [
        a.date,
        channelLabel(a.channel),
        MEASURE_LABELS[a.measure],
        a.measure === 'cost' ? cash(a.value, currency) : num(a.value),
        a.measure === 'cost' ? cash(a.median, currency) : num(a.median),
        a.direction,
      ]),
    ),
  ].join('\n\n');
}

function renderShift(m: Measured, ctx: RenderContext): string {
  const s = m.shift;
  if ('none' in s) return ['## Budget', `No budget move is proposed: ${s.none}.`].join('\n\n');
  const { move } = s;
  const unit = m.result ? MEASURE_LABELS[m.result.measure].replace(/s$/, '') : 'result';
  const what = `move ${cash(move.amount, ctx.currency)} from ${channelLabel(move.from.channel)} (${cash(move.from.costPerResult, ctx.currency)} per ${unit}) to ${channelLabel(move.to.channel)} (${cash(move.to.costPerResult, ctx.currency)} per ${unit})`;
  return [
    '## Budget',
    ctx.amendmentPath
      ? `The data supports a budget move: ${what}. It is proposed as an amendment to the strategy in \`${ctx.amendmentPath}\`, with the justification line the strategy lock asks for; apply it in its own pull request, or leave it.`
      : `For the next cycle, the data supports shifting budget: ${what}.`,
  ].join('\n\n');
}

/** The report body: numbers computed by code, words by the model, charts where a person would rather look. */
export function renderReport(m: Measured, ctx: RenderContext): string {
  const c = ctx.currency;
  return [
    title(m, ctx.campaignName),
    ...(ctx.sample
      ? [
          '> **Sample data.** The performance and touchpoint files are synthetic samples shipped with Crescendo: no real campaign produced these numbers.',
        ]
      : []),
    `**${ctx.analysis.headline}**`,
    glance(m, c),
    renderPlanVsActual(m, c),
    renderFunnel(m, c),
    renderComparison(m, c),
    renderTrends(m, c),
    renderMonths(m, c),
    renderAttribution(m, ctx),
    renderRankings(m, c),
    renderAnomalies(m, c),
    renderShift(m, ctx),
    '## Recommendations',
    ctx.analysis.recommendations
      .map(
        (r, i) =>
          `${i + 1}. **${r.recommendation}** — expected: ${r.expectedImpact} _(based on ${r.basedOn.join(', ')})_`,
      )
      .join('\n'),
    ...(ctx.nextCycle
      ? ['The campaign is over: these recommendations open the next cycle as an issue.']
      : []),
    '## Data',
    bullets([
      ...ctx.pulled.map((p) => `Pulled: ${p}`),
      ...ctx.files.map((f) => `Read: ${f}`),
      ...(ctx.findings.length
        ? ctx.findings.map((f) => `Check: ${f}`)
        : ['Checks: no duplicate, out-of-window or suspicious rows.']),
    ]),
  ]
    .filter(Boolean)
    .join('\n\n');
}
