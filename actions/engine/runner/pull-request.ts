import type { Campaign, StageCost } from '../artifacts/campaign-state.js';
import { bullets } from '../files/markdown.js';
import { STAGES } from '../stages/index.js';
import type { StageName } from '../stages/names.js';

export const CHECKPOINTS: Record<StageName, string[]> = {
  research: [
    '3–5 competitor profiles with strengths and weaknesses',
    'Audience pain points and motivations',
    '5–10 relevant market trends',
    'Keywords with search volume and its source',
    'Actionable insights',
  ],
  strategy: [
    'SMART objectives',
    'Channel selection justified by research',
    'KPIs aligned with business goals',
    'Realistic timeline with milestones',
    'Budget allocation across channels',
  ],
  content: [
    'All assets listed in the strategy',
    'Brand voice consistent',
    'SEO optimisation applied',
    'Variations for testing',
    'Assets organised by channel and date',
  ],
  review: ['Brand compliance', 'Facts verified', 'SEO standards met', 'Clear CTAs', 'Ready for distribution'],
  distribution: [
    'All channels scheduled',
    'Tracking parameters on every link',
    'Email sequences set',
    'Ads set for approval',
    'Blog posts scheduled',
  ],
  measurement: [
    'Performance vs KPIs by channel',
    'Attribution across touchpoints',
    'ROI',
    'Top performing content and channels',
    'Specific optimisation recommendations',
  ],
};

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
): string {
  const { state } = campaign;
  return [
    `<!-- crescendo:stage ${campaign.brief.id}/${stage} -->`,
    `## ${STAGES[stage].title} for \`${campaign.brief.id}\``,
    summary,
    '### Checkpoint (verify before merging)',
    bullets(CHECKPOINTS[stage].map((c) => `[ ] ${c}`)),
    `### Cost\nThis run: $${cost.usd.toFixed(4)} (${cost.inputTokens} input, ${cost.cacheReadInputTokens} cached, ${cost.outputTokens} output tokens, ${cost.calls} calls). Revisions so far: ${state.stages[stage].revisions}.`,
    '### What next',
    'Merging this pull request approves the stage and starts the next one. To change it, request changes in a review, or comment `/crescendo revise <what to change>`: the stage is regenerated on this branch with your feedback.',
    state.sample ? '\n> Sample run: made from shipped sample answers, not a live model.' : '',
  ].join('\n\n');
}
