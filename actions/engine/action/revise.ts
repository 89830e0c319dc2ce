import * as core from '@actions/core';
import { formatError } from '../errors.js';
import type { ReviewComment } from '../forge/forge.js';
import type { Reaction } from '../forge/github/comments.js';
import { loadCampaign } from '../runner/campaigns.js';
import { unappliedLineComments } from '../runner/revision-requests.js';
import { runStage } from '../runner/run-stage.js';
import { type EventIntent, parseStageBranch, stageFromLabels } from './event-route.js';
import {
  byBot,
  NO_COMMENT_FEEDBACK,
  pendingRequests,
  type RevisionRequest,
  revisionRequests,
} from './revision-requests.js';
import { allowed, deps, type RunContext, ran, type StageActionResult, skipped } from './run-context.js';

type ReviseIntent = Extract<EventIntent, { kind: 'revise' }>;

/** The request the event names, as a listing would show it (in case the listing lags behind). */
function namedRequest(intent: ReviseIntent): RevisionRequest | undefined {
  if (!intent.revisionId) return undefined;
  return {
    id: intent.revisionId,
    via: intent.via,
    number: Number(intent.revisionId.split(':')[1]),
    author: intent.actor,
    feedback: intent.feedback || NO_COMMENT_FEEDBACK,
    at: new Date().toISOString(),
    url: intent.url ?? '',
  };
}

/** Reactions are acknowledgements: one that cannot be added is a warning, never the run's failure. */
async function react(ctx: RunContext, requests: readonly RevisionRequest[], content: Reaction) {
  for (const request of requests.filter((r) => r.via === 'comment')) {
    try {
      await ctx.forge.react(request.number, content);
    } catch (error) {
      core.warning(`could not react to comment ${request.number}: ${formatError(error)}`);
    }
  }
}

/** Reviews take no reactions: one reply names the reviews a revision applied. */
function reviewReply(reviews: readonly RevisionRequest[], sha: string): string {
  const which = reviews.map((r) => `[review](${r.url}) by @${r.author}`).join(', ');
  return `🚀 Revised as asked in the ${which}: the new version is commit ${sha.slice(0, 7)} on this pull request.`;
}

/**
 * A revision of an open stage pull request. Every revise request on the PR that is not applied yet (this
 * one, and any whose run GitHub dropped or that arrived while another ran) is applied together, once: the
 * ids go into the stage's state in the same commit as the revision, so a replayed comment or review finds
 * its id there and regenerates nothing. Comments are acknowledged with reactions (👀 when picked up, 🚀 when
 * applied, 😕 when the run failed); reviews, which take no reactions, with one reply.
 */
export async function revisePullRequest(ctx: RunContext, intent: ReviseIntent): Promise<StageActionResult> {
  ctx.target = intent.pr;
  const pr = await ctx.forge.getPullRequest(intent.pr);
  const branch = parseStageBranch(pr.branch);
  if (!branch) return skipped(`#${intent.pr} is not a Crescendo stage pull request.`);
  const labelled = stageFromLabels(pr.labels);
  if (labelled.stage !== branch.stage || labelled.campaignId !== branch.campaignId) {
    return skipped(`#${intent.pr}: its branch ${pr.branch} and labels disagree; not revising.`);
  }
  if (
    (intent.campaignId && intent.campaignId !== branch.campaignId) ||
    (intent.stage && intent.stage !== branch.stage)
  ) {
    return skipped(`#${intent.pr} is not the pull request the event named.`);
  }
  const { campaignId, stage } = branch;
  if (stage !== ctx.stage) {
    return skipped(`#${intent.pr} is a ${stage} pull request; this is the ${ctx.stage} action.`);
  }
  if (pr.state !== 'open')
    return skipped(`#${intent.pr} is ${pr.state}; only open pull requests are revised.`);
  ctx.campaignId = campaignId;
  const what = intent.via === 'review' ? 'request a revision' : 'revise a stage with `/crescendo revise`';
  if (!(await allowed(ctx, intent.actor, intent.pr, what))) {
    return {
      status: 'refused',
      message: `@${intent.actor} has no write access; nothing ran.`,
      campaignId,
      runs: [],
    };
  }

  const [campaign, comments, reviews] = await Promise.all([
    loadCampaign(ctx.forge, campaignId, pr.branch),
    ctx.forge.listComments(intent.pr),
    ctx.forge.listReviews(intent.pr),
  ]);
  const applied = campaign?.state.stages[stage].applied ?? [];
  const pending = pendingRequests(revisionRequests(comments, reviews), applied, namedRequest(intent));
  // Only requests by people with write access count (each person asked once).
  const writers = new Map<string, boolean>([[intent.actor.toLowerCase(), true]]);
  const todo: RevisionRequest[] = [];
  for (const request of pending) {
    const login = request.author.toLowerCase();
    if (!writers.has(login)) writers.set(login, await ctx.forge.hasWriteAccess(request.author));
    if (writers.get(login)) todo.push(request);
  }
  if (todo.length === 0) {
    return skipped(`Every revision asked on #${intent.pr} is applied already; nothing to do.`, campaignId);
  }
  // Inline comments on the PR's lines go with the revision: people's (not bots'), by people with write access.
  const lineComments: ReviewComment[] = [];
  for (const comment of unappliedLineComments(
    reviews.filter((r) => !byBot(r.author, r.authorType)),
    applied,
  )) {
    const login = comment.author.toLowerCase();
    if (!writers.has(login)) writers.set(login, await ctx.forge.hasWriteAccess(comment.author));
    if (writers.get(login)) lineComments.push(comment);
  }
  if (ctx.dryRun) {
    return skipped(
      `Dry run: would revise ${stage} of ${campaignId} with ${todo.length} request(s).`,
      campaignId,
    );
  }
  const mine = todo.filter((r) => r.id === intent.revisionId);
  await react(ctx, mine, 'eyes');
  try {
    const run = await runStage(deps(ctx), {
      campaignId,
      stage,
      feedback: todo.map((r) => r.feedback),
      revisionIds: todo.map((r) => r.id),
      lineComments,
    });
    await react(ctx, todo, 'rocket');
    const reviewed = todo.filter((r) => r.via === 'review');
    if (reviewed.length > 0 && run.changed) {
      await ctx.forge.comment(intent.pr, reviewReply(reviewed, run.pullRequest.headSha));
    }
    const result = ran(run, stage);
    return todo.length > 1
      ? { ...result, message: `${result.message} (${todo.length} revision requests applied together)` }
      : result;
  } catch (error) {
    await react(ctx, todo, 'confused');
    throw error;
  }
}
