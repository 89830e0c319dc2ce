import { z } from 'zod';
import { renderArtifact } from '../artifacts/artifact.js';
import { readFrontMatter } from '../artifacts/front-matter.js';
import { bullets, money, table } from '../artifacts/markdown.js';
import type { Brief } from '../campaign/brief.js';
import { CrescendoError, type Problem } from '../errors.js';
import { CHANNEL_LABELS, Channel } from '../marketing/channels.js';
import { renderGantt } from '../marketing/charts.js';
import { ObjectiveMetric } from '../marketing/metrics.js';
import { splitByShares } from '../marketing/optimiser.js';
import { checkSmart } from '../marketing/smart.js';
import { planTimeline } from '../marketing/timeline.js';
import { ask, campaignSystem, dataBlock, feedbackBlock } from './ask.js';
import { findingExists, ResearchData, researchPath } from './research.js';
import type { ArtifactKind, Stage, StageContext } from './stage.js';

/** What the model proposes. Budget amounts and the timeline are decided by code. */
export const StrategyProposal = z.object({
  positioning: z.string().min(20),
  objectives: z
    .array(
      z.object({
        metric: ObjectiveMetric,
        target: z.number().positive(),
        unit: z.string().min(1),
        deadline: z.string().describe('yyyy-mm-dd inside the campaign time frame'),
        description: z.string().min(1),
        businessGoal: z.string().min(1),
      }),
    )
    .min(1),
  channels: z
    .array(
      z.object({
        channel: Channel,
        share: z.number().min(0).max(1).describe('Proposed share of the budget, 0–1'),
        rationale: z.string().min(1),
        researchFindings: z
          .array(z.string())
          .min(1)
          .describe('Findings that justify it: trends[1], competitors[0], …'),
      }),
    )
    .min(1),
  kpis: z
    .array(
      z.object({
        channel: Channel,
        metric: z.string().min(1),
        target: z.number().positive(),
        unit: z.string().min(1),
      }),
    )
    .min(1),
});
export type StrategyProposal = z.infer<typeof StrategyProposal>;

export const StrategyData = StrategyProposal.extend({
  budget: z.object({
    currency: z.string(),
    total: z.number().positive(),
    lines: z.array(z.object({ channel: Channel, amount: z.number().int().nonnegative() })).min(1),
  }),
  milestones: z
    .array(z.object({ date: z.iso.date(), title: z.string().min(1), week: z.number().int() }))
    .min(3),
  phases: z.array(z.object({ id: z.string(), name: z.string(), start: z.iso.date(), end: z.iso.date() })),
});
export type StrategyData = z.infer<typeof StrategyData>;

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

function fullCheckpoints(data: StrategyData, context: StrategyContext = {}): Problem[] {
  const problems = strategyCheckpoints(data, context);
  const sum = data.budget.lines.reduce((s, l) => s + l.amount, 0);
  const expected = context.brief?.budget.amount ?? data.budget.total;
  if (sum !== expected) {
    problems.push({
      where: 'budget.lines',
      message: `allocations sum to ${sum}, not the budget ${expected}; they must add up exactly`,
    });
  }
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
  checkpoints: (data) => fullCheckpoints(data),
};

export const strategyPath = (id: string): string => `plans/${id}-strategy.md`;

export async function readResearch(ctx: StageContext): Promise<ResearchData> {
  const path = researchPath(ctx.campaign.brief.id);
  const text = await ctx.readFile(path);
  if (!text)
    throw new CrescendoError('the approved research report is missing', {
      where: path,
      fix: 'approve the research stage first',
    });
  return ResearchData.parse(readFrontMatter(text, path).data.research);
}

export async function readStrategy(ctx: StageContext): Promise<StrategyData> {
  const path = strategyPath(ctx.campaign.brief.id);
  const text = await ctx.readFile(path);
  if (!text)
    throw new CrescendoError('the approved strategy is missing', {
      where: path,
      fix: 'approve the strategy stage first',
    });
  return StrategyData.parse(readFrontMatter(text, path).data.strategy);
}

export function renderStrategy(data: StrategyData, brief: Brief): string {
  const c = data.budget.currency;
  return [
    '# Marketing strategy',
    data.positioning,
    '## Objectives (SMART)',
    table(
      ['Objective', 'Target', 'Deadline', 'Business goal'],
      data.objectives.map((o) => [
        o.description,
        `${o.target.toLocaleString('en-US')} ${o.unit} (${o.metric})`,
        o.deadline,
        o.businessGoal,
      ]),
    ),
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
    '## Budget',
    `Total ${money(data.budget.total, c)}, allocated in whole ${c} so the lines add up exactly.`,
    [
      '```mermaid',
      `pie showData title Budget (${c})`,
      ...data.budget.lines
        .filter((l) => l.amount > 0)
        .map((l) => `    "${CHANNEL_LABELS[l.channel]}" : ${l.amount}`),
      '```',
    ].join('\n'),
    '## Timeline',
    bullets(data.milestones.map((m) => `Week ${m.week}, ${m.date}: ${m.title}`)),
    `\`\`\`mermaid\n${renderGantt(
      planTimeline({
        title: brief.name,
        window: brief.timeframe,
        assetCount: brief.assets.reduce((s, a) => s + a.count, 0),
      }),
    )}\n\`\`\``,
  ].join('\n\n');
}

export const strategyStage: Stage = {
  name: 'strategy',
  title: 'Strategy (approval gate)',
  async run(ctx: StageContext) {
    const { brief } = ctx.campaign;
    const research = await readResearch(ctx);
    ctx.log('  planning objectives, channels, KPIs, budget and timeline');
    const { data: proposal, cost } = await ask(ctx, 'strategy', {
      task: 'strategy',
      system: campaignSystem(ctx, 'You are the planner: objectives, channels, KPIs, budget shares.'),
      prompt: `Using the research below, propose the strategy: SMART objectives (metric from the vocabulary, numeric target, unit, deadline inside ${brief.timeframe.start} – ${brief.timeframe.end}, the business goal it serves), the channels to use (only from the brief: ${brief.channels.join(', ')}), each with a budget share and the research findings that justify it (as references like trends[1]), and KPIs with targets for every chosen channel.\n\n${dataBlock('research', JSON.stringify(research, null, 2))}${feedbackBlock(ctx)}`,
      schema: StrategyProposal,
      check: (p) => strategyCheckpoints(p, { brief, research }),
    });
    const lines = splitByShares(
      Math.round(brief.budget.amount),
      proposal.channels.map((c) => ({ channel: c.channel, share: c.share })),
    );
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
    };
    const problems = fullCheckpoints(data, { brief, research });
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
        `Budget ${money(data.budget.total, data.budget.currency)}: ${lines.map((l) => `${l.channel} ${l.amount}`).join(', ')}`,
        '**Approval gate:** check the objectives are SMART and the budget and timeline are realistic before merging.',
      ]),
      cost,
    };
  },
};
