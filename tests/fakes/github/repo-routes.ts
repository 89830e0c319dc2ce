import { ApiError, notFound } from './api-error.js';
import type { FakeContext } from './context.js';
import type { TreeEntry } from './git.js';
import { ok, wrappedBase64 } from './respond.js';
import type { Route } from './router.js';
import { legacyPermission, type Role, roleAtLeast } from './state.js';
import type { Views } from './views.js';

const CONTENT_TYPES: Record<TreeEntry['type'], 'file' | 'dir' | 'submodule'> = {
  blob: 'file',
  tree: 'dir',
  commit: 'submodule',
};

/** The repository itself, branches, file contents, collaborator permissions and `/user`. */
export function repoRoutes(ctx: FakeContext, views: Views): Route[] {
  const api = () => `${ctx.apiUrl()}/repos/${ctx.fullName}`;

  const contentEntry = (entry: TreeEntry, ref: string) => {
    const type = entry.mode === '120000' ? 'symlink' : CONTENT_TYPES[entry.type];
    const self = `${api()}/contents/${encodePath(entry.path)}?ref=${encodeURIComponent(ref)}`;
    const git = `${api()}/git/${entry.type === 'tree' ? 'trees' : 'blobs'}/${entry.sha}`;
    const html = `${ctx.htmlUrl}/${entry.type === 'tree' ? 'tree' : 'blob'}/${ref}/${encodePath(entry.path)}`;
    return {
      type,
      name: entry.path.split('/').pop() ?? entry.path,
      path: entry.path,
      sha: entry.sha,
      size: entry.size ?? 0,
      url: self,
      git_url: git,
      html_url: html,
      download_url:
        type === 'file' ? `https://raw.githubusercontent.com/${ctx.fullName}/${ref}/${entry.path}` : null,
      _links: { self, git, html },
    };
  };

  return [
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}',
      async handle({ actor }) {
        const role: Role = actor ? ctx.state.role(actor.login) : 'none';
        return ok({
          ...views.repo(),
          permissions: {
            admin: roleAtLeast(role, 'admin'),
            maintain: roleAtLeast(role, 'maintain'),
            push: roleAtLeast(role, 'write'),
            triage: roleAtLeast(role, 'triage'),
            pull: roleAtLeast(role, 'read') || !ctx.private,
          },
          delete_branch_on_merge: ctx.settings.deleteBranchOnMerge,
        });
      },
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/branches/{branch}',
      async handle({ params }) {
        const name = params.branch ?? '';
        const sha = await ctx.git.refSha(`refs/heads/${name}`);
        if (!sha) throw new ApiError(404, 'Branch not found');
        return ok({
          name,
          commit: { sha, url: `${api()}/commits/${sha}` },
          protected: false,
          _links: { self: `${api()}/branches/${name}`, html: `${ctx.htmlUrl}/tree/${name}` },
        });
      },
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/contents/{path}',
      async handle({ params, query, headers }) {
        const ref = query.get('ref') ?? ctx.defaultBranch;
        const commit = await ctx.git.resolveCommit(ref);
        if (!commit) throw new ApiError(404, `No commit found for the ref ${ref}`);
        const path = (params.path ?? '').replace(/^\/+|\/+$/g, '');
        if (path === '') {
          return ok((await ctx.git.listTree(commit)).map((entry) => contentEntry(entry, ref)));
        }
        const [entry] = await ctx.git.listTree(commit, { path });
        if (!entry || entry.path !== path) throw notFound();
        if (entry.type === 'tree') {
          return ok(
            (await ctx.git.listTree(commit, { path: `${path}/` })).map((child) => contentEntry(child, ref)),
          );
        }
        const content = await ctx.git.readBlob(entry.sha);
        // `mediaType: { format: 'raw' }` asks for the bytes themselves.
        if (/\.raw\b/.test(headers.accept ?? '') || /vnd\.github\.raw/.test(headers.accept ?? '')) {
          return { status: 200, body: content.toString('utf8') };
        }
        // As GitHub documents: between 1 and 100 MB the object answer has no content (`encoding: "none"`);
        // the raw media type or the blob API gives the bytes.
        if (content.length > 1024 * 1024)
          return ok({ ...contentEntry(entry, ref), content: '', encoding: 'none' });
        return ok({ ...contentEntry(entry, ref), content: wrappedBase64(content), encoding: 'base64' });
      },
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/collaborators/{username}/permission',
      async handle({ params }) {
        const user = ctx.state.user(params.username ?? '');
        const role = ctx.state.role(user.login);
        const permissions = {
          admin: roleAtLeast(role, 'admin'),
          maintain: roleAtLeast(role, 'maintain'),
          push: roleAtLeast(role, 'write'),
          triage: roleAtLeast(role, 'triage'),
          pull: roleAtLeast(role, 'read'),
        };
        return ok({
          permission: legacyPermission(role),
          role_name: role,
          user: { ...views.user(user), permissions, role_name: role },
        });
      },
    },
    {
      method: 'GET',
      path: '/user',
      async handle({ actor }) {
        if (!actor) throw new ApiError(401, 'Requires authentication');
        // Installation tokens (GITHUB_TOKEN) are not users.
        if (actor.type === 'Bot') throw new ApiError(403, 'Resource not accessible by integration');
        return ok({ ...views.user(actor), name: actor.login, email: null });
      },
    },
  ];
}

const encodePath = (path: string): string => path.split('/').map(encodeURIComponent).join('/');
