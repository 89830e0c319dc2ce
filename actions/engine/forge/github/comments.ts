import type { RepoApi } from './client.js';
import { isAuthoredBy } from './identity.js';

/** An issue or pull-request comment, as the engine reads it. */
export interface IssueComment {
  id: number;
  author: string;
  /** `User` or `Bot` (GitHub's `user.type`). */
  authorType: string;
  body: string;
  createdAt: string;
  url: string;
}

/** The reactions GitHub's REST API accepts. */
export type Reaction = '+1' | '-1' | 'laugh' | 'confused' | 'heart' | 'hooray' | 'rocket' | 'eyes';

interface CommentJson {
  id: number;
  body?: string | null;
  html_url: string;
  created_at: string;
  user: { login: string; type?: string | null } | null;
}

const toComment = (comment: CommentJson): IssueComment => ({
  id: comment.id,
  author: comment.user?.login ?? 'ghost',
  authorType: comment.user?.type ?? 'User',
  body: comment.body ?? '',
  createdAt: comment.created_at,
  url: comment.html_url,
});

async function rawComments(api: RepoApi, issue: number): Promise<CommentJson[]> {
  const { octokit, owner, repo } = api;
  return octokit.paginate(octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: issue,
    per_page: 100,
  });
}

/** Every comment on an issue or pull request, oldest first. */
export async function listIssueComments(api: RepoApi, issue: number): Promise<IssueComment[]> {
  return (await rawComments(api, issue)).map(toComment);
}

/** Who we are, asked only when needed (a comment with the marker exists) and remembered after. */
export interface Identity {
  login(): Promise<string | undefined>;
  /** The author of a comment we just created: us, for sure. */
  learn(login: string): void;
}

/**
 * Creates or edits in place the one comment carrying `marker` that this token's identity wrote. A comment
 * with the marker by anyone else is left alone: the marker is a lookup key, never proof of authorship.
 * Writes nothing when our comment already says exactly this.
 */
export async function upsertOwnComment(
  api: RepoApi,
  identity: Identity,
  issue: number,
  marker: string,
  text: string,
): Promise<{ id: number; url: string }> {
  const { octokit, owner, repo } = api;
  const marked = (await rawComments(api, issue)).filter((comment) => comment.body?.includes(marker));
  const me = marked.length > 0 ? await identity.login() : undefined;
  const existing = marked.find((comment) => isAuthoredBy(comment.user, me));
  if (existing) {
    if (existing.body === text) return { id: existing.id, url: existing.html_url };
    const { data } = await octokit.rest.issues.updateComment({
      owner,
      repo,
      comment_id: existing.id,
      body: text,
    });
    return { id: data.id, url: data.html_url };
  }
  const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: issue, body: text });
  if (data.user?.login) identity.learn(data.user.login);
  return { id: data.id, url: data.html_url };
}

/**
 * Adds a reaction to an issue or pull-request comment. GitHub answers 200 with the existing reaction when
 * this identity already reacted so, so a replay adds nothing.
 */
export async function reactToComment(api: RepoApi, commentId: number, content: Reaction): Promise<void> {
  const { octokit, owner, repo } = api;
  await octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: commentId, content });
}
