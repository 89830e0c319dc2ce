import type { Brief } from '../../artifacts/brief.js';
import type { ObjectivePlan, StrategyData } from '../../artifacts/strategy.js';
import { CHANNEL_LABELS } from '../../channels/index.js';
import { money, table } from '../../files/markdown.js';
import { renderBudgetChart, renderGantt } from '../../planning/charts.js';
import { formatCount } from '../../planning/format.js';
import { type KpiNode, renderKpiTree } from '../../planning/funnel.js';
import { planTimeline } from '../../planning/timeline.js';

const LETTER: Record<string, string> = {
  pass: 'pass',
  fail: 'FAIL',
  warning: 'WARNING',
  'not-assessed': 'not assessed',
};

function objectivesSection(data: StrategyData): string[] {
  const rows = data.objectives.map((o, i) => {
    const p = data.objectivePlans?.find((x) => x.objective === i);
    const smart = p
      ? `S ${LETTER[p.smart.specific]}, M ${LETTER[p.smart.measurable]}, A ${LETTER[p.smart.achievable]}, R ${LETTER[p.smart.relevant]}, T ${LETTER[p.smart.timeBound]}`
      : 'not assessed';
    return [
      o.description,
      `${o.target.toLocaleString('en-US')} ${o.unit} (${o.metric})`,
      o.deadline,
      o.businessGoal,
      smart,
    ];
  });
  return [
    '## Objectives (SMART)',
    table(['Objective', 'Target', 'Deadline', 'Business goal', 'SMART'], rows),
    'Specific, Measurable, Relevant and Time-bound are checked by code before this document is written; Achievable is the funnel math below, at benchmark rates.',
  ];
}

function warningsSection(data: StrategyData): string[] {
  if (!data.warnings?.length) return [];
  return [
    '## WARNING: targets that look implausible at benchmark rates',
    'These do not block the plan, but a reviewer should lower the target, raise the budget or correct the benchmarks before approving.',
    data.warnings.map((w) => `- **${w.where}**: ${w.message}`).join('\n'),
  ];
}

function allocationSection(data: StrategyData): string[] {
  const a = data.allocation;
  const c = data.budget.currency;
  if (!a) return [];
  const rows = a.lines.map((l) => [
    CHANNEL_LABELS[l.channel],
    money(l.amount, c),
    `${((l.amount / data.budget.total) * 100).toFixed(1)} %`,
    `${(l.proposedShare * 100).toFixed(1)} %`,
    l.minShare === undefined
      ? '—'
      : `${(l.minShare * 100).toFixed(1)}–${((l.maxShare ?? 1) * 100).toFixed(1)} %`,
    l.decidedBy,
    l.expectedResults === undefined
      ? `not modelled (${l.note ?? 'no curve'})`
      : formatCount(l.expectedResults),
    l.costPerResult === undefined ? '—' : money(l.costPerResult, c),
  ]);
  const comparison =
    a.proposalExpectedResults === undefined
      ? ''
      : ` At the model's proposed split the same channels would yield about ${formatCount(a.proposalExpectedResults)}.`;
  return [
    '## Budget allocation and expected results',
    `The model proposed shares; code decided the amounts (${a.method === 'optimiser' ? 'deterministic optimiser with diminishing-returns curves' : 'proposed shares, whole units'}). Expected results are ${a.metric} from the channels with a response curve: about ${formatCount(a.expectedResults)} in total.${comparison} Benchmarks: ${a.benchmarks}.`,
    table(
      [
        'Channel',
        'Budget',
        'Share',
        'Proposed',
        'Bounds',
        'Decided by',
        `Expected ${a.metric}`,
        'Cost per result',
      ],
      rows,
    ),
  ];
}

function kpiTreeSection(plans: readonly ObjectivePlan[] | undefined, data: StrategyData): string[] {
  if (!plans?.length) return [];
  return [
    '## Funnel and KPI tree',
    'From each objective back to the traffic, clicks and impressions each channel must deliver, if every channel delivers its budget share of the objective. Rates are from the benchmarks (source and date shown); one click is assumed to be one visit.',
    ...plans.map((p) => {
      const o = data.objectives[p.objective];
      const gaps = p.unmodelledCost.length ? ` Cost not modelled for: ${p.unmodelledCost.join(', ')}.` : '';
      return `### ${o?.description ?? p.metric}\n\nModelled cost at benchmark rates: ${money(p.modelledCost, data.budget.currency)}.${gaps}\n\n${renderKpiTree(p.tree as KpiNode)}`;
    }),
  ];
}

export function renderStrategy(data: StrategyData, brief: Brief): string {
  const c = data.budget.currency;
  return [
    '# Marketing strategy',
    data.positioning,
    ...warningsSection(data),
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
    '## KPIs',
    table(
      ['Channel', 'KPI', 'Target'],
      data.kpis.map((k) => [
        CHANNEL_LABELS[k.channel],
        k.metric,
        `${k.target.toLocaleString('en-US')} ${k.unit}`,
      ]),
    ),
    ...allocationSection(data),
    ...kpiTreeSection(data.objectivePlans, data),
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
