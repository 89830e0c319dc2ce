import type { StrategyObjective } from '../../artifacts/strategy.js';
import { CHANNEL_LABELS, Channel } from '../../channels/index.js';
import type { Problem } from '../../errors.js';
import { objectiveText } from '../../planning/plan-of-record.js';

/**
 * Approvers read names, never field paths: "Objective 1 (500 MQLs)" and "LinkedIn Ads", not
 * `objectives[0]` or `channels[3]`. Problems from shared checks (SMART, budget) come with paths; these
 * functions put the names in their place.
 */

type Labelled = Pick<StrategyObjective, 'metric' | 'target' | 'channel' | 'period'>;

/** `Objective 2 (50,000 visitors)`, `Objective 3 (21,000 sessions a month on Blog / SEO)`. */
export function objectiveLabel(objectives: readonly Labelled[], i: number): string {
  const o = objectives[i];
  return o ? `Objective ${i + 1} (${objectiveText(o)})` : `Objective ${i + 1}`;
}

export const channelLabel = (channel: string): string => {
  const known = Channel.safeParse(channel);
  return known.success ? CHANNEL_LABELS[known.data] : channel;
};

const FIELD_WORDS: Readonly<Record<string, string>> = {
  target: 'target',
  deadline: 'deadline',
  metric: 'metric',
  unit: 'unit',
  description: 'description',
  businessGoal: 'business goal',
  share: 'budget share',
  channel: 'channel',
  researchFindings: 'research findings',
  amount: 'amount',
  date: 'date',
};

interface Named {
  objectives: readonly Labelled[];
  channels: readonly { channel: string }[];
  milestones?: readonly { title: string }[];
  budget?: { lines: readonly { channel: string }[] };
}

/** A field path such as `objectives[1].deadline` in words: `Objective 2 ("…") deadline`. */
export function pathLabel(where: string, data: Named): string {
  const match =
    /^(objectives|channels|milestones|budget\.lines|allocation\.lines)\[(\d+)\](?:\.(\w+))?(.*)$/.exec(where);
  if (!match) {
    if (where === 'channels') return 'Channels';
    if (where.startsWith('budget')) return 'Budget';
    if (where === 'objectives') return 'Objectives';
    return where;
  }
  const [, list = '', index = '0', field, rest = ''] = match;
  const i = Number(index);
  let subject: string;
  if (list === 'objectives') subject = objectiveLabel(data.objectives, i);
  else if (list === 'channels') subject = channelLabel(data.channels[i]?.channel ?? `channel ${i + 1}`);
  else if (list === 'milestones') subject = `Milestone "${data.milestones?.[i]?.title ?? i + 1}"`;
  else subject = `Budget line ${channelLabel(data.budget?.lines[i]?.channel ?? String(i + 1))}`;
  // "LinkedIn Ads channel" says nothing more than "LinkedIn Ads".
  const word = field && !(list === 'channels' && field === 'channel') ? (FIELD_WORDS[field] ?? field) : '';
  // Deeper parts (`researchFindings[2]`) keep their position in words: "research findings 3".
  const deeper = /^\[(\d+)\]/.exec(rest);
  return [subject, word, deeper ? String(Number(deeper[1]) + 1) : ''].filter(Boolean).join(' ');
}

/** Replaces the paths in problems with names. */
export function labelled(problems: readonly Problem[], data: Named): Problem[] {
  return problems.map((p) => ({ ...p, where: pathLabel(p.where, data) }));
}
