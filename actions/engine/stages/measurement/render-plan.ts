import { table } from '../../files/markdown.js';
import type { Measure } from '../../importers/metric-row.js';
import { METRIC_LABELS, type ObjectiveMetric } from '../../planning/metrics.js';
import { cash, change, NA, num, pct } from './format.js';
import type { Measured } from './measure.js';
import { channelLabel, MEASURE_LABELS } from './measures.js';
import { PACING_TOLERANCE } from './plan.js';

const metricLabel = (m: string): string => METRIC_LABELS[m as ObjectiveMetric] ?? m;
const per = (period: string | undefined) => (period ? ` a ${period}` : '');

/** Plan vs actual: the budget and its pacing, the objectives, and every KPI of the plan of record. */
export function renderPlanVsActual(m: Measured, currency: string): string {
  const p = m.planVsActual;
  const over = p.budget.filter((b) => b.status === 'overspending');
  const under = p.budget.filter((b) => b.status === 'underspending');
  const alerts = [
    ...over.map(
      (b) =>
        `**${channelLabel(b.channel)} has spent ${pct(b.spentShare)} of its approved ${cash(b.budget, currency)}** (${cash(b.spend, currency)}) with ${pct(p.elapsed)} of the campaign elapsed: pacing ${pct(b.pacing)}.`,
    ),
    ...under.map(
      (b) =>
        `${channelLabel(b.channel)} has spent ${pct(b.spentShare)} of its approved ${cash(b.budget, currency)} with ${pct(p.elapsed)} of the campaign elapsed: pacing ${pct(b.pacing)}.`,
    ),
  ];
  return [
    '## Plan vs actual',
    `As of ${m.plan.asOf}: day ${p.daysElapsed} of ${p.windowDays} (${pct(p.elapsed)} of the campaign window). Pacing = spend to date ÷ (approved budget × elapsed share): 100% is on pace; beyond ±${Math.round(PACING_TOLERANCE * 100)}% a line is over- or underspending. Organic lines are production budgets, which ad-platform data does not carry.`,
    ...alerts,
    '### Budget and pacing',
    table(
      ['Channel', 'Approved budget', 'Spent to date', 'Share spent', 'Pacing', 'Status'],
      p.budget.map((b) => [
        channelLabel(b.channel),
        cash(b.budget, currency),
        b.spend === undefined ? 'not measured' : cash(b.spend, currency),
        pct(b.spentShare),
        pct(b.pacing),
        b.status,
      ]),
    ),
    '### Objectives',
    table(
      ['Objective', 'Target', 'Planned', 'Actual', 'Attainment', 'Pace to date', 'Measured by'],
      p.objectives.map((o) => [
        `${metricLabel(o.metric)}${o.channel ? ` on ${channelLabel(o.channel)}` : ''}${per(o.period)}`,
        num(o.target),
        num(o.planned),
        o.column ? num(o.actual) : 'not measured',
        pct(o.attainment),
        pct(o.pace),
        o.column ? (o.column.proxy ?? MEASURE_LABELS[o.column.measure]) : 'no column in the data',
      ]),
    ),
    '### KPIs by channel',
    'Expected by now is the target prorated to the days elapsed (a rate per period is compared as the average so far); pace = actual ÷ expected by now.',
    table(
      ['Channel', 'KPI', 'Target', 'Expected by now', 'Actual', 'Attainment', 'Pace'],
      p.kpis.map((k) => [
        channelLabel(k.channel),
        `${metricLabel(k.metric)}${per(k.period)}`,
        num(k.target),
        num(k.expectedToDate),
        k.column ? num(k.actual) : 'not measured',
        pct(k.attainment),
        pct(k.pace),
      ]),
    ),
  ].join('\n\n');
}

const FUNNEL: readonly Measure[] = [
  'impressions',
  'clicks',
  'sessions',
  'cost',
  'conversions',
  'leads',
  'mqls',
  'sqls',
  'opportunities',
  'pipeline',
  'revenue',
];
const MONEY = new Set<Measure>(['cost', 'pipeline', 'revenue']);

/** The funnel per channel: every measured column, from impressions to revenue. */
export function renderFunnel(m: Measured, currency: string): string {
  const cols = FUNNEL.filter((c) => m.measured.includes(c));
  const missing = (['leads', 'mqls', 'sqls', 'opportunities', 'pipeline', 'revenue'] as Measure[]).filter(
    (c) => !m.measured.includes(c),
  );
  const value = (v: number | undefined, c: Measure) => (MONEY.has(c) ? cash(v, currency) : num(v));
  const resultLabel = m.result
    ? `Cost per ${MEASURE_LABELS[m.result.measure].replace(/s$/, '')}`
    : 'Cost per result';
  const rows = m.channels.map((ch) => [
    channelLabel(ch.channel),
    ...cols.map((c) => value(ch.totals[c], c)),
    pct(ch.ctr),
    cash(ch.costPerResult, currency),
    pct(ch.roi),
  ]);
  rows.push([
    '**Total**',
    ...cols.map((c) => value(m.totals[c], c)),
    pct(
      m.totals.clicks !== undefined && m.totals.impressions
        ? m.totals.clicks / m.totals.impressions
        : undefined,
    ),
    m.result && m.totals.cost && m.totals[m.result.measure]
      ? cash(m.totals.cost / m.totals[m.result.measure]!, currency)
      : NA,
    pct(m.totalRoi),
  ]);
  return [
    '## Funnel by channel (campaign to date)',
    table(['Channel', ...cols.map((c) => MEASURE_LABELS[c]), 'CTR', resultLabel, 'ROI (media)'], rows),
    missing.length
      ? `Not measured: ${missing.map((c) => MEASURE_LABELS[c]).join(', ')} — connect the CRM (HubSpot) or add those columns to the metrics file.`
      : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** This period against the one before, per channel. */
export function renderComparison(m: Measured, currency: string): string {
  const c = m.comparison;
  const shown: Measure[] = ['cost', 'clicks', ...(m.result ? [m.result.measure] : [])];
  const cellOf = (
    changes: { measure: Measure; current?: number; previous?: number; change?: number }[],
    measure: Measure,
  ) => {
    const x = changes.find((y) => y.measure === measure);
    if (!x) return NA;
    const v = (n: number | undefined) => (MONEY.has(measure) ? cash(n, currency) : num(n));
    return `${v(x.current ?? 0)} (${change(x.change)})`;
  };
  const title = c.label.charAt(0).toUpperCase() + c.label.slice(1);
  return [
    `## ${title}`,
    `${c.current.from} – ${c.current.to} against ${c.previous.from} – ${c.previous.to}; each cell is this period's figure and its change.`,
    table(
      ['Channel', ...shown.map((s) => MEASURE_LABELS[s])],
      [
        ...c.channels.map((ch) => [channelLabel(ch.channel), ...shown.map((s) => cellOf(ch.changes, s))]),
        ['**Total**', ...shown.map((s) => cellOf(c.total, s))],
      ],
    ),
  ].join('\n\n');
}

/** The campaign month by month. */
export function renderMonths(m: Measured, currency: string): string {
  const shown: Measure[] = (
    ['cost', 'impressions', 'clicks', 'leads', 'mqls', 'revenue'] as Measure[]
  ).filter((x) => m.measured.includes(x));
  return [
    '## Monthly roll-up',
    table(
      ['Month', 'Days with data', ...shown.map((s) => MEASURE_LABELS[s])],
      m.months.map((row) => [
        row.month,
        `${row.from} – ${row.to}`,
        ...shown.map((s) => (MONEY.has(s) ? cash(row.totals[s], currency) : num(row.totals[s]))),
      ]),
    ),
  ].join('\n\n');
}
