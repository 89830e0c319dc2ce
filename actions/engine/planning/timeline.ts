import { CrescendoError, type Problem } from '../errors.js';
import { addDays, type DateWindow, daysBetween, isIsoDate, isWithinWindow } from './dates.js';

/**
 * The campaign calendar: the six stages of the marketing workflow laid end to end inside
 * the campaign window, with content production and review sized by the number of assets.
 *
 * All durations are calendar days (weekends are folded into the per-day rates, which is
 * why they are lower than a person's working-day output). The defaults come from the
 * workflow (docs/workflow.md) and are meant to be overridden per team:
 *
 * | assumption | default | why |
 * | --- | --- | --- |
 * | researchDays | 3 | research takes 4–8 h of work; the rest is waiting for the PR's approval |
 * | strategyDays | 4 | strategy takes 1–2 days, then human approval |
 * | productionAssetsPerDay | 4 | the workflow's example ships ~55 assets in two weeks |
 * | reviewAssetsPerDay | 20 | review takes 2–3 days for that same library |
 * | minProductionDays / minReviewDays | 2 / 2 | even one asset needs a draft day and an approval day |
 * | minDistributionDays | 7 | at least one full week live, so the first weekly report has data |
 * | reportDays | 2 | the final report pull request at the end of the window |
 */
export interface ThroughputAssumptions {
  researchDays: number;
  strategyDays: number;
  productionAssetsPerDay: number;
  reviewAssetsPerDay: number;
  minProductionDays: number;
  minReviewDays: number;
  minDistributionDays: number;
  reportDays: number;
}

export const DEFAULT_THROUGHPUT: Readonly<ThroughputAssumptions> = {
  researchDays: 3,
  strategyDays: 4,
  productionAssetsPerDay: 4,
  reviewAssetsPerDay: 20,
  minProductionDays: 2,
  minReviewDays: 2,
  minDistributionDays: 7,
  reportDays: 2,
};

export type PhaseId = 'research' | 'strategy' | 'production' | 'review' | 'distribution' | 'report';

export interface Phase {
  id: PhaseId;
  name: string;
  /** First day (inclusive). */
  start: string;
  /** Last day (inclusive). */
  end: string;
  days: number;
}

export interface Milestone {
  id: string;
  name: string;
  date: string;
  /** Week of the campaign, 1 for the seven days starting at kickoff. */
  week: number;
}

export interface Timeline {
  title: string;
  window: DateWindow;
  kickoff: string;
  assetCount: number;
  phases: Phase[];
  milestones: Milestone[];
  assumptions: ThroughputAssumptions;
}

export interface TimelineRequest {
  title?: string;
  window: DateWindow;
  /** Defaults to the window's start. */
  kickoff?: string;
  /** Number of content assets to produce and review. */
  assetCount: number;
  assumptions?: Partial<ThroughputAssumptions>;
}

const PHASE_NAMES: Readonly<Record<PhaseId, string>> = {
  research: 'Research',
  strategy: 'Strategy and approval',
  production: 'Content production',
  review: 'Content review and approval',
  distribution: 'Distribution and weekly optimisation',
  report: 'Final report',
};

function productionDays(assets: number, a: ThroughputAssumptions): number {
  return Math.max(a.minProductionDays, Math.ceil(assets / a.productionAssetsPerDay));
}

function reviewDays(assets: number, a: ThroughputAssumptions): number {
  return Math.max(a.minReviewDays, Math.ceil(assets / a.reviewAssetsPerDay));
}

/** Lays out the phases and milestones. Throws a `CrescendoError` when they cannot fit in the window. */
export function planTimeline(request: TimelineRequest): Timeline {
  const a: ThroughputAssumptions = { ...DEFAULT_THROUGHPUT, ...request.assumptions };
  const { window } = request;
  const kickoff = request.kickoff ?? window.start;
  validate(request, a, kickoff);

  const durations: [PhaseId, number][] = [
    ['research', a.researchDays],
    ['strategy', a.strategyDays],
    ['production', productionDays(request.assetCount, a)],
    ['review', reviewDays(request.assetCount, a)],
  ];
  const available = daysBetween(kickoff, window.end) + 1;
  const beforeLaunch = durations.reduce((s, [, d]) => s + d, 0);
  const distributionDays = available - beforeLaunch - a.reportDays;
  if (distributionDays < a.minDistributionDays) throw doesNotFit(request, a, kickoff, available);

  const phases: Phase[] = [];
  let cursor = kickoff;
  for (const [id, days] of [
    ...durations,
    ['distribution', distributionDays],
    ['report', a.reportDays],
  ] as const) {
    phases.push({ id, name: PHASE_NAMES[id], start: cursor, end: addDays(cursor, days - 1), days });
    cursor = addDays(cursor, days);
  }
  return {
    title: request.title ?? 'Campaign timeline',
    window,
    kickoff,
    assetCount: request.assetCount,
    phases,
    milestones: milestones(phases, kickoff),
    assumptions: a,
  };
}

function phase(phases: readonly Phase[], id: PhaseId): Phase {
  const found = phases.find((p) => p.id === id);
  if (!found) throw new Error(`internal: phase ${id} missing`);
  return found;
}

function milestones(phases: readonly Phase[], kickoff: string): Milestone[] {
  const week = (date: string) => Math.floor(daysBetween(kickoff, date) / 7) + 1;
  const at = (id: string, name: string, date: string): Milestone => ({ id, name, date, week: week(date) });
  const distribution = phase(phases, 'distribution');
  const list: Milestone[] = [
    at('research-approved', 'Research report approved', phase(phases, 'research').end),
    at('strategy-approved', 'Strategy approved', phase(phases, 'strategy').end),
    at('content-complete', 'Content complete', phase(phases, 'production').end),
    at('content-approved', 'Content approved', phase(phases, 'review').end),
    at('launch', 'Launch', distribution.start),
  ];
  // One report per full week live; the last week is covered by the final report.
  for (let n = 1; ; n++) {
    const date = addDays(distribution.start, 7 * n - 1);
    if (date > distribution.end) break;
    list.push(at(`weekly-report-${n}`, `Weekly report ${n}`, date));
  }
  list.push(at('final-report', 'Final report', phase(phases, 'report').end));
  return list;
}

function validate(request: TimelineRequest, a: ThroughputAssumptions, kickoff: string): void {
  const problems: Problem[] = [];
  const { window } = request;
  if (!isIsoDate(window.start))
    problems.push({ where: 'window.start', message: `not a date: ${window.start}` });
  if (!isIsoDate(window.end)) problems.push({ where: 'window.end', message: `not a date: ${window.end}` });
  if (problems.length === 0 && window.end < window.start) {
    problems.push({ where: 'window.end', message: `ends ${window.end}, before it starts ${window.start}` });
  }
  if (!isIsoDate(kickoff)) problems.push({ where: 'kickoff', message: `not a date: ${kickoff}` });
  else if (problems.length === 0 && !isWithinWindow(kickoff, window)) {
    problems.push({
      where: 'kickoff',
      message: `kickoff ${kickoff} is outside the window ${window.start} to ${window.end}`,
    });
  }
  if (!(Number.isInteger(request.assetCount) && request.assetCount >= 0)) {
    problems.push({ where: 'assetCount', message: `must be a whole number ≥ 0, got ${request.assetCount}` });
  }
  for (const [key, value] of Object.entries(a)) {
    const perDay = key.endsWith('PerDay');
    if (!(Number.isFinite(value) && (perDay ? value > 0 : Number.isInteger(value) && value >= 1))) {
      problems.push({
        where: `assumptions.${key}`,
        message: `must be ${perDay ? 'above 0' : 'a whole number ≥ 1'}, got ${value}`,
      });
    }
  }
  if (problems.length > 0) {
    throw new CrescendoError('the timeline request is invalid', {
      problems,
      fix: 'correct the fields above',
    });
  }
}

function doesNotFit(
  request: TimelineRequest,
  a: ThroughputAssumptions,
  kickoff: string,
  available: number,
): CrescendoError {
  const fixedDays = a.researchDays + a.strategyDays + a.minDistributionDays + a.reportDays;
  const contentDays = (n: number) => productionDays(n, a) + reviewDays(n, a);
  const needed = fixedDays + contentDays(request.assetCount);
  let fits = request.assetCount;
  while (fits >= 0 && fixedDays + contentDays(fits) > available) fits--;
  const problems: Problem[] = [
    { where: 'research + strategy', message: `${a.researchDays + a.strategyDays} days` },
    {
      where: 'content',
      message: `${request.assetCount} assets: ${productionDays(request.assetCount, a)} days of production (${a.productionAssetsPerDay}/day) and ${reviewDays(request.assetCount, a)} days of review (${a.reviewAssetsPerDay}/day)`,
    },
    { where: 'distribution', message: `at least ${a.minDistributionDays} days live` },
    { where: 'report', message: `${a.reportDays} days` },
  ];
  const fix =
    `end the window on ${addDays(kickoff, needed - 1)} or later` +
    (fits >= 0 ? `, or plan at most ${fits} assets` : ', the fixed phases alone do not fit');
  return new CrescendoError(
    `the campaign needs ${needed} days from kickoff ${kickoff}, but the window ends ${request.window.end} (${available} days)`,
    { where: 'window', problems, fix },
  );
}
