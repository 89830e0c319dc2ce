import { Octokit } from '@octokit/rest';
import { connectionError, type HttpMethod } from '../http.js';
import { type PlannedRequest, PublishError, REDACTED } from '../publisher.js';
import type { SiteStore } from './store.js';

/*
 * The site as a GitHub repository, written with one commit per post through the git data API (ref →
 * commit → tree with the file inline → commit → fast-forward the ref). Only the last call publishes:
 * blobs, trees and commits are invisible until the branch moves, so a failure before it is a plain
 * failure, and only a lost answer to the ref update is an unknown outcome (`find` then reads the file).
 * Plain @octokit/rest: no retry plugin, a publisher never repeats a call on its own.
 */

export interface GitHubSite {
  owner: string;
  repo: string;
  branch: string;
  token: string;
  baseUrl: string;
  timeoutMs: number;
  fetch: typeof fetch;
}

interface OctokitFailure extends Error {
  status: number;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

const isOctokitFailure = (error: unknown): error is OctokitFailure =>
  error instanceof Error && typeof (error as { status?: unknown }).status === 'number';

/** An HTTP answer or a failed request (Octokit's RequestError, or a timeout), never a bug in this code. */
const isRequestFailure = (error: unknown): boolean =>
  (isOctokitFailure(error) && error.name === 'HttpError') ||
  (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'));

function messageOf(error: OctokitFailure): string {
  const data = error.response?.data as { message?: unknown } | undefined;
  return typeof data?.message === 'string' ? data.message : error.message;
}

function failure(
  error: unknown,
  site: GitHubSite,
  method: HttpMethod,
  path: string,
  publishes: boolean,
): PublishError {
  const where = `GitHub ${method} ${path}`;
  const url = `${site.baseUrl}${path}`;
  // Octokit reports a failed fetch as a status-500 error without a response: the request may not have
  // arrived, and only the ref update makes anything visible.
  if (!isOctokitFailure(error) || !error.response) {
    const cause = (error as { cause?: unknown }).cause ?? error;
    return connectionError('GitHub', { method: publishes ? method : 'GET', url }, cause);
  }
  const { status } = error;
  const message = `GitHub answered ${status}: ${messageOf(error)}`;
  const headers = error.response.headers ?? {};
  const repo = `${site.owner}/${site.repo}`;
  if (status === 401) {
    return new PublishError('auth', message, {
      where,
      status,
      fix: `the token in CRESCENDO_SITE_GITHUB_TOKEN expired or was revoked: create a fine-grained token with "Contents: read and write" on ${repo}`,
    });
  }
  const rateLimited = headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(messageOf(error));
  if (status === 429 || (status === 403 && rateLimited)) {
    const reset = Number(headers['x-ratelimit-reset']);
    const retryAfter = Number(headers['retry-after']);
    return new PublishError('rate-limited', message, {
      where,
      status,
      retryAfter:
        Number.isFinite(retryAfter) && retryAfter > 0
          ? retryAfter
          : Number.isFinite(reset)
            ? Math.max(0, reset - Math.floor(Date.now() / 1000))
            : undefined,
      fix: 'GitHub rate-limited the token; the post is tried again on a later run',
    });
  }
  if (status === 403 || status === 404) {
    return new PublishError('forbidden', message, {
      where,
      status,
      fix: `check that ${repo} exists and that the token can write to it ("Contents: read and write")`,
    });
  }
  if (status === 422 && /protected branch/i.test(messageOf(error))) {
    return new PublishError('forbidden', message, {
      where,
      status,
      fix: `${site.branch} is protected: let the token's app bypass the rule, or publish to another branch`,
    });
  }
  if (status === 422 && /fast.forward/i.test(messageOf(error))) {
    return new PublishError('unavailable', message, {
      where,
      status,
      fix: `someone pushed to ${site.branch} at the same moment; the post is written on the next run`,
    });
  }
  if (status >= 500) {
    return new PublishError(publishes ? 'unknown-outcome' : 'unavailable', message, {
      where,
      status,
      fix: publishes
        ? 'the branch may have moved: the next run reads the file back and records the post if it is there'
        : 'GitHub had a problem; nothing was published, the post is tried again on the next run',
    });
  }
  return new PublishError('invalid', message, {
    where,
    status,
    fix: `check publishing.blog (repository, branch ${site.branch}, dir) against ${repo}`,
  });
}

export function githubStore(site: GitHubSite): SiteStore {
  const octokit = new Octokit({
    auth: site.token,
    baseUrl: site.baseUrl,
    // Failures become PublishErrors with their own message; Octokit's console lines would only repeat them.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    request: {
      fetch: (url: string, init: RequestInit) =>
        site.fetch(url, { ...init, signal: AbortSignal.timeout(site.timeoutMs) }),
    },
  });
  const { owner, repo, branch } = site;
  const repoPath = `/repos/${owner}/${repo}`;
  const step = async <T>(method: HttpMethod, path: string, work: () => Promise<T>, publishes = false) => {
    try {
      return await work();
    } catch (error) {
      if (!isRequestFailure(error)) throw error;
      throw failure(error, site, method, `${repoPath}${path}`, publishes);
    }
  };

  return {
    label: `GitHub ${owner}/${repo} (${branch})`,
    async read(path) {
      let answer: Awaited<ReturnType<typeof octokit.rest.repos.getContent>>;
      try {
        answer = await octokit.rest.repos.getContent({ owner, repo, path, ref: branch });
      } catch (error) {
        if (isOctokitFailure(error) && error.status === 404) return undefined;
        if (!isRequestFailure(error)) throw error;
        throw failure(error, site, 'GET', `${repoPath}/contents/${path}`, false);
      }
      const data = answer.data;
      if (Array.isArray(data) || data.type !== 'file') return undefined;
      if ('content' in data && data.encoding === 'base64') {
        return { text: Buffer.from(data.content, 'base64').toString('utf8') };
      }
      // Files over 1 MB come without content.
      const blob = await step('GET', `/git/blobs/${data.sha}`, () =>
        octokit.rest.git.getBlob({ owner, repo, file_sha: data.sha }),
      );
      return {
        text: Buffer.from(blob.data.content, blob.data.encoding === 'base64' ? 'base64' : 'utf8').toString(
          'utf8',
        ),
      };
    },
    async write(path, text, message) {
      const head = await step('GET', `/git/ref/heads/${branch}`, () =>
        octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` }),
      );
      const parent = head.data.object.sha;
      const parentCommit = await step('GET', `/git/commits/${parent}`, () =>
        octokit.rest.git.getCommit({ owner, repo, commit_sha: parent }),
      );
      const tree = await step('POST', '/git/trees', () =>
        octokit.rest.git.createTree({
          owner,
          repo,
          base_tree: parentCommit.data.tree.sha,
          tree: [{ path, mode: '100644', type: 'blob', content: text }],
        }),
      );
      const commit = await step('POST', '/git/commits', () =>
        octokit.rest.git.createCommit({ owner, repo, message, tree: tree.data.sha, parents: [parent] }),
      );
      await step(
        'PATCH',
        `/git/refs/heads/${branch}`,
        () =>
          octokit.rest.git.updateRef({
            owner,
            repo,
            ref: `heads/${branch}`,
            sha: commit.data.sha,
            force: false,
          }),
        true,
      );
      return { commit: commit.data.sha };
    },
    plan(path, text, message) {
      const api = `${site.baseUrl}${repoPath}`;
      const headers = { authorization: REDACTED, accept: 'application/vnd.github+json' };
      const requests: PlannedRequest[] = [
        { method: 'GET', url: `${api}/git/ref/heads/${branch}`, headers },
        { method: 'GET', url: `${api}/git/commits/{head_sha}`, headers },
        {
          method: 'POST',
          url: `${api}/git/trees`,
          headers,
          body: {
            base_tree: '{head_tree_sha}',
            tree: [{ path, mode: '100644', type: 'blob', content: text }],
          },
        },
        {
          method: 'POST',
          url: `${api}/git/commits`,
          headers,
          body: { message, tree: '{new_tree_sha}', parents: ['{head_sha}'] },
        },
        {
          method: 'PATCH',
          url: `${api}/git/refs/heads/${branch}`,
          headers,
          body: { sha: '{new_commit_sha}', force: false },
        },
      ];
      return requests;
    },
    async check() {
      const what = `GitHub repository ${owner}/${repo}, branch ${branch}`;
      try {
        const answer = await octokit.rest.repos.get({ owner, repo });
        const canPush = answer.data.permissions?.push;
        if (canPush === false) {
          return {
            ok: false,
            what,
            fix: `the token can read ${owner}/${repo} but not write: grant "Contents: read and write"`,
          };
        }
        await octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` });
        return { ok: true, what };
      } catch (error) {
        if (!isRequestFailure(error)) throw error;
        const problem = failure(error, site, 'GET', repoPath, false);
        return { ok: false, what, fix: `${problem.message}: ${problem.fix ?? ''}`.trim() };
      }
    },
  };
}
