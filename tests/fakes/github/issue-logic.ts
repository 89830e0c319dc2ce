import { ApiError, validationFailed } from './api-error.js';
import type { FakeContext } from './context.js';
import { type Actor, type CommentRecord, type IssueRecord, roleAtLeast } from './state.js';

// Issue and comment behaviour shared by the REST routes and the test helpers that act as humans.

/** GitHub refuses issue, PR and comment bodies over 65536 characters. */
export const MAX_BODY = 65536;

export function assertBodyLength(resource: string, body: string | null): void {
  if (body !== null && body.length > MAX_BODY) {
    throw validationFailed({
      resource,
      code: 'custom',
      field: 'body',
      message: `body is too long (maximum is ${MAX_BODY} characters)`,
    });
  }
}

export function findIssue(ctx: FakeContext, number: number): IssueRecord {
  const issue = ctx.state.issues.get(number);
  if (!issue) throw new ApiError(404, 'Not Found');
  return issue;
}

export interface NewIssue {
  title: string;
  body: string | null;
  labels: string[];
  author: Actor;
}

export function createIssue(ctx: FakeContext, input: NewIssue): IssueRecord {
  if (input.title.trim() === '') {
    throw validationFailed({ resource: 'Issue', code: 'missing_field', field: 'title' });
  }
  assertBodyLength('Issue', input.body);
  const now = ctx.state.timestamp();
  const issue: IssueRecord = {
    number: ctx.state.nextNumber(),
    id: ctx.state.nextId(),
    title: input.title,
    body: input.body,
    state: 'open',
    stateReason: null,
    author: input.author,
    labels: [],
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    closedBy: null,
  };
  // Labels from someone without triage access are dropped silently, as on GitHub.
  if (roleAtLeast(ctx.state.role(input.author.login), 'triage')) ctx.state.addLabels(issue, input.labels);
  ctx.state.issues.set(issue.number, issue);
  return issue;
}

function assertCommentBody(body: string): void {
  if (body.trim() === '') {
    throw validationFailed({
      resource: 'IssueComment',
      code: 'unprocessable',
      field: 'data',
      message: 'Body cannot be blank',
    });
  }
  if (body.length > MAX_BODY) {
    throw validationFailed({
      resource: 'IssueComment',
      code: 'unprocessable',
      field: 'data',
      message: `Body is too long (maximum is ${MAX_BODY} characters)`,
    });
  }
}

export function createComment(ctx: FakeContext, number: number, body: string, author: Actor): CommentRecord {
  const issue = findIssue(ctx, number);
  assertCommentBody(body);
  const now = ctx.state.timestamp();
  const comment: CommentRecord = {
    id: ctx.state.nextId(),
    issue: number,
    body,
    author,
    createdAt: now,
    updatedAt: now,
  };
  ctx.state.comments.set(comment.id, comment);
  issue.updatedAt = now;
  return comment;
}

export function findComment(ctx: FakeContext, id: number): CommentRecord {
  const comment = ctx.state.comments.get(id);
  if (!comment) throw new ApiError(404, 'Not Found');
  return comment;
}

/** Authors edit their own comments; editing someone else's needs write access. */
export function assertMayEditComment(ctx: FakeContext, comment: CommentRecord, actor: Actor): void {
  const own = comment.author.login.toLowerCase() === actor.login.toLowerCase();
  if (!own && !roleAtLeast(ctx.state.role(actor.login), 'write')) {
    throw new ApiError(403, 'You must have write access to edit comments from other users.');
  }
}

export function updateComment(ctx: FakeContext, comment: CommentRecord, body: string): void {
  assertCommentBody(body);
  comment.body = body;
  comment.updatedAt = ctx.state.timestamp();
}
