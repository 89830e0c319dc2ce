import { ApiError, validationFailed } from './api-error.js';
import type { FakeContext } from './context.js';
import {
  type JsonObject,
  labelNames,
  nullableString,
  objectBody,
  oneOf,
  optionalArray,
  optionalString,
  requiredString,
  routeNumber,
} from './input.js';
import {
  assertBodyLength,
  assertMayEditComment,
  createComment,
  createIssue,
  findComment,
  findIssue,
  updateComment,
} from './issue-logic.js';
import { sortIssues } from './pulls-routes.js';
import { created, noContent, ok, page } from './respond.js';
import type { Route } from './router.js';
import type { Actor, IssueRecord } from './state.js';
import type { Views } from './views.js';

const requireActor = (actor: Actor | undefined): Actor => {
  if (!actor) throw new ApiError(401, 'Requires authentication');
  return actor;
};

/** Issues (pull requests are issues too), their comments and labels, and the repository's labels. */
export function issuesRoutes(ctx: FakeContext, views: Views): Route[] {
  const issueLabels = (issue: IssueRecord) => views.issueLabels(issue);
  return [
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/issues',
      async handle(request) {
        const { query } = request;
        const state = oneOf(query.get('state') ?? 'open', ['open', 'closed', 'all'] as const, 'state');
        const wanted = (query.get('labels') ?? '')
          .split(',')
          .map((name) => name.trim().toLowerCase())
          .filter(Boolean);
        const creator = query.get('creator')?.toLowerCase();
        const since = query.get('since');
        const issues = [...ctx.state.issues.values()]
          .filter((issue) => state === 'all' || issue.state === state)
          .filter((issue) => wanted.every((name) => issue.labels.some((have) => have.toLowerCase() === name)))
          .filter((issue) => creator === undefined || issue.author.login.toLowerCase() === creator)
          .filter((issue) => since === null || issue.updatedAt >= since);
        const sorted = sortIssues(issues, query.get('sort') ?? 'created', query.get('direction'));
        return page(
          request,
          sorted.map((issue) => views.issue(issue)),
        );
      },
    },
    {
      method: 'POST',
      path: '/repos/{owner}/{repo}/issues',
      role: 'read',
      async handle({ body, actor }) {
        const input = objectBody(body);
        const title = input.title;
        if (typeof title !== 'string' && typeof title !== 'number') requiredString(input, 'title');
        const issue = createIssue(ctx, {
          title: String(title),
          body: nullableString(input, 'body') ?? null,
          labels: input.labels === undefined ? [] : labelNames(input.labels),
          author: requireActor(actor),
        });
        return created(views.issue(issue));
      },
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/issues/{issue_number}',
      async handle({ params }) {
        return ok(views.issue(findIssue(ctx, routeNumber(params.issue_number))));
      },
    },
    {
      method: 'PATCH',
      path: '/repos/{owner}/{repo}/issues/{issue_number}',
      role: 'triage',
      async handle({ params, body, actor }) {
        const issue = findIssue(ctx, routeNumber(params.issue_number));
        updateIssue(ctx, issue, objectBody(body), requireActor(actor));
        return ok(views.issue(issue));
      },
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      async handle(request) {
        const number = routeNumber(request.params.issue_number);
        findIssue(ctx, number);
        const since = request.query.get('since');
        const comments = [...ctx.state.comments.values()]
          .filter((comment) => comment.issue === number)
          .filter((comment) => since === null || comment.updatedAt >= since);
        return page(
          request,
          comments.map((comment) => views.comment(comment)),
        );
      },
    },
    {
      method: 'POST',
      path: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      role: 'read',
      async handle({ params, body, actor }) {
        const text = requiredString(objectBody(body), 'body');
        return created(
          views.comment(createComment(ctx, routeNumber(params.issue_number), text, requireActor(actor))),
        );
      },
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
      async handle({ params }) {
        return ok(views.comment(findComment(ctx, routeNumber(params.comment_id))));
      },
    },
    {
      method: 'PATCH',
      path: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
      role: 'read',
      async handle({ params, body, actor }) {
        const comment = findComment(ctx, routeNumber(params.comment_id));
        assertMayEditComment(ctx, comment, requireActor(actor));
        updateComment(ctx, comment, requiredString(objectBody(body), 'body'));
        return ok(views.comment(comment));
      },
    },
    {
      method: 'DELETE',
      path: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
      role: 'read',
      async handle({ params, actor }) {
        const comment = findComment(ctx, routeNumber(params.comment_id));
        assertMayEditComment(ctx, comment, requireActor(actor));
        ctx.state.comments.delete(comment.id);
        return noContent();
      },
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/issues/{issue_number}/labels',
      async handle(request) {
        return page(request, issueLabels(findIssue(ctx, routeNumber(request.params.issue_number))));
      },
    },
    {
      method: 'POST',
      path: '/repos/{owner}/{repo}/issues/{issue_number}/labels',
      role: 'triage',
      async handle({ params, body }) {
        const issue = findIssue(ctx, routeNumber(params.issue_number));
        ctx.state.addLabels(issue, labelNames(body));
        issue.updatedAt = ctx.state.timestamp();
        return ok(issueLabels(issue));
      },
    },
    {
      method: 'PUT',
      path: '/repos/{owner}/{repo}/issues/{issue_number}/labels',
      role: 'triage',
      async handle({ params, body }) {
        const issue = findIssue(ctx, routeNumber(params.issue_number));
        issue.labels = [];
        ctx.state.addLabels(issue, labelNames(body));
        issue.updatedAt = ctx.state.timestamp();
        return ok(issueLabels(issue));
      },
    },
    {
      method: 'DELETE',
      path: '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}',
      role: 'triage',
      async handle({ params }) {
        const issue = findIssue(ctx, routeNumber(params.issue_number));
        const name = (params.name ?? '').toLowerCase();
        if (!issue.labels.some((label) => label.toLowerCase() === name))
          throw new ApiError(404, 'Label does not exist');
        issue.labels = issue.labels.filter((label) => label.toLowerCase() !== name);
        issue.updatedAt = ctx.state.timestamp();
        return ok(issueLabels(issue));
      },
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/labels',
      async handle(request) {
        return page(
          request,
          [...ctx.state.labels.values()].map((label) => views.label(label)),
        );
      },
    },
    {
      method: 'POST',
      path: '/repos/{owner}/{repo}/labels',
      async handle({ body }) {
        const input = objectBody(body);
        const name = requiredString(input, 'name');
        const color = (optionalString(input, 'color') ?? 'ededed').replace(/^#/, '');
        if (!/^[0-9a-fA-F]{6}$/.test(color))
          throw validationFailed({ resource: 'Label', code: 'invalid', field: 'color' });
        if (ctx.state.label(name))
          throw validationFailed({ resource: 'Label', code: 'already_exists', field: 'name' });
        return created(
          views.label(
            ctx.state.ensureLabel(name, color.toLowerCase(), optionalString(input, 'description') ?? null),
          ),
        );
      },
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/labels/{name}',
      async handle({ params }) {
        const label = ctx.state.label(params.name ?? '');
        if (!label) throw new ApiError(404, 'Not Found');
        return ok(views.label(label));
      },
    },
  ];
}

function updateIssue(ctx: FakeContext, issue: IssueRecord, input: JsonObject, actor: Actor): void {
  const title = optionalString(input, 'title');
  const body = nullableString(input, 'body');
  const state = oneOf(optionalString(input, 'state'), ['open', 'closed'] as const, 'state');
  const reason = oneOf(
    optionalString(input, 'state_reason'),
    ['completed', 'not_planned', 'reopened'] as const,
    'state_reason',
  );
  const labels = optionalArray(input, 'labels');
  assertBodyLength('Issue', body ?? null);
  if (issue.pull?.merged && state === 'open') {
    throw validationFailed({
      resource: 'Issue',
      code: 'custom',
      message: 'Cannot reopen a merged pull request',
    });
  }
  const now = ctx.state.timestamp();
  if (title !== undefined) issue.title = title;
  if (body !== undefined) issue.body = body;
  if (labels !== undefined) {
    issue.labels = [];
    ctx.state.addLabels(issue, labelNames(labels));
  }
  if (state === 'closed' && issue.state === 'open') {
    Object.assign(issue, {
      state: 'closed',
      stateReason: reason ?? 'completed',
      closedAt: now,
      closedBy: actor,
    });
  } else if (state === 'open' && issue.state === 'closed') {
    Object.assign(issue, { state: 'open', stateReason: 'reopened', closedAt: null, closedBy: null });
  }
  issue.updatedAt = now;
}
