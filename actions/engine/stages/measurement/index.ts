import {
  Analysis,
  amendmentsDir,
  BudgetAmendmentData,
  ReportData,
  reportPath,
  reportsDir,
} from '../../artifacts/report.js';
import { readStrategy } from '../../artifacts/strategy.js';
import type { Problem } from '../../errors.js';
import { renderArtifact } from '../../files/artifact-file.js';
import { bullets } from '../../files/markdown.js';
import { ask, campaignSystem, dataBlock, feedbackBlock } from '../ask.js';
import type { ArtifactKind, Stage, StageContext } from '../stage.js';
import { checkProse, factsFor } from './facts.js';
import { listDataFiles, metricsDir, touchpointsDir } from './files.js';
import { gatherData, lastReport } from './gather.js';
import { amendmentFile, nextCycleIssue } from './loop.js';
import { measure } from './measure.js';
import { renderReport } from './render.js';
import { reportData } from './report-data.js';
import { noDataError, unchangedError } from './waiting.js';

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

/** A proposed budget move (`campaigns/<id>/amendments/`): its lines must keep the approved total. */
export const amendmentArtifact: ArtifactKind<BudgetAmendmentData> = {
  kind: 'amendment',
  schema: BudgetAmendmentData,
  checkpoints: (a) => {
    const before = a.lines.reduce((s, l) => s + l.before, 0);
    const after = a.lines.reduce((s, l) => s + l.after, 0);
    return Math.abs(before - after) < 0.005
      ? []
      : [{ where: 'lines', message: `the amended lines total ${after}, not the approved ${before}` }];
  },
};

const PROMPT = `The numbers below were computed by code from the campaign's performance data and its plan of record; do not change them. Every number you write must be one of them (rounded as you like, a ratio may be written as a percent): any other number fails validation, so say other things in words. Explain what the plan-vs-actual, the funnel and the attribution models (where they agree and where their spread is wide) say, and give at least 3 specific optimisation recommendations, each naming the channels or utm_content values it rests on. When budgetMove holds a move, the report proposes it; do not propose a different amount.`;

export const measurementStage: Stage = {
  name: 'measurement',
  title: 'Measurement report',
  checklist: [
    'Plan vs actual: budget pacing, KPI targets, attainment',
    'Funnel by channel, week over week and monthly',
    'Attribution by several models, side by side',
    'Top and bottom performers, adjusted for cost and days live',
    'Anomalies flagged; every number computed by code',
    'Specific optimisation recommendations',
  ],
  onMerge: 'accepts this report; the next one arrives on schedule',
  repeats: true,
  scheduled: 'run',
  writes: (id) => [reportsDir(id), metricsDir(id), touchpointsDir(id), amendmentsDir(id)],
  artifacts: [reportArtifact as ArtifactKind<unknown>, amendmentArtifact as ArtifactKind<unknown>],
  /** Configured sources are pulled by the run itself; without them the team's exports must be there. */
  async ready(ctx) {
    if (ctx.config.measurement.sources.length > 0) return;
    const files = await listDataFiles(ctx, ctx.campaign.brief.id);
    if (files.metrics.length === 0) throw noDataError(ctx.campaign.brief, []);
  },
  async run(ctx: StageContext) {
    const { brief } = ctx.campaign;
    const strategy = await readStrategy(ctx, brief.id);
    const data = await gatherData(ctx, process.env);
    const previous = await lastReport(ctx, brief.id);
    if (previous?.fingerprint === data.fingerprint && ctx.feedback.length === 0) {
      throw unchangedError(brief.id, previous.path, ctx.config.measurement.sources.length > 0);
    }
    const window = { start: brief.timeframe.start, end: brief.timeframe.end };
    const m = measure({
      strategy,
      rows: data.rows,
      window,
      now: ctx.now,
      ...(data.attribution ? { attribution: data.attribution } : {}),
    });
    const currency = brief.budget.currency;
    const facts = factsFor(m, currency);
    const known = new Set([
      ...m.channels.map((c) => c.channel),
      ...data.rows.map((r) => r.utm_content).filter(Boolean),
    ]);
    ctx.log(
      `  analysing ${data.rows.length} day/channel/asset rows from ${m.dataFrom} to ${m.plan.asOf} (${m.plan.cadence})`,
    );
    const { data: analysis, cost } = await ask(ctx, 'measurement', {
      task: `measurement/${m.plan.asOf}`,
      system: campaignSystem(
        ctx,
        'You are the analytics analyst: plan vs actual, attribution, ROI, optimisation.',
      ),
      prompt: `${PROMPT}\n\n${dataBlock('measured-performance', JSON.stringify(facts, null, 2))}${feedbackBlock(ctx)}`,
      schema: Analysis,
      check: (a) => [...analysisCheckpoints(a, known), ...checkProse(a, facts)],
    });
    const path = reportPath(brief.id, m.plan.asOf);
    const meta = {
      kind: 'report',
      campaign: brief.id,
      generated: ctx.now.toISOString(),
      sample: ctx.llm.isSample,
    };
    const amendment = amendmentFile(m, brief, path, { ...meta, kind: 'amendment' });
    const findings = [...data.log.warnings(), ...data.attributionWarnings, ...data.pulled.warnings];
    const report = reportData(m, analysis, {
      fingerprint: data.fingerprint,
      files: data.files,
      findings,
      ...(amendment ? { amendment: amendment.path } : {}),
    });
    const body = renderReport(m, {
      campaignName: brief.name,
      currency,
      sample: ctx.llm.isSample || ctx.campaign.state.sample,
      analysis,
      touchpointsDir: touchpointsDir(brief.id),
      files: data.files,
      findings,
      pulled: data.pulled.lines,
      ...(amendment ? { amendmentPath: amendment.path } : {}),
      nextCycle: m.plan.final,
    });
    return {
      files: [
        { path, content: renderArtifact(meta, { report }, body) },
        ...(amendment ? [amendment] : []),
        ...data.pulled.changes,
      ],
      summary: bullets([
        `${m.plan.final ? 'Final' : m.plan.cadence === 'monthly' ? 'Monthly' : 'Weekly'} report, data ${m.dataFrom} – ${m.plan.asOf}; ${m.comparison.label}`,
        ...m.planVsActual.budget
          .filter((b) => b.status === 'overspending' || b.status === 'underspending')
          .map((b) => `${b.channel} is ${b.status}: pacing ${Math.round((b.pacing ?? 0) * 100)}%`),
        ...(m.anomalies.length ? [`${m.anomalies.length} anomalies flagged`] : []),
        ...(amendment ? [`Budget amendment proposed: \`${amendment.path}\``] : []),
        ...data.pulled.lines.map((l) => `Pulled ${l}`),
        `${analysis.recommendations.length} recommendations`,
      ]),
      cost,
      ...(m.plan.final ? { issue: nextCycleIssue(brief, analysis, m, path) } : {}),
    };
  },
};
