import type { Campaign, StageCost } from '../artifacts/campaign-state.js';
import { bullets } from '../files/markdown.js';
import { STAGES } from '../stages/index.js';
import type { StageName } from '../stages/names.js';

export const stageLabels = (id: string, stage: StageName): string[] => [
  'crescendo',
  `campaign:${id}`,
  `stage:${stage}`,
];

export function pullRequestTitle(campaign: Campaign, stage: StageName): string {
  return `[crescendo] ${campaign.brief.name}: ${STAGES[stage].title}`;
}

export function pullRequestBody(
  campaign: Campaign,
  stage: StageName,
  summary: string,
  cost: StageCost,
  issueUrl?: string,
): string {
  const { state } = campaign;
  const definition = STAGES[stage];
  return [
    `<!-- crescendo:stage ${campaign.brief.id}/${stage} -->`,
    `## ${definition.title} for \`${campaign.brief.id}\``,
    issueUrl ? `Campaign issue: ${issueUrl}` : '',
    summary,
    '### Checkpoint (verify before merging)',
    bullets(definition.checklist.map((c) => `[ ] ${c}`)),
    `### Cost\nThis run: $${cost.usd.toFixed(4)} (${cost.inputTokens} input, ${cost.cacheReadInputTokens} cached, ${cost.outputTokens} output tokens, ${cost.calls} calls). Revisions so far: ${state.stages[stage].revisions}.`,
    '### What merging does',
    `Merging this pull request ${definition.onMerge}. To change it first, request changes in a review, or comment \`/crescendo revise <what to change>\`: the stage is regenerated on this branch with your feedback.`,
    state.sample ? '\n> Sample run: made from shipped sample answers, not a live model.' : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}
