import type { Brief } from '../../artifacts/brief.js';
import { type Analysis, amendmentPath, BudgetAmendmentData } from '../../artifacts/report.js';
import { strategyPath } from '../../artifacts/strategy.js';
import { type ArtifactMeta, renderArtifact } from '../../files/artifact-file.js';
import { bullets, table } from '../../files/markdown.js';
import type { FileChange, IssueRequest } from '../../forge/forge.js';
import { amendedLines, justificationLine, MIN_DAYS_LEFT } from './amendment.js';
import { cash, num } from './format.js';
import type { Measured } from './measure.js';
import { channelLabel, MEASURE_LABELS } from './measures.js';

/** The label that finds a campaign's next-cycle issue again (the first label is what `openIssue` searches). */
export const NEXT_CYCLE_LABEL = 'next-cycle';

export const nextCycleMarker = (campaignId: string): string => `<!-- crescendo:next-cycle:${campaignId} -->`;

/**
 * Whether a budget move goes to this campaign (as an amendment to its strategy) or to the next cycle:
 * the money needs days left to be spent, and a final report has none.
 */
export function amendsThisCampaign(m: Measured): boolean {
  return (
    'move' in m.shift &&
    !m.plan.final &&
    m.planVsActual.windowDays - m.planVsActual.daysElapsed >= MIN_DAYS_LEFT
  );
}

/**
 * The budget move as an amendment file: the approved lines before and after, the data behind it, and the
 * `Strategy-Change-Justification:` line a pull request that applies it to the strategy carries, so it
 * passes the strategy lock. Proposed, never applied: people decide.
 */
export function amendmentFile(
  m: Measured,
  brief: Pick<Brief, 'id' | 'budget'>,
  reportPath: string,
  meta: ArtifactMeta,
): FileChange | undefined {
  if (!('move' in m.shift) || !amendsThisCampaign(m)) return undefined;
  const { move } = m.shift;
  const currency = brief.budget.currency;
  const unit = m.result ? MEASURE_LABELS[m.result.measure] : 'results';
  const justification = justificationLine(move, unit, currency, reportPath);
  const data = BudgetAmendmentData.parse({
    report: reportPath,
    currency,
    moves: [
      {
        from: move.from.channel,
        to: move.to.channel,
        amount: move.amount,
        fromCostPerResult: move.from.costPerResult,
        toCostPerResult: move.to.costPerResult,
      },
    ],
    lines: amendedLines(m.planVsActual.budget, move),
    justification,
  });
  const body = [
    `# Budget amendment proposed by the report of ${m.plan.asOf}`,
    `Move ${cash(move.amount, currency)} of ${channelLabel(move.from.channel)}'s unspent budget to ${channelLabel(move.to.channel)}: a result cost ${cash(move.from.costPerResult, currency)} on ${channelLabel(move.from.channel)} (${num(move.from.results)} ${unit}) against ${cash(move.to.costPerResult, currency)} on ${channelLabel(move.to.channel)} (${num(move.to.results)} ${unit}).`,
    table(
      ['Channel', 'Approved', 'Proposed'],
      data.lines.map((l) => [channelLabel(l.channel), cash(l.before, currency), cash(l.after, currency)]),
    ),
    `To apply it, change the allocation in \`${strategyPath(brief.id)}\` in a pull request whose description carries this line (the strategy lock accepts it because it cites the report and its numbers):`,
    `\`\`\`\n${justification}\n\`\`\``,
  ].join('\n\n');
  return {
    path: amendmentPath(brief.id, m.plan.asOf),
    content: renderArtifact(meta, { amendment: data }, body),
  };
}

/**
 * The next cycle's issue, opened from the campaign's final report: its recommendations as a checklist,
 * what the plan of record missed, and where the numbers are. Research reads the same recommendations from
 * the report's front matter (`report.analysis.recommendations`) when the next campaign starts.
 */
export function nextCycleIssue(
  brief: Pick<Brief, 'id' | 'name' | 'budget'>,
  analysis: Analysis,
  m: Measured,
  reportPath: string,
): IssueRequest {
  const missed = m.planVsActual.objectives
    .filter((o) => o.attainment !== undefined && o.attainment < 1)
    .map((o) => `${o.metric}: ${num(o.actual)} of ${num(o.target)}`);
  const move = 'move' in m.shift ? m.shift.move : undefined;
  return {
    title: `Next cycle for ${brief.name}: what the final report recommends`,
    body: [
      `The campaign \`${brief.id}\` has ended. Its final report is \`${reportPath}\`; these recommendations open the next cycle. Research reads them when the next campaign starts.`,
      '## Recommendations',
      analysis.recommendations
        .map(
          (r) =>
            `- [ ] **${r.recommendation}** — expected: ${r.expectedImpact} _(based on ${r.basedOn.join(', ')})_`,
        )
        .join('\n'),
      ...(missed.length ? ['## Objectives not reached', bullets(missed)] : []),
      ...(move
        ? [
            '## Budget',
            `The data supports moving ${cash(move.amount, brief.budget.currency)} from ${channelLabel(move.from.channel)} to ${channelLabel(move.to.channel)} in the next plan.`,
          ]
        : []),
    ].join('\n\n'),
    labels: [NEXT_CYCLE_LABEL, 'crescendo', `campaign:${brief.id}`],
    marker: nextCycleMarker(brief.id),
  };
}
