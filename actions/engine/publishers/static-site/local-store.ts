import { constants } from 'node:fs';
import { access, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PublishError } from '../publisher.js';
import type { SiteStore } from './store.js';

function fsError(error: unknown, where: string): PublishError {
  const code = (error as { code?: unknown }).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new PublishError('forbidden', `cannot write the site folder (${String(code)})`, {
      where,
      cause: error,
      fix: 'give the user running Crescendo write access to the site folder',
    });
  }
  return new PublishError('unavailable', `writing the post failed (${String(code ?? error)})`, {
    where,
    cause: error,
    fix: 'check the disk (space, the path) and run again; nothing was written',
  });
}

/** The site as a folder on disk (local mode, the demo). Writes are atomic: a temp file, then a rename. */
export function localStore(siteDir: string): SiteStore {
  const full = (path: string) => join(siteDir, path);
  return {
    label: `folder ${siteDir}`,
    async read(path) {
      try {
        const [text, info] = await Promise.all([readFile(full(path), 'utf8'), stat(full(path))]);
        return { text, modifiedAt: info.mtime.toISOString() };
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
        throw fsError(error, full(path));
      }
    },
    async write(path, text) {
      const target = full(path);
      const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
      try {
        await mkdir(dirname(target), { recursive: true });
        await writeFile(temp, text, 'utf8');
        await rename(temp, target);
        return {};
      } catch (error) {
        await rm(temp, { force: true });
        throw fsError(error, target);
      }
    },
    plan(path, text) {
      return [
        {
          method: 'PUT',
          url: pathToFileURL(resolve(full(path))).href,
          headers: { 'content-type': 'text/markdown; charset=utf-8' },
          body: text,
        },
      ];
    },
    async check() {
      const what = `static site folder ${siteDir}`;
      try {
        await access(siteDir, constants.W_OK);
        return { ok: true, what };
      } catch {
        return {
          ok: false,
          what,
          fix: `create the folder ${siteDir} (or set publishing.blog.dir) and let Crescendo write to it`,
        };
      }
    },
  };
}
