import type { Brief } from '../../artifacts/brief.js';
import { findingExists, type ResearchData, readResearch } from '../../artifacts/research.js';
import { StrategyData, StrategyProposal, strategyPath } from '../../artifacts/strategy.js';
import { CrescendoError, type Problem } from '../../errors.js';
import { renderArtifact } from '../../files/artifact-file.js';
import { bullets, money } from '../../files/markdown.js';
import { checkSmart } from '../../planning/smart.js';
import { planTimeline } from '../../planning/timeline.js';
import { ask, campaignSystem, dataBlock, feedbackBlock } from '../ask.js';
import type { ArtifactKind, Stage, StageContext } from '../stage.js';
import { loadStrategyBenchmarks } from './inputs.js';
import { decideBudget, planObjectives } from './plan.js';
import { renderStrategy } from './render.js';

export { renderStrategy };

export interface StrategyContext {
  brief?: Brief;
  research?: ResearchData;
}

export function strategyCheckpoints(data: StrategyProposal, context: StrategyContext = {}): Problem[] {
  const problems: Problem[] = [];
  const { brief, research } = context;
  if (brief) {
    problems.push(
      ...checkSmart(
        data.objectives.map((o) => ({ ...o })),
        { window: brief.timeframe },
      ),
    );
    data.channels.forEach((c, i) => {
      if (!brief.channels.includes(c.channel)) {
        problems.push({
          where: `channels[${i}].channel`,
          message: `${c.channel} is not one of the brief's channels (${brief.channels.join(', ')})`,
        });
      }
    });
  }
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
  const channels = new Set(data.channels.map((c) => c.channel));
  data.kpis.forEach((k, i) => {
    if (!channels.has(k.channel))
      problems.push({ where: `kpis[${i}].channel`, message: `${k.channel} is not a chosen channel` });
  });
  for (const channel of channels) {
    if (!data.kpis.some((k) => k.channel === channel))
      problems.push({ where: 'kpis', message: `channel ${channel} has no KPI with a target` });
  }
  if (data.channels.reduce((s, c) => s + c.share, 0) <= 0)
    problems.push({ where: 'channels', message: 'budget shares sum to 0' });
  return problems;
}

/** Checkpoints of a finished strategy: proposal rules plus budget lines, allocation and milestones. */
export function strategyFileCheckpoints(data: StrategyData, context: StrategyContext = {}): Problem[] {
  const problems = strategyCheckpoints(data, context);
  const sum = data.budget.lines.reduce((s, l) => s + l.amount, 0);
  const expected = context.brief?.budget.amount ?? data.budget.total;
  if (sum !== expected) {
    problems.push({
      where: 'budget.lines',
      message: `allocations sum to ${sum}, not the budget ${expected}; they must add up exactly`,
    });
  }
  data.allocation?.lines.forEach((l, i) => {
    const line = data.budget.lines.find((b) => b.channel === l.channel);
    if (line?.amount !== l.amount) {
      problems.push({
        where: `allocation.lines[${i}].amount`,
        message: `${l.channel} is allocated ${l.amount} but its budget line says ${line?.amount ?? 'nothing'}`,
      });
    }
  });
  const window = context.brief?.timeframe;
  data.milestones.forEach((m, i) => {
    if (window && (m.date < window.start || m.date > window.end)) {
      problems.push({
        where: `milestones[${i}].date`,
        message: `${m.date} is outside the campaign window ${window.start} – ${window.end}`,
      });
    }
  });
  return problems;
}

export const strategyArtifact: ArtifactKind<StrategyData> = {
  kind: 'strategy',
  schema: StrategyData,
  checkpoints: (data) => strategyFileCheckpoints(data),
};

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
  async run(ctx: StageContext) {
    const { brief } = ctx.campaign;
    const research = await readResearch(ctx, ctx.campaign.brief.id);
    ctx.log('  planning objectives, channels, KPIs, budget and timeline');
    const { data: proposal, cost } = await ask(ctx, 'strategy', {
      task: 'strategy',
      system: campaignSystem(ctx, 'You are the planner: objectives, channels, KPIs, budget shares.'),
      prompt: `Using the research below, propose the strategy: SMART objectives (metric from the vocabulary, numeric target, unit, deadline inside ${brief.timeframe.start} – ${brief.timeframe.end}, the business goal it serves), the channels to use (only from the brief: ${brief.channels.join(', ')}), each with a budget share and the research findings that justify it (as references like trends[1]), and KPIs with targets for every chosen channel.\n\n${dataBlock('research', JSON.stringify(research, null, 2))}${feedbackBlock(ctx)}`,
      schema: StrategyProposal,
      check: (p) => strategyCheckpoints(p, { brief, research }),
    });
    const loaded = await loadStrategyBenchmarks(ctx);
    const primary = proposal.objectives[0]!.metric;
    const decided = decideBudget(brief, proposal.channels, primary, loaded.benchmarks, loaded.source);
    const lines = decided.allocation.lines.map((l) => ({ channel: l.channel, amount: l.amount }));
    const objectives = planObjectives(brief, proposal.objectives, lines, loaded.benchmarks);
    const warnings = [...decided.warnings, ...objectives.warnings];
    const timeline = planTimeline({
      title: brief.name,
      window: brief.timeframe,
      assetCount: brief.assets.reduce((s, a) => s + a.count, 0),
    });
    const data: StrategyData = {
      ...proposal,
      budget: { currency: brief.budget.currency, total: Math.round(brief.budget.amount), lines },
      milestones: timeline.milestones.map((m) => ({ date: m.date, title: m.name, week: m.week })),
      phases: timeline.phases.map((p) => ({ id: p.id, name: p.name, start: p.start, end: p.end })),
      allocation: decided.allocation,
      objectivePlans: objectives.plans,
      warnings: warnings.map((w) => ({ where: w.where, message: w.message })),
    };
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
      summary: bullets([
        `${data.objectives.length} objectives, ${data.channels.length} channels, ${data.kpis.length} KPIs, ${data.milestones.length} milestones`,
        `Budget ${money(data.budget.total, data.budget.currency)} (${decided.allocation.method}): ${lines.map((l) => `${l.channel} ${l.amount}`).join(', ')}`,
        ...(warnings.length
          ? [`**${warnings.length} achievability warning(s)**: see the WARNING section of the strategy.`]
          : []),
        ...(loaded.measured.length ? [`Measured history used: ${loaded.measured.join('; ')}`] : []),
        '**Approval gate:** check the objectives are SMART and the budget and timeline are realistic before merging.',
      ]),
      cost,
    };
  },
};
