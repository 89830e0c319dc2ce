import type { Brief } from '../../artifacts/brief.js';
import type { ObjectivePlan, StrategyData } from '../../artifacts/strategy.js';
import { CHANNEL_LABELS } from '../../channels/index.js';
import { money, table } from '../../files/markdown.js';
import { renderBudgetChart, renderGantt } from '../../planning/charts.js';
import { formatCount } from '../../planning/format.js';
import { type KpiNode, renderKpiTree } from '../../planning/funnel.js';
import { METRIC_LABELS, ObjectiveMetric } from '../../planning/metrics.js';
import { perPeriod } from '../../planning/periods.js';
import { planTimeline } from '../../planning/timeline.js';
import { OVERRIDE_KEY } from '../override-line.js';
import { channelLabel } from './labels.js';

/** The WARNING section sits between these markers, so an override can be recorded in place. */
export const WARNINGS_START = '<!-- crescendo:warnings -->';
export const WARNINGS_END = '<!-- /crescendo:warnings -->';

const LETTER: Record<string, string> = {
  pass: 'pass',
  fail: 'FAIL',
  warning: 'WARNING',
  'not-assessed': 'not assessed',
};

/** "MQLs", "sessions a month": an objective's metric as a column heading. */
function metricHeading(p: Pick<ObjectivePlan, 'metric' | 'period'>): string {
  return `${METRIC_LABELS[p.metric]}${p.period ? ` ${perPeriod(p.period)}` : ''}`;
}

/** "69 short", "on target", "12 above". */
export function gapText(p: Pick<ObjectivePlan, 'target' | 'planned'>): string {
  const gap = Math.round(p.target - p.planned);
  if (gap > 0) return `${formatCount(gap)} short`;
  return gap === 0 ? 'on target' : `${formatCount(-gap)} above`;
}

/** A warning as one line; an override lists the lines it accepted. */
export const warningText = (w: { subject: string; message: string }): string => `${w.subject}: ${w.message}`;

/** The WARNING section: what blocks approval, or who accepted it and why. Empty without warnings. */
export function renderWarnings(data: StrategyData, campaignId: string): string {
  if (data.warnings.length === 0) return `${WARNINGS_START}\n${WARNINGS_END}`;
  const accepted = new Set(data.override?.accepts ?? []);
  const open = data.warnings.filter((w) => !accepted.has(warningText(w)));
  const list = (items: typeof data.warnings) =>
    items.map((w) => `- **${w.subject}**: ${w.message}`).join('\n');
  const parts: string[] = [];
  if (open.length > 0) {
    parts.push(
      '## WARNING: approval is blocked',
      'The plan of record does not reach every target at benchmark rates, or relies on an implausible cost. The strategy check fails and this strategy should not be approved until the brief, the budget or the benchmarks change (then revise it), or a person with write access accepts these warnings with a reason:',
      `- on GitHub, comment on the strategy pull request: \`${OVERRIDE_KEY} <reason>\`\n- locally: \`crescendo approve ${campaignId || '<id>'} --override "<reason>"\``,
      list(open),
    );
  }
  const kept = data.warnings.filter((w) => accepted.has(warningText(w)));
  if (data.override && kept.length > 0) {
    parts.push(
      `## Warnings accepted by ${data.override.by} on ${data.override.at.slice(0, 10)}`,
      `> ${data.override.reason.replaceAll('\n', ' ')}`,
      list(kept),
    );
  }
  return [WARNINGS_START, ...parts, WARNINGS_END].join('\n\n');
}

function objectivesSection(data: StrategyData): string[] {
  const rows = data.objectives.map((o, i) => {
    const p = data.objectivePlans.find((x) => x.objective === i);
    const smart = p
      ? `S ${LETTER[p.smart.specific]}, M ${LETTER[p.smart.measurable]}, A ${LETTER[p.smart.achievable]}, R ${LETTER[p.smart.relevant]}, T ${LETTER[p.smart.timeBound]}`
      : 'not assessed';
    const scope = [o.period ? perPeriod(o.period) : '', o.channel ? `on ${CHANNEL_LABELS[o.channel]}` : '']
      .filter(Boolean)
      .join(' ');
    const growth =
      o.baseline !== undefined && o.growth !== undefined
        ? ` (+${o.growth} % from ${formatCount(o.baseline)})`
        : '';
    return [
      o.description,
      `${formatCount(o.target)} ${o.unit}${scope ? ` ${scope}` : ''}${growth}`,
      p ? `${formatCount(p.planned)} (${gapText(p)})` : '—',
      o.deadline,
      o.businessGoal,
      smart,
    ];
  });
  return [
    '## Objectives (SMART)',
    table(['Objective', 'Target', 'Planned', 'Deadline', 'Business goal', 'SMART'], rows),
    'Specific, Measurable, Relevant and Time-bound are checked by code before this document is written; Achievable means the plan of record below reaches the target at benchmark rates.',
  ];
}

/** The expected results: every channel's share of every objective, with the totals, targets and gaps. */
function expectedSection(data: StrategyData): string[] {
  const c = data.budget.currency;
  const plans = data.objectivePlans;
  const rows = data.allocation.lines.map((l) => [
    CHANNEL_LABELS[l.channel],
    money(l.amount, c),
    ...plans.map((p) => {
      const share = p.channels.find((s) => s.channel === l.channel);
      if (!share) return '—';
      return share.note ? `not modelled (${share.note})` : formatCount(share.planned);
    }),
  ]);
  const total = data.allocation.lines.reduce((s, l) => s + l.amount, 0);
  return [
    '## Plan of record: expected results per channel',
    `What each channel is expected to deliver with its budget, at the benchmark rates (${data.allocation.benchmarks}). The KPIs and the funnel tree below are these same numbers. A dash: the objective is counted on another channel only.`,
    table(
      ['Channel', 'Budget', ...plans.map(metricHeading)],
      [
        ...rows,
        ['**Planned**', money(total, c), ...plans.map((p) => formatCount(p.planned))],
        ['**Target**', '', ...plans.map((p) => formatCount(p.target))],
        ['**Gap**', '', ...plans.map(gapText)],
      ],
    ),
  ];
}

function kpiSection(data: StrategyData): string[] {
  const name = (metric: string) => {
    const known = ObjectiveMetric.safeParse(metric);
    return known.success ? METRIC_LABELS[known.data] : metric;
  };
  return [
    '## KPIs',
    'The targets measurement compares with actuals: each channel’s share of each objective, then the traffic it needs.',
    table(
      ['Channel', 'KPI', 'Target'],
      data.kpis.map((k) => [
        channelLabel(k.channel),
        `${name(k.metric)}${k.period ? ` ${perPeriod(k.period)}` : ''}`,
        `${formatCount(k.target)} ${k.unit}`,
      ]),
    ),
  ];
}

function allocationSection(data: StrategyData): string[] {
  const a = data.allocation;
  const c = data.budget.currency;
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
  const rows = a.lines.map((l) => [
    CHANNEL_LABELS[l.channel],
    money(l.amount, c),
    pct(l.amount / data.budget.total),
    pct(l.proposedShare),
    l.minShare === undefined ? '—' : `${pct(l.minShare)}–${pct(l.maxShare ?? 1)}`,
    l.decidedBy,
    l.basis === 'paid'
      ? 'spend curve'
      : l.basis === 'organic'
        ? 'organic volume'
        : `not modelled: ${l.note ?? ''}`,
  ]);
  const attainment =
    a.attainment === undefined
      ? ''
      : ` Paid media reaches on average ${pct(a.attainment)} of each target at this split${a.proposalAttainment === undefined ? '' : ` (${pct(a.proposalAttainment)} at the proposed split)`}.`;
  return [
    '## How the budget was decided',
    `The model proposed shares; code decided the amounts (${a.method === 'optimiser' ? 'a deterministic optimiser with diminishing-returns curves, weighing every objective by its target' : 'the proposed shares, in whole units'}).${attainment}`,
    table(['Channel', 'Budget', 'Share', 'Proposed', 'Bounds', 'Decided by', 'Results from'], rows),
  ];
}

function kpiTreeSection(data: StrategyData): string[] {
  if (data.objectivePlans.length === 0) return [];
  return [
    '## Funnel and KPI tree',
    'From each objective to what each channel delivers and the leads, visits, clicks and impressions behind it, read forwards from its budget (or its organic volume) at the benchmark rates (source and date shown). One click is assumed to be one visit.',
    ...data.objectivePlans.map((p) => {
      const o = data.objectives[p.objective];
      return `### ${o?.description ?? p.metric}\n\nPlanned ${formatCount(p.planned)} of ${formatCount(p.target)} ${metricHeading(p)}: ${gapText(p)}.\n\n${renderKpiTree(p.tree as KpiNode)}`;
    }),
  ];
}

export function renderStrategy(data: StrategyData, brief: Brief): string {
  const c = data.budget.currency;
  return [
    '# Marketing strategy',
    data.positioning,
    renderWarnings(data, brief.id),
    ...objectivesSection(data),
    '## Channels and why',
    table(
      ['Channel', 'Budget', 'Why (research)', 'Findings'],
      data.channels.map((ch) => [
        CHANNEL_LABELS[ch.channel],
        money(data.budget.lines.find((l) => l.channel === ch.channel)?.amount ?? 0, c),
        ch.rationale,
        ch.researchFindings.join(', '),
      ]),
    ),
    ...expectedSection(data),
    ...kpiSection(data),
    ...kpiTreeSection(data),
    ...allocationSection(data),
    '## Budget',
    `Total ${money(data.budget.total, c)}, allocated in whole ${c} so the lines add up exactly.`,
    `\`\`\`mermaid\n${renderBudgetChart(
      {
        budget: data.budget.total,
        step: 1,
        expectedResults: 0,
        channels: data.budget.lines.map((l) => ({
          ...l,
          share: l.amount / data.budget.total,
          expectedResults: 0,
        })),
      },
      c,
    ).trimEnd()}\n\`\`\``,
    '## Timeline',
    data.milestones.map((m) => `- Week ${m.week}, ${m.date}: ${m.title}`).join('\n'),
    `\`\`\`mermaid\n${renderGantt(
      planTimeline({
        title: brief.name,
        window: brief.timeframe,
        assetCount: brief.assets.reduce((s, a) => s + a.count, 0),
      }),
    )}\n\`\`\``,
  ].join('\n\n');
}
