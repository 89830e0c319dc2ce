import type { Brief } from '../../artifacts/brief.js';
import { findingExists, type ResearchData, readResearch } from '../../artifacts/research.js';
import { StrategyData, StrategyProposal, strategyPath } from '../../artifacts/strategy.js';
import { CHANNEL_LABELS } from '../../channels/index.js';
import { CrescendoError, type Problem } from '../../errors.js';
import { renderArtifact } from '../../files/artifact-file.js';
import { bullets, money } from '../../files/markdown.js';
import { formatCount } from '../../planning/format.js';
import { METRIC_LABELS } from '../../planning/metrics.js';
import { objectiveText } from '../../planning/plan-of-record.js';
import { checkSmart } from '../../planning/smart.js';
import { ask, campaignSystem, dataBlock, feedbackBlock } from '../ask.js';
import { OVERRIDE_KEY } from '../override-line.js';
import type { ArtifactKind, Stage, StageContext } from '../stage.js';
import { buildStrategy } from './build.js';
import { planOfRecordProblems } from './consistency.js';
import { strategyGate } from './gate.js';
import { loadStrategyBenchmarks } from './inputs.js';
import { channelLabel, labelled } from './labels.js';
import { missingBriefObjectives } from './objectives.js';
import { gapText, renderStrategy } from './render.js';

export { renderStrategy };

export interface StrategyContext {
  brief?: Brief;
  research?: ResearchData;
}

/** The model's checkpoints: SMART, the brief's objectives kept, channels from the brief, findings that exist. */
export function strategyCheckpoints(data: StrategyProposal, context: StrategyContext = {}): Problem[] {
  const problems: Problem[] = [];
  const { brief, research } = context;
  if (brief) {
    problems.push(...checkSmart(data.objectives, { window: brief.timeframe }));
    data.channels.forEach((c, i) => {
      if (!brief.channels.includes(c.channel)) {
        problems.push({
          where: `channels[${i}].channel`,
          message: `is not one of the brief's channels (${brief.channels.map((b) => CHANNEL_LABELS[b]).join(', ')})`,
        });
      }
    });
    problems.push(...missingBriefObjectives(data.objectives, brief));
  }
  const chosen = new Set(data.channels.map((c) => c.channel));
  data.objectives.forEach((o, i) => {
    if (o.channel && !chosen.has(o.channel)) {
      problems.push({
        where: `objectives[${i}].channel`,
        message: `counts on ${CHANNEL_LABELS[o.channel]}, which is not one of the chosen channels: add it`,
      });
    }
  });
  data.channels.forEach((c, i) => {
    c.researchFindings.forEach((ref, j) => {
      if (research && !findingExists(research, ref)) {
        problems.push({
          where: `channels[${i}].researchFindings[${j}]`,
          message: `"${ref}" is not a finding in the research report`,
        });
      }
    });
  });
  if (data.channels.reduce((s, c) => s + c.share, 0) <= 0)
    problems.push({ where: 'channels', message: 'budget shares sum to 0' });
  return labelled(problems, data);
}

/** Checkpoints of a finished strategy: proposal rules, budget lines, milestones, and the plan of record agreeing with itself. */
export function strategyFileCheckpoints(data: StrategyData, context: StrategyContext = {}): Problem[] {
  const problems: Problem[] = [...strategyCheckpoints(data, context)];
  const sum = data.budget.lines.reduce((s, l) => s + l.amount, 0);
  const expected = context.brief?.budget.amount ?? data.budget.total;
  if (sum !== expected) {
    problems.push({
      where: 'Budget',
      message: `the channel budgets add up to ${formatCount(sum)}, not the budget ${formatCount(expected)}; they must add up exactly`,
    });
  }
  for (const l of data.allocation.lines) {
    const line = data.budget.lines.find((b) => b.channel === l.channel);
    if (line?.amount !== l.amount) {
      problems.push({
        where: 'Budget',
        message: `${channelLabel(l.channel)} is allocated ${l.amount} but its budget line says ${line?.amount ?? 'nothing'}`,
      });
    }
  }
  const window = context.brief?.timeframe;
  for (const m of data.milestones) {
    if (window && (m.date < window.start || m.date > window.end)) {
      problems.push({
        where: `Milestone "${m.title}"`,
        message: `${m.date} is outside the campaign window ${window.start} – ${window.end}`,
      });
    }
  }
  problems.push(...planOfRecordProblems(data));
  return problems;
}

export const strategyArtifact: ArtifactKind<StrategyData> = {
  kind: 'strategy',
  schema: StrategyData,
  checkpoints: (data) => strategyFileCheckpoints(data),
};

/** The pull request summary: the plan of record in one line per objective, and what blocks approval. */
export function strategySummary(data: StrategyData, measured: string[] = []): string {
  const c = data.budget.currency;
  const planned = data.objectivePlans.map((p) => {
    const o = data.objectives[p.objective];
    const what = o ? objectiveText(o) : `${formatCount(p.target)} ${METRIC_LABELS[p.metric]}`;
    return `${formatCount(p.planned)} of ${what} (${gapText(p)})`;
  });
  const lines = [
    `${data.objectives.length} objectives, ${data.channels.length} channels, ${data.kpis.length} KPIs derived from the plan, ${data.milestones.length} milestones`,
    `Budget ${money(data.budget.total, c)} (${data.allocation.method}): ${data.budget.lines.map((l) => `${CHANNEL_LABELS[l.channel]} ${money(l.amount, c)}`).join(', ')}`,
    `Plan of record: ${planned.join('; ')}`,
  ];
  const warnings = data.warnings.map((w) => `**${w.subject}**: ${w.message}`);
  if (warnings.length) {
    lines.push(
      `**Approval is blocked by ${warnings.length} warning(s)** (the strategy check fails) until a person with write access comments \`${OVERRIDE_KEY} <reason>\` on this pull request, or the brief changes:\n${warnings.map((w) => `  - ${w}`).join('\n')}`,
    );
  }
  if (measured.length) lines.push(`Measured history used: ${measured.join('; ')}`);
  lines.push(
    '**Approval gate:** check the objectives are SMART and the budget and timeline are realistic before merging.',
  );
  return bullets(lines);
}

export const strategyStage: Stage = {
  name: 'strategy',
  title: 'Strategy',
  checklist: [
    'SMART objectives',
    'Channel selection justified by research',
    'KPIs aligned with business goals',
    'Realistic timeline with milestones',
    'Budget allocation across channels',
  ],
  onMerge: 'approves the strategy (the plan of record); Crescendo then writes every asset it lists',
  writes: (id) => [strategyPath(id)],
  artifacts: [strategyArtifact as ArtifactKind<unknown>],
  gate: strategyGate,
  async run(ctx: StageContext) {
    const { brief } = ctx.campaign;
    const research = await readResearch(ctx, ctx.campaign.brief.id);
    ctx.log('  planning objectives, channels, budget and timeline; KPIs follow from the plan');
    const briefObjectives = JSON.stringify(brief.objectives);
    const { data: proposal, cost } = await ask(ctx, 'strategy', {
      task: 'strategy',
      system: campaignSystem(ctx, 'You are the planner: objectives, channels, budget shares.'),
      prompt: `Using the research below, propose the strategy: SMART objectives — restate every objective of the brief (${briefObjectives}) with its metric, target, channel and period unchanged, a description naming the metric, the business goal it serves and a deadline inside ${brief.timeframe.start} – ${brief.timeframe.end}; you may add objectives — and the channels to use (only from the brief: ${brief.channels.join(', ')}), each with a budget share and the research findings that justify it (as references like trends[1]). Do not set per-channel KPI targets: code derives them from the budget and the benchmarks.\n\n${dataBlock('research', JSON.stringify(research, null, 2))}${feedbackBlock(ctx)}`,
      schema: StrategyProposal,
      check: (p) => strategyCheckpoints(p, { brief, research }),
    });
    const loaded = await loadStrategyBenchmarks(ctx);
    const data = buildStrategy(brief, proposal, loaded);
    const problems = strategyFileCheckpoints(data, { brief, research });
    if (problems.length) throw new CrescendoError('the strategy does not add up', { problems });
    const meta = {
      kind: 'strategy',
      campaign: brief.id,
      generated: ctx.now.toISOString(),
      sample: ctx.llm.isSample,
    };
    return {
      files: [
        {
          path: strategyPath(brief.id),
          content: renderArtifact(meta, { strategy: data }, renderStrategy(data, brief)),
        },
      ],
      summary: strategySummary(data, loaded.measured),
      cost,
    };
  },
};
