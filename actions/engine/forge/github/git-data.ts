import { CrescendoError } from '../../errors.js';
import type { CommitRequest, GuardedCommitRequest, GuardedCommitResult } from '../forge.js';
import type { RepoApi } from './client.js';
import { type HttpError, isReferenceAlreadyExists, messageOf, statusOf } from './errors.js';

const FULL_SHA = /^[0-9a-f]{40}$/i;

/** Resolves `promise`, or undefined when GitHub answers 404 (other failures are thrown). */
export async function unless404<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** The commit a branch points to, or undefined when there is no such branch. */
export async function branchSha(api: RepoApi, branch: string): Promise<string | undefined> {
  const { octokit, owner, repo } = api;
  const ref = await unless404(octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` }));
  return ref?.data.object.sha;
}

/** The commit a branch, tag or sha names, or undefined. */
async function commitOf(api: RepoApi, ref: string): Promise<string | undefined> {
  if (FULL_SHA.test(ref)) return ref;
  const { octokit, owner, repo } = api;
  const name = ref.replace(/^refs\//, '');
  const candidates =
    name.startsWith('heads/') || name.startsWith('tags/') ? [name] : [`heads/${name}`, `tags/${name}`];
  for (const candidate of candidates) {
    const found = await unless404(octokit.rest.git.getRef({ owner, repo, ref: candidate }));
    if (!found) continue;
    let { sha, type } = found.data.object;
    // Annotated tags point at a tag object first.
    while (type === 'tag') {
      const tag = await octokit.rest.git.getTag({ owner, repo, tag_sha: sha });
      ({ sha, type } = tag.data.object);
    }
    return sha;
  }
  return undefined;
}

async function treeOfCommit(api: RepoApi, commitSha: string): Promise<string> {
  const { octokit, owner, repo } = api;
  return (await octokit.rest.git.getCommit({ owner, repo, commit_sha: commitSha })).data.tree.sha;
}

/** File text at a ref (UTF-8), or undefined when absent. */
export async function readFileAt(api: RepoApi, path: string, ref: string): Promise<string | undefined> {
  const bytes = await readBytesAt(api, path, ref);
  return bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8');
}

/** File bytes at a ref through the contents API (base64), falling back to the blob API above 1 MB. */
export async function readBytesAt(api: RepoApi, path: string, ref: string): Promise<Uint8Array | undefined> {
  const { octokit, owner, repo } = api;
  const answer = await unless404(octokit.rest.repos.getContent({ owner, repo, path, ref }));
  const data = answer?.data;
  if (!data || Array.isArray(data) || data.type !== 'file') return undefined;
  if ('encoding' in data && data.encoding === 'base64') return bytesOf(Buffer.from(data.content, 'base64'));
  // Files above 1 MB come back with `encoding: "none"` and no content.
  const blob = await octokit.rest.git.getBlob({ owner, repo, file_sha: data.sha });
  return bytesOf(Buffer.from(blob.data.content, blob.data.encoding === 'base64' ? 'base64' : 'utf8'));
}

const bytesOf = (buffer: Buffer): Uint8Array =>
  new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

const normaliseDir = (dir: string): string =>
  dir
    .replace(/^\.?\/+/, '')
    .replace(/\/+$/, '')
    .replace(/^\.$/, '');

const below = (path: string, dir: string): boolean =>
  dir === '' || path === dir || path.startsWith(`${dir}/`);

/** Blob paths of a tree, recursively, prefixed with `prefix`. */
async function blobsOf(api: RepoApi, treeSha: string, prefix: string): Promise<string[]> {
  const { octokit, owner, repo } = api;
  const { data } = await octokit.rest.git.getTree({ owner, repo, tree_sha: treeSha, recursive: 'true' });
  if (!data.truncated) {
    return data.tree
      .filter((entry) => entry.type === 'blob' && entry.path)
      .map((entry) => `${prefix}${entry.path}`);
  }
  // Too big for one answer (over 100,000 entries or 7 MB): walk it one level at a time.
  const top = await octokit.rest.git.getTree({ owner, repo, tree_sha: treeSha });
  const paths: string[] = [];
  for (const entry of top.data.tree) {
    if (!entry.path || !entry.sha) continue;
    if (entry.type === 'blob') paths.push(`${prefix}${entry.path}`);
    else if (entry.type === 'tree') paths.push(...(await blobsOf(api, entry.sha, `${prefix}${entry.path}/`)));
  }
  return paths;
}

/** The tree sha at `dir` inside a root tree (walking one level per path segment), or undefined. */
async function subtree(
  api: RepoApi,
  rootTree: string,
  dir: string,
): Promise<{ sha: string; type: string } | undefined> {
  const { octokit, owner, repo } = api;
  let current = { sha: rootTree, type: 'tree' };
  for (const segment of dir.split('/')) {
    if (current.type !== 'tree') return undefined;
    const { data } = await octokit.rest.git.getTree({ owner, repo, tree_sha: current.sha });
    const entry = data.tree.find((each) => each.path === segment);
    if (!entry?.sha || !entry.type) return undefined;
    current = { sha: entry.sha, type: entry.type };
  }
  return current;
}

/** Paths of all files below `dir` at a ref, sorted; [] when the ref or the directory does not exist. */
export async function listFilesAt(api: RepoApi, dir: string, ref: string): Promise<string[]> {
  const commit = await commitOf(api, ref);
  if (!commit) return [];
  const root = await treeOfCommit(api, commit);
  const wanted = normaliseDir(dir);
  let paths: string[];
  if (wanted === '') paths = await blobsOf(api, root, '');
  else {
    const { octokit, owner, repo } = api;
    const { data } = await octokit.rest.git.getTree({ owner, repo, tree_sha: root, recursive: 'true' });
    if (!data.truncated) {
      paths = data.tree
        .filter((entry) => entry.type === 'blob' && entry.path)
        .map((entry) => entry.path as string);
    } else {
      const found = await subtree(api, root, wanted);
      if (!found) paths = [];
      else if (found.type === 'blob') paths = [wanted];
      else paths = found.type === 'tree' ? await blobsOf(api, found.sha, `${wanted}/`) : [];
    }
  }
  return paths.filter((path) => below(path, wanted)).sort();
}

/** Which of `paths` exist as files in a tree (GitHub refuses to delete a path that is not there). */
async function existingPaths(api: RepoApi, treeSha: string, paths: string[]): Promise<Set<string>> {
  if (paths.length === 0) return new Set();
  const { octokit, owner, repo } = api;
  const { data } = await octokit.rest.git.getTree({ owner, repo, tree_sha: treeSha, recursive: 'true' });
  if (!data.truncated) {
    const all = new Set(data.tree.filter((entry) => entry.type === 'blob').map((entry) => entry.path));
    return new Set(paths.filter((path) => all.has(path)));
  }
  const found = new Set<string>();
  for (const path of paths) {
    if ((await subtree(api, treeSha, path))?.type === 'blob') found.add(path);
  }
  return found;
}

/**
 * One commit holding every change, through the git data API: ref → commit → tree (inline content,
 * `sha: null` deletes) → commit → ref. Requests go one after another (writes must be sequential).
 */
export async function commitFilesVia(api: RepoApi, request: CommitRequest): Promise<{ sha: string }> {
  const { octokit, owner, repo } = api;
  const current = await branchSha(api, request.branch);
  let parent: string | undefined = current;
  if (parent === undefined || request.reset) {
    parent = await branchSha(api, request.base);
    if (parent === undefined) {
      throw new CrescendoError(`the base branch "${request.base}" does not exist on ${owner}/${repo}`, {
        where: `commit to ${request.branch}`,
        fix: 'check the repository default branch (or the `base` of the stage) and re-run',
      });
    }
  }
  const baseTree = await treeOfCommit(api, parent);

  // Last change to a path wins, as it would when writing files in order.
  const changes = new Map(request.changes.map((change) => [change.path.replace(/^\/+/, ''), change.content]));
  const deletes = [...changes].filter(([, content]) => content === null).map(([path]) => path);
  const deletable = await existingPaths(api, baseTree, deletes);
  const tree = [...changes]
    .filter(([path, content]) => content !== null || deletable.has(path))
    .map(([path, content]) =>
      content === null
        ? { path, mode: '100644' as const, type: 'blob' as const, sha: null }
        : { path, mode: '100644' as const, type: 'blob' as const, content },
    );

  const newTree =
    tree.length === 0
      ? baseTree
      : (await octokit.rest.git.createTree({ owner, repo, base_tree: baseTree, tree })).data.sha;
  // Re-running with the same files changes nothing: keep the branch as it is, no empty commit.
  if (newTree === baseTree && current !== undefined && parent === current) return { sha: current };

  const commit = await octokit.rest.git.createCommit({
    owner,
    repo,
    message: request.message,
    tree: newTree,
    parents: [parent],
  });
  const sha = commit.data.sha;
  if (current !== undefined) {
    // A reset moves the branch back onto the base: not a fast-forward.
    await octokit.rest.git.updateRef({
      owner,
      repo,
      ref: `heads/${request.branch}`,
      sha,
      force: !!request.reset,
    });
    return { sha };
  }
  try {
    await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${request.branch}`, sha });
  } catch (error) {
    // A parallel run created the branch after we looked: ours is the newer stage output.
    if (!isReferenceAlreadyExists(error)) throw error;
    await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${request.branch}`, sha, force: true });
  }
  return { sha };
}

/** GitHub refused to move a ref that is no longer where we read it. */
const isNotFastForward = (error: unknown): boolean =>
  statusOf(error) === 422 && /not a fast forward/i.test(messageOf(error as HttpError));

/**
 * One commit on top of `expected`, then a ref update that is not forced: GitHub moves the branch only when
 * the new commit descends from its tip, so when another writer moved it since `expected` was read the
 * update fails ("Update is not a fast forward") and nothing is lost. Nothing else ever forces this branch,
 * so the fast-forward check is exactly a compare-and-swap. An answer lost to a retry is recognised by
 * reading the branch back.
 */
export async function guardedCommitVia(
  api: RepoApi,
  request: GuardedCommitRequest,
): Promise<GuardedCommitResult> {
  const { octokit, owner, repo } = api;
  const baseTree = request.expected === undefined ? undefined : await treeOfCommit(api, request.expected);
  const changes = new Map(request.changes.map((change) => [change.path.replace(/^\/+/, ''), change.content]));
  const deletes = [...changes].filter(([, content]) => content === null).map(([path]) => path);
  const deletable = baseTree ? await existingPaths(api, baseTree, deletes) : new Set<string>();
  const tree = [...changes]
    .filter(([path, content]) => content !== null || deletable.has(path))
    .map(([path, content]) =>
      content === null
        ? { path, mode: '100644' as const, type: 'blob' as const, sha: null }
        : { path, mode: '100644' as const, type: 'blob' as const, content },
    );
  // Nothing to write; still a conflict when the branch moved on, like any write based on a stale read.
  const unchanged = async (expected: string): Promise<GuardedCommitResult> =>
    (await branchSha(api, request.branch)) === expected ? { sha: expected } : { conflict: true };
  if (tree.length === 0 && request.expected !== undefined) return unchanged(request.expected);
  const newTree = (
    await octokit.rest.git.createTree({ owner, repo, tree, ...(baseTree ? { base_tree: baseTree } : {}) })
  ).data.sha;
  if (newTree === baseTree && request.expected !== undefined) return unchanged(request.expected);
  const { sha } = (
    await octokit.rest.git.createCommit({
      owner,
      repo,
      message: request.message,
      tree: newTree,
      parents: request.expected === undefined ? [] : [request.expected],
    })
  ).data;
  try {
    if (request.expected === undefined) {
      await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${request.branch}`, sha });
    } else {
      await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${request.branch}`, sha, force: false });
    }
    return { sha };
  } catch (error) {
    if (!isNotFastForward(error) && !isReferenceAlreadyExists(error)) throw error;
    // A retried request whose first answer was lost lands here too: then the branch is already ours.
    return (await branchSha(api, request.branch)) === sha ? { sha } : { conflict: true };
  }
}
