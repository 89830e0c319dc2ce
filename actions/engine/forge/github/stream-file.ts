import { CrescendoError } from '../../errors.js';
import { gitMaybe, gitStream } from '../local/git.js';
import type { RepoApi } from './client.js';
import { readBytesAt, unless404 } from './git-data.js';

/**
 * A committed file streamed, for performance exports of any size. The contents API answers small files
 * (under 1 MB) inline; for larger ones it gives only the blob's sha. A workflow runs in a checkout
 * (`GITHUB_WORKSPACE`): when that checkout's object store holds the same blob — same sha, so the same
 * bytes whichever commit was checked out — it is streamed from there by git, never buffered whole.
 * Otherwise the blob API answers it (GitHub refuses files over 100 MB at push, so it always fits).
 */
export async function* streamFileAt(
  api: RepoApi,
  path: string,
  ref: string,
  workspace: string | undefined,
): AsyncGenerator<Uint8Array> {
  const { octokit, owner, repo } = api;
  const answer = await unless404(octokit.rest.repos.getContent({ owner, repo, path, ref }));
  const data = answer?.data;
  if (!data || Array.isArray(data) || data.type !== 'file') {
    throw new CrescendoError(`${path} is not a file at ${ref}`, {
      where: path,
      fix: 'commit the file to the default branch, or remove it from the list',
    });
  }
  if ('encoding' in data && data.encoding === 'base64' && data.content) {
    yield Buffer.from(data.content, 'base64');
    return;
  }
  if (workspace && (await gitMaybe(workspace, ['cat-file', '-e', `${data.sha}^{blob}`])) !== undefined) {
    yield* gitStream(workspace, ['cat-file', 'blob', data.sha]);
    return;
  }
  const bytes = await readBytesAt(api, path, ref);
  if (bytes) yield bytes;
}
