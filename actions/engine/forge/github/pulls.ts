import { CrescendoError } from '../../errors.js';
import type { PullRequest, PullRequestRequest } from '../forge.js';
import type { RepoApi } from './client.js';
import { isHttpError, isPullRequestAlreadyExists, messageOf, statusOf } from './errors.js';

/** What both `pulls.list` items and `pulls.get` answers carry that the engine needs. */
interface PullJson {
  number: number;
  title: string;
  body: string | null;
  state: string;
  html_url: string;
  merged_at: string | null;
  merged_by?: { login: string } | null;
  head: { ref: string; sha: string };
  base: { ref: string };
  labels: Array<{ name?: string } | string>;
}

export function toPullRequest(pull: PullJson): PullRequest {
  const result: PullRequest = {
    number: pull.number,
    branch: pull.head.ref,
    base: pull.base.ref,
    title: pull.title,
    body: pull.body ?? '',
    state: pull.merged_at ? 'merged' : pull.state === 'open' ? 'open' : 'closed',
    labels: pull.labels
      .map((label) => (typeof label === 'string' ? label : (label.name ?? '')))
      .filter(Boolean),
    url: pull.html_url,
    headSha: pull.head.sha,
  };
  if (pull.merged_at) result.mergedAt = pull.merged_at;
  if (pull.merged_by?.login) result.mergedBy = pull.merged_by.login;
  return result;
}

/** Pull requests whose head is `branch` in this repository, newest first. */
async function pullsFor(api: RepoApi, branch: string, state: 'open' | 'all'): Promise<PullJson[]> {
  const { octokit, owner, repo } = api;
  // `head` must carry `owner:`; without it GitHub silently ignores the filter.
  const pulls = await octokit.paginate(octokit.rest.pulls.list, {
    owner,
    repo,
    head: `${owner}:${branch}`,
    state,
    sort: 'created',
    direction: 'desc',
    per_page: 100,
  });
  return pulls.filter((pull) => pull.head.ref === branch).sort((a, b) => b.number - a.number);
}

export async function findPull(api: RepoApi, branch: string): Promise<PullRequest | undefined> {
  const [newest] = await pullsFor(api, branch, 'all');
  return newest ? toPullRequest(newest) : undefined;
}

export async function getPull(api: RepoApi, number: number): Promise<PullRequest> {
  const { octokit, owner, repo } = api;
  try {
    return toPullRequest((await octokit.rest.pulls.get({ owner, repo, pull_number: number })).data);
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
    throw new CrescendoError(`there is no pull request #${number} in ${owner}/${repo}`, { cause: error });
  }
}

async function updatePull(api: RepoApi, number: number, request: PullRequestRequest): Promise<PullJson> {
  const { octokit, owner, repo } = api;
  return (
    await octokit.rest.pulls.update({
      owner,
      repo,
      pull_number: number,
      title: request.title,
      body: request.body,
    })
  ).data;
}

async function createPull(api: RepoApi, request: PullRequestRequest): Promise<PullJson> {
  const { octokit, owner, repo } = api;
  try {
    const { title, body, branch, base } = request;
    return (await octokit.rest.pulls.create({ owner, repo, title, body, head: branch, base })).data;
  } catch (error) {
    if (isPullRequestAlreadyExists(error)) {
      // A parallel run opened it between our lookup and our create: update that one instead.
      const [open] = await pullsFor(api, request.branch, 'open');
      if (open) return updatePull(api, open.number, request);
    }
    if (isHttpError(error) && error.status === 422 && /No commits between/i.test(messageOf(error))) {
      throw new CrescendoError(`branch ${request.branch} has no commits that ${request.base} lacks`, {
        where: `pull request for ${request.branch}`,
        fix: 'the stage produced nothing new; nothing to review (re-run after changing its input)',
        cause: error,
      });
    }
    throw error;
  }
}

/** Opens the PR for the branch, or updates title and body of the open one; then adds the labels it lacks. */
export async function openOrUpdatePull(api: RepoApi, request: PullRequestRequest): Promise<PullRequest> {
  const [open] = await pullsFor(api, request.branch, 'open');
  const unchanged = open && open.title === request.title && (open.body ?? '') === request.body;
  const pull = toPullRequest(
    unchanged ? open : open ? await updatePull(api, open.number, request) : await createPull(api, request),
  );
  const have = new Set(pull.labels.map((label) => label.toLowerCase()));
  // Labels once: an update whose PR already carries them all writes none.
  if (request.labels.some((label) => !have.has(label.toLowerCase()))) {
    const { octokit, owner, repo } = api;
    // `pulls.create` takes no labels; `addLabels` creates missing labels on the fly.
    const { data } = await octokit.rest.issues.addLabels({
      owner,
      repo,
      issue_number: pull.number,
      labels: request.labels,
    });
    pull.labels = data.map((label) => label.name);
  }
  return pull;
}

export async function mergePull(api: RepoApi, number: number, message?: string): Promise<PullRequest> {
  const { octokit, owner, repo } = api;
  const before = await getPull(api, number);
  if (before.state !== 'open') {
    throw new CrescendoError(`pull request #${number} is ${before.state}, not open`, { where: before.url });
  }
  const [title, ...rest] = (message ?? '').split('\n');
  try {
    await octokit.rest.pulls.merge({
      owner,
      repo,
      pull_number: number,
      merge_method: 'merge',
      ...(title ? { commit_title: title } : {}),
      ...(rest.join('\n').trim() ? { commit_message: rest.join('\n').trim() } : {}),
    });
  } catch (error) {
    if (isHttpError(error) && (error.status === 405 || error.status === 409)) {
      throw new CrescendoError(`GitHub cannot merge pull request #${number}: ${messageOf(error)}`, {
        where: before.url,
        fix: 'resolve conflicts or failing required checks on the pull request, then merge it there',
        cause: error,
      });
    }
    throw error;
  }
  return getPull(api, number);
}
