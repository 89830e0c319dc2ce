import { type Campaign, totalCost } from '../artifacts/campaign-state.js';
import { money } from '../files/markdown.js';
import { STAGES } from '../stages/index.js';
import { STAGE_NAMES, type StageName } from '../stages/names.js';

export const PROGRESS_MARKER = '<!-- crescendo:progress -->';

const BOX: Record<string, string> = { approved: '[x]', 'in-review': '[ ]', pending: '[ ]' };

/** Who must act next, in words a marketer understands. */
export function nextAction(campaign: Campaign): string {
  const { stage, stages } = campaign.state;
  const record = stages[stage];
  const title = STAGES[stage].title;
  if (record.status === 'in-review') {
    return `Waiting on the team: review and merge the ${title.toLowerCase()} pull request${record.pr ? ` #${record.pr}` : ''} (or request changes).`;
  }
  if (stage === 'measurement' && record.status === 'approved')
    return 'Live: measurement reports arrive on schedule.';
  return `Waiting on Crescendo: ${title.toLowerCase()} runs next.`;
}

export function renderProgress(campaign: Campaign, prUrl: (n: number) => string): string {
  const { brief, state } = campaign;
  const line = (name: StageName) => {
    const r = state.stages[name];
    const pr = r.pr ? ` — [#${r.pr}](${prUrl(r.pr)})` : '';
    const status = r.status === 'pending' ? '' : ` · ${r.status}`;
    const cost = r.cost.usd > 0 ? ` · $${r.cost.usd.toFixed(4)}` : '';
    return `- ${BOX[r.status]} **${STAGES[name].title}**${status}${pr}${cost}`;
  };
  return [
    PROGRESS_MARKER,
    `### Crescendo: ${brief.name} (\`${brief.id}\`)`,
    '',
    ...STAGE_NAMES.map(line),
    '',
    `Model cost so far: **$${totalCost(state).toFixed(4)}** · campaign budget ${money(brief.budget.amount, brief.budget.currency)}`,
    '',
    `**Next:** ${nextAction(campaign)}`,
    state.sample ? '\n_Sample run: artifacts come from shipped sample answers, not a live model._' : '',
  ].join('\n');
}
