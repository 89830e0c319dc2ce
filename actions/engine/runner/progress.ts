import type { Campaign } from '../artifacts/campaign-state.js';
import { money } from '../files/markdown.js';
import { formatSpend } from '../llm/spend-format.js';
import { STAGE_LIST, STAGES } from '../stages/index.js';
import { currentStage, previousApproved, type StageViews } from './stage-status.js';

export const PROGRESS_MARKER = '<!-- crescendo:progress -->';

/** What the campaign issue and `status` show besides the stages: spend against the cap, and what it waits for. */
export interface ProgressFacts {
  spentByStage: ReadonlyMap<string, number>;
  spentUsd: number;
  capUsd: number;
  /** Why the current stage cannot run yet (e.g. the data measurement needs), when known. */
  waiting?: string;
}

/** Who must act next, in words a marketer understands. */
export function nextAction(views: StageViews, waiting?: string): string {
  const current = STAGES[currentStage(views)];
  const view = views[current.name];
  if (view.status === 'in-review') {
    return `Waiting on the team: review the ${current.title.toLowerCase()} pull request${view.pr ? ` #${view.pr.number}` : ''}; merging it ${current.onMerge}.`;
  }
  if (!previousApproved(views, current.name)) return 'Waiting on Crescendo.';
  if (current.repeats && view.status === 'approved') {
    return waiting
      ? `Live; the next ${current.title.toLowerCase()} waits: ${waiting}`
      : `Live: a ${current.title.toLowerCase()} arrives on schedule.`;
  }
  if (waiting) return `Waiting on the team: ${waiting}`;
  return `Waiting on Crescendo: ${current.title.toLowerCase()} runs next.`;
}

export function renderProgress(
  campaign: Campaign,
  views: StageViews,
  facts: ProgressFacts,
  prUrl: (n: number) => string,
): string {
  const { brief, state } = campaign;
  const current = currentStage(views);
  const lines = STAGE_LIST.map((stage) => {
    const view = views[stage.name];
    const box = view.status === 'approved' ? '[x]' : '[ ]';
    const status =
      view.status === 'approved' ? ' · merged' : view.status === 'in-review' ? ' · in review' : '';
    // The stage in flight that waits for people says so on its own line too.
    const waits =
      facts.waiting && stage.name === current && view.status !== 'in-review' ? ' · waiting on the team' : '';
    const pr =
      view.pr && view.status !== 'pending' ? ` — [#${view.pr.number}](${prUrl(view.pr.number)})` : '';
    const usd = facts.spentByStage.get(stage.name) ?? 0;
    return `- ${box} **${stage.title}**${status}${waits}${pr}${usd > 0 ? ` · $${usd.toFixed(4)}` : ''}`;
  });
  return [
    PROGRESS_MARKER,
    `### Crescendo: ${brief.name} (\`${brief.id}\`)`,
    '',
    ...lines,
    '',
    `Model spend: **${formatSpend(facts.spentUsd, facts.capUsd)}** · campaign budget ${money(brief.budget.amount, brief.budget.currency)}`,
    '',
    `**Next:** ${nextAction(views, facts.waiting)}`,
    state.sample ? '\n_Sample run: artifacts come from shipped sample answers, not a live model._' : '',
  ].join('\n');
}
