import { ApiError, notFound } from './api-error.js';
import type { FakeContext } from './context.js';
import type { CommitObject, Signature, TreeEdit, TreeEntry } from './git.js';
import { identity } from './identity.js';
import {
  type JsonObject,
  objectBody,
  oneOf,
  optionalArray,
  optionalBoolean,
  optionalString,
  requiredString,
} from './input.js';
import { closePullsOfDeletedBranch } from './pull-logic.js';
import { created, noContent, ok, wrappedBase64 } from './respond.js';
import type { Route } from './router.js';

/** Blobs, trees, commits and refs: the git data API, straight onto the backing repository. */
export function gitDataRoutes(ctx: FakeContext): Route[] {
  const api = () => `${ctx.apiUrl()}/repos/${ctx.fullName}`;

  const refJson = async (fullRef: string, sha: string) => ({
    ref: fullRef,
    node_id: Buffer.from(`0:Ref${fullRef}`).toString('base64'),
    url: `${api()}/git/${fullRef}`,
    object: { sha, type: (await ctx.git.objectType(sha)) ?? 'commit', url: `${api()}/git/commits/${sha}` },
  });

  const commitJson = (commit: CommitObject) => ({
    sha: commit.sha,
    node_id: Buffer.from(`0:Commit${commit.sha}`).toString('base64'),
    url: `${api()}/git/commits/${commit.sha}`,
    html_url: `${ctx.htmlUrl}/commit/${commit.sha}`,
    author: commit.author,
    committer: commit.committer,
    message: commit.message,
    tree: { sha: commit.tree, url: `${api()}/git/trees/${commit.tree}` },
    parents: commit.parents.map((sha) => ({
      sha,
      url: `${api()}/git/commits/${sha}`,
      html_url: `${ctx.htmlUrl}/commit/${sha}`,
    })),
    verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
  });

  const treeJson = (sha: string, entries: TreeEntry[]) => ({
    sha,
    url: `${api()}/git/trees/${sha}`,
    tree: entries.map((entry) => ({
      path: entry.path,
      mode: entry.mode,
      type: entry.type,
      sha: entry.sha,
      ...(entry.size !== undefined ? { size: entry.size } : {}),
      url: `${api()}/git/${entry.type === 'tree' ? 'trees' : 'blobs'}/${entry.sha}`,
    })),
    truncated: false,
  });

  return [
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/git/ref/{ref}',
      async handle({ params }) {
        const fullRef = `refs/${params.ref}`;
        const sha = await ctx.git.refSha(fullRef);
        if (!sha) throw notFound();
        return ok(await refJson(fullRef, sha));
      },
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/git/matching-refs/{ref}',
      async handle({ params }) {
        const prefix = `refs/${params.ref}`;
        const refs = [...(await ctx.git.listRefs()).entries()].filter(([name]) => name.startsWith(prefix));
        return ok(await Promise.all(refs.map(([name, sha]) => refJson(name, sha))));
      },
    },
    {
      method: 'POST',
      path: '/repos/{owner}/{repo}/git/refs',
      async handle({ body }) {
        const input = objectBody(body);
        const fullRef = requiredString(input, 'ref');
        const sha = requiredString(input, 'sha');
        if (!fullRef.startsWith('refs/') || fullRef.split('/').length < 3) {
          throw new ApiError(422, `${fullRef} is not a valid ref name.`);
        }
        return ctx.exclusive(async () => {
          if (!(await ctx.git.objectType(sha))) throw new ApiError(422, 'Object does not exist');
          if (await ctx.git.refSha(fullRef)) throw new ApiError(422, 'Reference already exists');
          await ctx.git.setRef(fullRef, sha);
          return created(await refJson(fullRef, sha));
        });
      },
    },
    {
      method: 'PATCH',
      path: '/repos/{owner}/{repo}/git/refs/{ref}',
      async handle({ params, body }) {
        const input = objectBody(body);
        const sha = requiredString(input, 'sha');
        const force = optionalBoolean(input, 'force') ?? false;
        const fullRef = `refs/${params.ref}`;
        return ctx.exclusive(async () => {
          const current = await ctx.git.refSha(fullRef);
          if (!current) throw new ApiError(422, 'Reference does not exist');
          if ((await ctx.git.objectType(sha)) !== 'commit') throw new ApiError(422, 'Object does not exist');
          if (!force && !(await ctx.git.isAncestor(current, sha))) {
            throw new ApiError(422, 'Update is not a fast forward');
          }
          await ctx.git.setRef(fullRef, sha, current);
          return ok(await refJson(fullRef, sha));
        });
      },
    },
    {
      method: 'DELETE',
      path: '/repos/{owner}/{repo}/git/refs/{ref}',
      async handle({ params }) {
        const fullRef = `refs/${params.ref}`;
        return ctx.exclusive(async () => {
          if (!(await ctx.git.refSha(fullRef))) throw new ApiError(422, 'Reference does not exist');
          await ctx.git.deleteRef(fullRef);
          if (fullRef.startsWith('refs/heads/'))
            closePullsOfDeletedBranch(ctx, fullRef.slice('refs/heads/'.length));
          return noContent();
        });
      },
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/git/commits/{commit_sha}',
      async handle({ params }) {
        const sha = params.commit_sha ?? '';
        if ((await ctx.git.objectType(sha)) !== 'commit') throw notFound();
        return ok(commitJson(await ctx.git.readCommit(sha)));
      },
    },
    {
      method: 'POST',
      path: '/repos/{owner}/{repo}/git/commits',
      async handle({ body, actor }) {
        const input = objectBody(body);
        const message = requiredString(input, 'message');
        const tree = requiredString(input, 'tree');
        const parents = (optionalArray(input, 'parents') ?? []).map(String);
        if ((await ctx.git.objectType(tree)) !== 'tree') throw new ApiError(422, 'Tree SHA does not exist');
        for (const parent of parents) {
          if ((await ctx.git.objectType(parent)) !== 'commit') {
            throw new ApiError(422, 'Parent SHA does not exist or is not a commit object');
          }
        }
        const now = ctx.state.timestamp();
        const author = signatureInput(input.author, 'author', now) ?? identity(actor, now);
        const committer = signatureInput(input.committer, 'committer', now) ?? author;
        const sha = await ctx.git.commitTree(tree, parents, message, author, committer);
        return created(commitJson(await ctx.git.readCommit(sha)));
      },
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/git/trees/{tree_sha}',
      async handle({ params, query }) {
        const tree = await resolveTree(ctx, params.tree_sha ?? '');
        if (!tree) throw notFound();
        // GitHub: "Setting this parameter to any value returns the objects or subtrees referenced".
        const recursive = query.has('recursive');
        return ok(treeJson(tree, await ctx.git.listTree(tree, { recursive })));
      },
    },
    {
      method: 'POST',
      path: '/repos/{owner}/{repo}/git/trees',
      async handle({ body }) {
        const input = objectBody(body);
        const entries = optionalArray(input, 'tree');
        if (!entries) throw new ApiError(422, 'Invalid request.\n\n"tree" wasn\'t supplied.');
        const baseTree = optionalString(input, 'base_tree');
        if (baseTree !== undefined && (await ctx.git.objectType(baseTree)) !== 'tree') {
          throw new ApiError(422, 'Invalid tree info');
        }
        const edits: TreeEdit[] = [];
        for (const entry of entries) edits.push(await treeEdit(ctx, objectBody(entry)));
        await assertDeletionsExist(ctx, baseTree, edits);
        const sha = await ctx.git.buildTree(baseTree, edits);
        return created(treeJson(sha, await ctx.git.listTree(sha)));
      },
    },
    {
      method: 'POST',
      path: '/repos/{owner}/{repo}/git/blobs',
      async handle({ body }) {
        const input = objectBody(body);
        const content = requiredString(input, 'content');
        const encoding = oneOf(optionalString(input, 'encoding'), ['utf-8', 'base64'], 'encoding') ?? 'utf-8';
        const sha = await ctx.git.writeBlob(Buffer.from(content, encoding === 'base64' ? 'base64' : 'utf8'));
        return created({ url: `${api()}/git/blobs/${sha}`, sha });
      },
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/git/blobs/{file_sha}',
      async handle({ params }) {
        const sha = params.file_sha ?? '';
        if ((await ctx.git.objectType(sha)) !== 'blob') throw notFound();
        const content = await ctx.git.readBlob(sha);
        return ok({
          sha,
          node_id: Buffer.from(`0:Blob${sha}`).toString('base64'),
          size: content.length,
          url: `${api()}/git/blobs/${sha}`,
          content: wrappedBase64(content),
          encoding: 'base64',
        });
      },
    },
  ];
}

/** A tree sha, or a commit sha / branch / tag whose tree is meant (the API accepts both). */
async function resolveTree(ctx: FakeContext, treeish: string): Promise<string | undefined> {
  const type = await ctx.git.objectType(treeish);
  if (type === 'tree') return treeish;
  const commit = await ctx.git.resolveCommit(treeish);
  return commit ? (await ctx.git.readCommit(commit)).tree : undefined;
}

const MODES = ['100644', '100755', '040000', '160000', '120000'] as const;

async function treeEdit(ctx: FakeContext, entry: JsonObject): Promise<TreeEdit> {
  const path = requiredString(entry, 'path');
  const mode = oneOf(optionalString(entry, 'mode'), MODES, 'tree.mode') ?? '100644';
  const type =
    oneOf(optionalString(entry, 'type'), ['blob', 'tree', 'commit'] as const, 'tree.type') ?? 'blob';
  const content = optionalString(entry, 'content');
  const hasSha = 'sha' in entry;
  if ((content === undefined) === !hasSha) {
    throw new ApiError(
      422,
      'Must supply either tree.sha or tree.content. Request will be rejected if both are present.',
    );
  }
  if (content !== undefined)
    return { path, mode, type: 'blob', sha: await ctx.git.writeBlob(Buffer.from(content)) };
  const sha = entry.sha === null ? null : requiredString(entry, 'sha');
  if (sha !== null && type !== 'commit' && (await ctx.git.objectType(sha)) !== type) {
    throw new ApiError(422, 'GitRPC::BadObjectState');
  }
  return { path, mode, type, sha };
}

/** GitHub refuses to delete a path that is not in the base tree. */
async function assertDeletionsExist(ctx: FakeContext, baseTree: string | undefined, edits: TreeEdit[]) {
  for (const edit of edits) {
    if (edit.sha !== null) continue;
    const found = baseTree ? await ctx.git.listTree(baseTree, { path: edit.path }) : [];
    if (!found.some((entry) => entry.path === edit.path)) throw new ApiError(422, 'GitRPC::BadObjectState');
  }
}

function signatureInput(value: unknown, name: string, now: string): Signature | undefined {
  if (value === undefined) return undefined;
  const input = objectBody(value);
  const signature = {
    name: requiredString(input, 'name'),
    email: requiredString(input, 'email'),
    date: optionalString(input, 'date') ?? now,
  };
  if (Number.isNaN(Date.parse(signature.date)))
    throw new ApiError(422, `Invalid request.\n\n${name}.date is invalid.`);
  return signature;
}
