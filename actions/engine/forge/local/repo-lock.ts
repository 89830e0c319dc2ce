import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { z } from 'zod';
import { CrescendoError } from '../../errors.js';

/** Who holds the repository: written into the lock file so another command can say who it waits for. */
const LockOwner = z.object({
  token: z.string(),
  pid: z.number().int(),
  host: z.string(),
  command: z.string(),
  startedAt: z.iso.datetime(),
});
type LockOwner = z.infer<typeof LockOwner>;

export interface LockOptions {
  now?: () => Date;
  /** A lock older than this is stale even when its process seems alive (a reused pid, another host). */
  maxAgeMs?: number;
  /** Whether a process of this host is running; `process.kill(pid, 0)` by default. */
  isAlive?: (pid: number) => boolean;
}

/** Longer than any local command: a stage with its retries and a batch poll takes well under this. */
const MAX_AGE_MS = 3 * 60 * 60 * 1000;
/** A takeover takes milliseconds; a takeover marker older than this was left by a crash. */
const BREAK_AGE_MS = 30_000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const errno = (error: unknown) => (error as NodeJS.ErrnoException).code;

/** Creates `path` holding `text` only when nothing is there: the content is complete the moment it appears. */
async function createExclusive(path: string, text: string): Promise<boolean> {
  const temp = `${path}.${randomUUID()}.tmp`;
  await writeFile(temp, text);
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    if (errno(error) === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    const owner = LockOwner.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return owner.success ? owner.data : undefined;
  } catch {
    return undefined;
  }
}

function isStale(owner: LockOwner | undefined, options: Required<LockOptions>): boolean {
  // Unreadable content cannot come from createExclusive: a hand-made or damaged file holds nobody.
  if (!owner) return true;
  if (options.now().getTime() - Date.parse(owner.startedAt) > options.maxAgeMs) return true;
  return owner.host === hostname() && !options.isAlive(owner.pid);
}

/** Removes a stale lock, one remover at a time, and only if it is still the stale one it judged. */
async function breakStale(path: string, stale: LockOwner | undefined, options: Required<LockOptions>) {
  const marker = `${path}.break`;
  const age = await stat(marker).then(
    (s) => options.now().getTime() - s.mtimeMs,
    () => undefined,
  );
  if (age !== undefined && age > BREAK_AGE_MS) await rm(marker, { force: true });
  if (!(await createExclusive(marker, String(process.pid)))) return;
  try {
    const current = await readOwner(path);
    if (current?.token === stale?.token) await rm(path, { force: true });
  } finally {
    await rm(marker, { force: true });
  }
}

function busy(path: string, owner: LockOwner | undefined): CrescendoError {
  const who = owner
    ? `\`${owner.command}\` (pid ${owner.pid} on ${owner.host}, since ${owner.startedAt})`
    : 'another command';
  return new CrescendoError(`the repository is busy: ${who} is running Crescendo here`, {
    code: 'busy',
    where: path,
    fix: `wait for it to finish, then run this again; if no Crescendo command is running, delete ${path}`,
  });
}

/**
 * Takes the lock file at `path` (created atomically, so exactly one caller gets it), runs `fn`, and
 * releases it. A lock whose process died, or older than `maxAgeMs`, is taken over; any other is a
 * CrescendoError with code `busy` naming who holds it.
 */
export async function withRepoLock<T>(
  path: string,
  command: string,
  fn: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const opts: Required<LockOptions> = {
    now: options.now ?? (() => new Date()),
    maxAgeMs: options.maxAgeMs ?? MAX_AGE_MS,
    isAlive: options.isAlive ?? processAlive,
  };
  await mkdir(dirname(path), { recursive: true });
  const owner: LockOwner = {
    token: randomUUID(),
    pid: process.pid,
    host: hostname(),
    command,
    startedAt: opts.now().toISOString(),
  };
  const text = `${JSON.stringify(owner)}\n`;
  if (!(await createExclusive(path, text))) {
    const holder = await readOwner(path);
    if (!isStale(holder, opts)) throw busy(path, holder);
    await breakStale(path, holder, opts);
    if (!(await createExclusive(path, text))) throw busy(path, await readOwner(path));
  }
  try {
    return await fn();
  } finally {
    if ((await readOwner(path))?.token === owner.token) await rm(path, { force: true });
  }
}
