import { ApiError } from './api-error.js';
import type { FakeContext } from './context.js';
import {
  type JsonObject,
  nullableString,
  objectBody,
  oneOf,
  optionalArray,
  optionalBoolean,
  optionalString,
  requiredString,
  routeNumber,
} from './input.js';
import { assertBodyLength } from './issue-logic.js';
import { createPull, findPull, headBranch, mergePull, pullJson } from './pull-logic.js';
import { page } from './respond.js';
import { createReview, type ReviewEvent } from './review-logic.js';
import type { Route } from './router.js';
import type { Actor, IssueRecord, ReviewCommentRecord } from './state.js';
import type { Views } from './views.js';

const requireActor = (actor: Actor | undefined): Actor => {
  if (!actor) throw new ApiError(401, 'Requires authentication');
  return actor;
};

/** Pull requests, their merge and their reviews. */
export function pullsRoutes(ctx: FakeContext, views: Views): Route[] {
  return [
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/pulls',
      async handle(request) {
        const { query } = request;
        const state = oneOf(query.get('state') ?? 'open', ['open', 'closed', 'all'] as const, 'state');
        const head = query.get('head');
        // Real GitHub ignores a head filter without the `owner:` part and returns every PR.
        const branch = head?.includes(':') ? (headBranch(ctx, head) ?? '\0no-such-branch') : undefined;
        const base = query.get('base');
        let pulls = ctx.state
          .pulls()
          .filter((issue) => state === 'all' || issue.state === state)
          .filter((issue) => branch === undefined || issue.pull?.head === branch)
          .filter((issue) => base === null || issue.pull?.base === base);
        pulls = sortIssues(pulls, query.get('sort') ?? 'created', query.get('direction'));
        return page(request, await Promise.all(pulls.map((issue) => pullJson(ctx, views, issue))));
      },
    },
    {
      method: 'POST',
      path: '/repos/{owner}/{repo}/pulls',
      async handle({ body, actor }) {
        const input = objectBody(body);
        const text = nullableString(input, 'body') ?? null;
        assertBodyLength('PullRequest', text);
        const issue = await createPull(ctx, requireActor(actor), {
          title: requiredString(input, 'title'),
          head: requiredString(input, 'head'),
          base: requiredString(input, 'base'),
          body: text,
          draft: optionalBoolean(input, 'draft') ?? false,
        });
        return { status: 201, body: await pullJson(ctx, views, issue) };
      },
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/pulls/{pull_number}',
      async handle({ params }) {
        return {
          status: 200,
          body: await pullJson(ctx, views, findPull(ctx, routeNumber(params.pull_number))),
        };
      },
    },
    {
      method: 'PATCH',
      path: '/repos/{owner}/{repo}/pulls/{pull_number}',
      async handle({ params, body, actor }) {
        const issue = findPull(ctx, routeNumber(params.pull_number));
        await updatePull(ctx, issue, objectBody(body), requireActor(actor));
        return { status: 200, body: await pullJson(ctx, views, issue) };
      },
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/pulls/{pull_number}/merge',
      async handle({ params }) {
        const issue = findPull(ctx, routeNumber(params.pull_number));
        if (!issue.pull.merged) throw new ApiError(404, 'Not Found');
        return { status: 204 };
      },
    },
    {
      method: 'PUT',
      path: '/repos/{owner}/{repo}/pulls/{pull_number}/merge',
      async handle({ params, body, actor }) {
        const input = objectBody(body);
        const sha = await mergePull(ctx, routeNumber(params.pull_number), {
          by: requireActor(actor),
          method: oneOf(
            optionalString(input, 'merge_method'),
            ['merge', 'squash', 'rebase'] as const,
            'merge_method',
          ),
          commitTitle: optionalString(input, 'commit_title'),
          commitMessage: optionalString(input, 'commit_message'),
          sha: optionalString(input, 'sha'),
        });
        return { status: 200, body: { sha, merged: true, message: 'Pull Request successfully merged' } };
      },
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
      async handle(request) {
        const number = routeNumber(request.params.pull_number);
        findPull(ctx, number);
        const visible = ctx.state.reviews.filter(
          (review) =>
            review.pull === number &&
            (review.state !== 'PENDING' || review.author.login === request.actor?.login),
        );
        return page(
          request,
          visible.map((review) => views.review(review)),
        );
      },
    },
    {
      method: 'POST',
      path: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
      async handle({ params, body, actor }) {
        const input = objectBody(body);
        const review = await createReview(ctx, routeNumber(params.pull_number), {
          author: requireActor(actor),
          event: oneOf(
            optionalString(input, 'event'),
            ['APPROVE', 'REQUEST_CHANGES', 'COMMENT'] as const,
            'event',
          ) satisfies ReviewEvent | undefined,
          body: optionalString(input, 'body') ?? '',
          commitId: optionalString(input, 'commit_id'),
          comments: (optionalArray(input, 'comments') ?? []).map((entry) => reviewComment(objectBody(entry))),
        });
        // Creating a review answers 200, not 201 (per the OpenAPI description).
        return { status: 200, body: views.review(review) };
      },
    },
  ];
}

function reviewComment(entry: JsonObject): ReviewCommentRecord {
  const line = entry.line ?? entry.position;
  if (typeof line !== 'number')
    throw new ApiError(422, 'Unprocessable Entity', ['Line could not be resolved']);
  const startLine = typeof entry.start_line === 'number' ? entry.start_line : null;
  return {
    path: requiredString(entry, 'path'),
    line,
    startLine,
    side: oneOf(optionalString(entry, 'side'), ['LEFT', 'RIGHT'] as const, 'side') ?? 'RIGHT',
    body: requiredString(entry, 'body'),
  };
}

async function updatePull(
  ctx: FakeContext,
  issue: IssueRecord,
  input: JsonObject,
  actor: Actor,
): Promise<void> {
  const pull = issue.pull;
  if (!pull) return;
  const title = optionalString(input, 'title');
  const body = nullableString(input, 'body');
  const state = oneOf(optionalString(input, 'state'), ['open', 'closed'] as const, 'state');
  const base = optionalString(input, 'base');
  assertBodyLength('PullRequest', body ?? null);
  if (base !== undefined && !(await ctx.git.refSha(`refs/heads/${base}`))) {
    throw new ApiError(422, 'Validation Failed', [
      { resource: 'PullRequest', field: 'base', code: 'invalid' },
    ]);
  }
  if (state === 'open' && issue.state === 'closed') {
    const duplicate = ctx.state
      .pulls()
      .some((other) => other.state === 'open' && other.pull?.head === pull.head);
    const headExists = await ctx.git.refSha(`refs/heads/${pull.head}`);
    if (pull.merged || duplicate || !headExists) {
      const message = duplicate
        ? `A pull request already exists for ${ctx.owner}:${pull.head}.`
        : 'state cannot be changed. The pull request cannot be reopened.';
      throw new ApiError(422, 'Validation Failed', [{ resource: 'PullRequest', code: 'custom', message }]);
    }
  }
  const now = ctx.state.timestamp();
  if (title !== undefined) issue.title = title;
  if (body !== undefined) issue.body = body;
  if (base !== undefined) pull.base = base;
  if (state === 'closed' && issue.state === 'open') {
    Object.assign(issue, { state: 'closed', closedAt: now, closedBy: actor });
  } else if (state === 'open' && issue.state === 'closed') {
    Object.assign(issue, { state: 'open', closedAt: null, closedBy: null });
  }
  issue.updatedAt = now;
}

/** GitHub's list order: `created` (default) or `updated`, newest first unless `direction=asc`. */
export function sortIssues(issues: IssueRecord[], sort: string, direction: string | null): IssueRecord[] {
  const key = (issue: IssueRecord) => (sort === 'updated' ? issue.updatedAt : issue.createdAt);
  const sign = direction === 'asc' ? 1 : -1;
  return [...issues].sort((a, b) => sign * (key(a).localeCompare(key(b)) || a.number - b.number));
}
