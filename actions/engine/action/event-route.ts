import { z } from 'zod';
import { STAGES } from '../stages/index.js';
import { nextStage, STAGE_NAMES, type StageName } from '../stages/names.js';
import { overrideReason } from '../stages/override-line.js';
import { isCampaignIssue } from './issue-form/issue-form.js';

/**
 * Which Crescendo work a GitHub event asks for. Pure: it reads only the event payload, the repository
 * name and its default branch; anything that needs the API (a PR's head ref for an `issue_comment`,
 * the actor's permission, the campaign's state) is done by the action afterwards.
 */
export type EventIntent =
  | {
      kind: 'start';
      issue: number;
      title: string;
      body: string;
      author: string;
      /**
       * Who acted (the event's sender): the author when they opened it, or the person who labelled or edited
       * it — a maintainer who does so adopts an outsider's campaign issue.
       */
      sender: string;
      /** The labels on the issue now (the invalid-form label says a problems comment exists). */
      labels: string[];
      action: 'opened' | 'edited' | 'labeled';
    }
  | {
      kind: 'advance';
      campaignId: string;
      merged: StageName;
      next: StageName;
      pr: number;
    }
  | {
      /** The last stage's pull request (a report) merged: it starts nothing, but the campaign issue says so. */
      kind: 'merged';
      campaignId: string;
      stage: StageName;
      pr: number;
    }
  | {
      kind: 'revise';
      pr: number;
      feedback: string;
      actor: string;
      via: 'review' | 'comment';
      /** `comment:<id>` or `review:<id>`: a request is applied once, whatever replays it. */
      revisionId?: string;
      /** The comment to acknowledge with reactions (comments only: reviews take no reactions). */
      commentId?: number;
      /** Where the request is, to link it in replies. */
      url?: string;
      /** Known from the payload for reviews; for comments the action reads the PR's head ref. */
      campaignId?: string;
      stage?: StageName;
    }
  | {
      /** A `Crescendo-Override: <reason>` line on a stage PR: accept what its approval gate reports. */
      kind: 'override';
      pr: number;
      reason: string;
      actor: string;
      via: 'review' | 'comment';
      campaignId?: string;
      stage?: StageName;
    }
  | { kind: 'run'; campaignId: string; stage: StageName }
  | { kind: 'measure-all' }
  | { kind: 'ignore'; reason: string };

export interface RouteInput {
  eventName: string;
  payload: unknown;
  /** `GITHUB_REPOSITORY`, owner/name. */
  repository: string;
  defaultBranch: string;
}

export const REVISE_COMMAND = '/crescendo revise';
export const BRANCH_PREFIX = 'crescendo/';

const Label = z.looseObject({ name: z.string().nullish() });
const Labels = z.array(z.union([Label, z.string()])).nullish();
const User = z.looseObject({ login: z.string(), type: z.string().nullish() });

const IssuesPayload = z.looseObject({
  action: z.string(),
  issue: z.looseObject({
    number: z.number(),
    title: z.string().nullish(),
    body: z.string().nullish(),
    state: z.string().nullish(),
    user: User,
    labels: Labels,
    pull_request: z.unknown().optional(),
  }),
  label: Label.nullish(),
  sender: User.nullish(),
});

const PullRequestPart = z.looseObject({
  number: z.number(),
  state: z.string().nullish(),
  merged: z.boolean().nullish(),
  labels: Labels,
  base: z.looseObject({ ref: z.string() }),
  head: z.looseObject({
    ref: z.string(),
    repo: z.looseObject({ full_name: z.string() }).nullish(),
  }),
});

const PullRequestPayload = z.looseObject({ action: z.string(), pull_request: PullRequestPart });

const ReviewPayload = z.looseObject({
  action: z.string(),
  review: z.looseObject({
    id: z.number().nullish(),
    state: z.string(),
    body: z.string().nullish(),
    html_url: z.string().nullish(),
    user: User.nullish(),
  }),
  pull_request: PullRequestPart,
  sender: User.nullish(),
});

const CommentPayload = z.looseObject({
  action: z.string(),
  issue: z.looseObject({
    number: z.number(),
    state: z.string().nullish(),
    labels: Labels,
    pull_request: z.unknown().optional(),
  }),
  comment: z.looseObject({
    id: z.number().nullish(),
    body: z.string().nullish(),
    html_url: z.string().nullish(),
    user: User,
  }),
  sender: User.nullish(),
});

const DispatchPayload = z.looseObject({
  inputs: z.record(z.string(), z.unknown()).nullish(),
});

const ignore = (reason: string): EventIntent => ({ kind: 'ignore', reason });

function labelNames(labels: z.infer<typeof Labels>): string[] {
  return (labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? '')));
}

const isStage = (value: string): value is StageName => (STAGE_NAMES as readonly string[]).includes(value);

/** `crescendo/<id>/<stage>` → id and stage; undefined for any other branch. */
export function parseStageBranch(ref: string): { campaignId: string; stage: StageName } | undefined {
  const match = /^crescendo\/([a-z0-9][a-z0-9-]*)\/([a-z]+)$/.exec(ref);
  if (!match?.[1] || !match[2] || !isStage(match[2])) return undefined;
  return { campaignId: match[1], stage: match[2] };
}

/** The stage and campaign a Crescendo PR carries in its labels (`stage:<s>`, `campaign:<id>`). */
export function stageFromLabels(labels: readonly string[]): { campaignId?: string; stage?: StageName } {
  const stage = labels.map((l) => /^stage:(.+)$/.exec(l)?.[1]).find((s) => s !== undefined && isStage(s));
  const campaignId = labels.map((l) => /^campaign:(.+)$/.exec(l)?.[1]).find((s) => s !== undefined);
  return { campaignId, stage: stage as StageName | undefined };
}

const isBot = (user: { type?: string | null; login: string } | null | undefined): boolean =>
  user?.type === 'Bot' || (user?.login.endsWith('[bot]') ?? false);

/** What a revise comment asks for: the text after `/crescendo revise`, or undefined if it is not one. */
export function reviseFeedback(body: string | null | undefined): string | undefined {
  const text = (body ?? '').trimStart();
  if (!text.toLowerCase().startsWith(REVISE_COMMAND)) return undefined;
  const rest = text.slice(REVISE_COMMAND.length);
  if (rest !== '' && !/^\s/.test(rest)) return undefined; // `/crescendo revised…` is not the command
  return rest.trim();
}

function routeIssues(payload: unknown): EventIntent {
  const parsed = IssuesPayload.safeParse(payload);
  if (!parsed.success) return ignore('the issues event payload has no issue');
  const { action, issue, label, sender } = parsed.data;
  if (action !== 'opened' && action !== 'edited' && action !== 'labeled') {
    return ignore(`issues.${action} does not start a campaign`);
  }
  if (issue.pull_request !== undefined) return ignore('the issue is a pull request');
  if (issue.state === 'closed') return ignore(`issue #${issue.number} is closed`);
  const labels = labelNames(issue.labels);
  // Only the label that marks a campaign re-checks an issue; other labels (ours included) do not.
  if (action === 'labeled' && (label?.name ?? '').toLowerCase() !== 'campaign') {
    return ignore(`label "${label?.name ?? ''}" does not start a campaign`);
  }
  if (!isCampaignIssue(issue.body, labels)) {
    return ignore(`issue #${issue.number} is not a campaign form`);
  }
  return {
    kind: 'start',
    issue: issue.number,
    title: issue.title ?? '',
    body: issue.body ?? '',
    author: issue.user.login,
    sender: sender?.login ?? issue.user.login,
    labels,
    action,
  };
}

function routeMerged(payload: unknown, repository: string, defaultBranch: string): EventIntent {
  const parsed = PullRequestPayload.safeParse(payload);
  if (!parsed.success) return ignore('the pull_request event payload has no pull request');
  const { action, pull_request: pr } = parsed.data;
  if (action !== 'closed') return ignore(`pull_request.${action} is not a merge`);
  if (pr.merged !== true) return ignore(`pull request #${pr.number} was closed without merging`);
  if (pr.base.ref !== defaultBranch) {
    return ignore(`pull request #${pr.number} merged into ${pr.base.ref}, not ${defaultBranch}`);
  }
  if (!pr.head.ref.startsWith(BRANCH_PREFIX)) {
    return ignore(`pull request #${pr.number} is not a Crescendo stage (${pr.head.ref})`);
  }
  if (pr.head.repo?.full_name !== repository) {
    return ignore(`pull request #${pr.number} comes from another repository`);
  }
  const labels = labelNames(pr.labels);
  const { campaignId, stage } = stageFromLabels(labels);
  if (!stage) return ignore(`pull request #${pr.number} has no stage:<stage> label`);
  if (!campaignId) return ignore(`pull request #${pr.number} has no campaign:<id> label`);
  const branch = parseStageBranch(pr.head.ref);
  if (!branch || branch.campaignId !== campaignId || branch.stage !== stage) {
    return ignore(`pull request #${pr.number}: branch ${pr.head.ref} does not match its labels`);
  }
  const next = nextStage(stage);
  // The last stage repeats: its merge starts nothing (the next report comes on schedule) but is news.
  if (!next) return { kind: 'merged', campaignId, stage, pr: pr.number };
  return { kind: 'advance', campaignId, merged: stage, next, pr: pr.number };
}

function routeReview(payload: unknown, repository: string): EventIntent {
  const parsed = ReviewPayload.safeParse(payload);
  if (!parsed.success) return ignore('the pull_request_review payload has no review');
  const { action, review, pull_request: pr, sender } = parsed.data;
  if (action !== 'submitted') return ignore(`pull_request_review.${action} is not a new review`);
  const reason = overrideReason(review.body);
  if (reason !== undefined && review.state.toLowerCase() !== 'changes_requested') {
    const reviewer = review.user ?? sender;
    if (!reviewer || isBot(reviewer) || isBot(sender)) return ignore('reviews by bots are ignored');
    if (pr.state === 'closed') return ignore(`pull request #${pr.number} is closed`);
    if (pr.head.repo?.full_name !== repository) {
      return ignore(`pull request #${pr.number} comes from another repository`);
    }
    const branch = parseStageBranch(pr.head.ref);
    if (!branch) return ignore(`pull request #${pr.number} is not a Crescendo stage (${pr.head.ref})`);
    return { kind: 'override', pr: pr.number, reason, actor: reviewer.login, via: 'review', ...branch };
  }
  if (review.state.toLowerCase() !== 'changes_requested') {
    return ignore(`a ${review.state.toLowerCase()} review does not ask for a revision`);
  }
  const reviewer = review.user ?? sender;
  if (!reviewer || isBot(reviewer) || isBot(sender)) return ignore('reviews by bots are ignored');
  if (pr.state === 'closed') return ignore(`pull request #${pr.number} is closed`);
  if (pr.head.repo?.full_name !== repository) {
    return ignore(`pull request #${pr.number} comes from another repository`);
  }
  const branch = parseStageBranch(pr.head.ref);
  if (!branch) return ignore(`pull request #${pr.number} is not a Crescendo stage (${pr.head.ref})`);
  return {
    kind: 'revise',
    pr: pr.number,
    feedback: (review.body ?? '').trim(),
    actor: reviewer.login,
    via: 'review',
    ...(review.id ? { revisionId: `review:${review.id}` } : {}),
    ...(review.html_url ? { url: review.html_url } : {}),
    campaignId: branch.campaignId,
    stage: branch.stage,
  };
}

function routeComment(payload: unknown): EventIntent {
  const parsed = CommentPayload.safeParse(payload);
  if (!parsed.success) return ignore('the issue_comment payload has no comment');
  const { action, issue, comment, sender } = parsed.data;
  if (action !== 'created') return ignore(`issue_comment.${action} is not a new comment`);
  if (isBot(comment.user) || isBot(sender)) return ignore('comments by bots are ignored');
  const feedback = reviseFeedback(comment.body);
  const reason = feedback === undefined ? overrideReason(comment.body) : undefined;
  if (feedback === undefined && reason === undefined) {
    return ignore(`the comment is not a ${REVISE_COMMAND} command`);
  }
  if (issue.pull_request === undefined || issue.pull_request === null) {
    return ignore(`#${issue.number} is an issue, not a pull request`);
  }
  if (issue.state === 'closed') return ignore(`pull request #${issue.number} is closed`);
  const { campaignId, stage } = stageFromLabels(labelNames(issue.labels));
  if (reason !== undefined) {
    return {
      kind: 'override',
      pr: issue.number,
      reason,
      actor: comment.user.login,
      via: 'comment',
      ...(campaignId ? { campaignId } : {}),
      ...(stage ? { stage } : {}),
    };
  }
  return {
    kind: 'revise',
    pr: issue.number,
    feedback: feedback ?? '',
    actor: comment.user.login,
    via: 'comment',
    ...(comment.id ? { revisionId: `comment:${comment.id}`, commentId: comment.id } : {}),
    ...(comment.html_url ? { url: comment.html_url } : {}),
    ...(campaignId ? { campaignId } : {}),
    ...(stage ? { stage } : {}),
  };
}

function routeDispatch(payload: unknown): EventIntent {
  const parsed = DispatchPayload.safeParse(payload);
  const inputs = parsed.success ? (parsed.data.inputs ?? {}) : {};
  const text = (key: string): string => {
    const value = inputs[key];
    return typeof value === 'string' ? value.trim() : '';
  };
  const campaignId = text('campaign');
  const stage = text('stage');
  // The measure workflow's dispatch has no stage: without a campaign it measures every live campaign.
  if (!stage && !campaignId) return { kind: 'measure-all' };
  const wanted = stage || 'measurement';
  if (!isStage(wanted)) return ignore(`"${wanted}" is not a stage (${STAGE_NAMES.join(', ')})`);
  if (!campaignId) return ignore(`running ${wanted} by hand needs a campaign id`);
  return { kind: 'run', campaignId, stage: wanted };
}

/** Routes one GitHub event to the Crescendo work it asks for. */
export function routeEvent(input: RouteInput): EventIntent {
  const { eventName, payload, repository, defaultBranch } = input;
  switch (eventName) {
    case 'issues':
      return routeIssues(payload);
    case 'pull_request':
      return routeMerged(payload, repository, defaultBranch);
    case 'pull_request_review':
      return routeReview(payload, repository);
    case 'issue_comment':
      return routeComment(payload);
    case 'workflow_dispatch':
      return routeDispatch(payload);
    case 'schedule':
      return { kind: 'measure-all' };
    default:
      return ignore(`Crescendo does not act on ${eventName || 'an unnamed'} events`);
  }
}

/** Whether an intent is work for the action of `stage` (each of the six actions sees every event). */
export function concernsStage(intent: EventIntent, stage: StageName): boolean {
  switch (intent.kind) {
    case 'start':
      return stage === 'research';
    case 'advance':
      return intent.next === stage;
    case 'merged':
      return intent.stage === stage;
    case 'revise':
      // Comments name no branch in the payload; the action reads the PR before deciding.
      return intent.stage === undefined || intent.stage === stage;
    case 'override':
      // Only a stage with an approval gate has something to override.
      return STAGES[stage].gate !== undefined && (intent.stage === undefined || intent.stage === stage);
    case 'run':
      return intent.stage === stage;
    case 'measure-all':
      // The content action on a schedule resumes pending Message Batches.
      return stage === 'measurement' || stage === 'content';
    case 'ignore':
      return false;
  }
}
