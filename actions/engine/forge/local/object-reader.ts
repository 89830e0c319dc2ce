import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { GIT_IDENTITY } from './git.js';

/** One object as `git cat-file --batch` prints it. */
export interface GitObject {
  oid: string;
  type: 'blob' | 'tree' | 'commit' | 'tag';
  content: Buffer;
}

/** One entry of a tree object. */
export interface TreeEntry {
  mode: string;
  name: string;
  oid: string;
}

interface Pending {
  resolve(object: GitObject | undefined): void;
  reject(error: Error): void;
}

interface Handle {
  ref?(): void;
  unref?(): void;
}

/** How long an idle reader keeps its git process before ending it. */
const IDLE_MS = 2_000;

/** One `git cat-file --batch` process with the answers it still owes, in request order. */
interface BatchProcess {
  child: ChildProcessWithoutNullStreams;
  buffered: Buffer;
  pending: Pending[];
}

/**
 * Reads objects (`<ref>:<path>`, `refs/heads/<branch>`, an object id) through one long-lived
 * `git cat-file --batch` process instead of one process per read: a stage reads dozens of files, and a
 * process start costs more than the read. Requests are answered in the order they are written, so
 * concurrent reads share the process. The process ends after an idle time; while idle it does not keep
 * Node running. Every request resolves names anew, so refs moved by other commands are seen.
 */
export class GitObjectReader {
  private current: BatchProcess | undefined;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly dir: string) {}

  /** The object `name` names, or undefined when it does not exist. */
  read(name: string): Promise<GitObject | undefined> {
    if (/[\n\r]/.test(name)) return Promise.resolve(undefined);
    clearTimeout(this.idleTimer);
    const batch = this.process();
    keepAlive(batch.child, true);
    return new Promise((resolve, reject) => {
      batch.pending.push({ resolve, reject });
      batch.child.stdin.write(`${name}\n`);
    });
  }

  /** The entries of the tree `name` names, or undefined when it names no tree. */
  async readTree(name: string): Promise<TreeEntry[] | undefined> {
    const object = await this.read(name);
    if (object?.type !== 'tree') return undefined;
    return parseTree(object.content, object.oid.length / 2);
  }

  /** Lets the git process end once it has answered what was asked (it also ends by itself when idle). */
  close(): void {
    clearTimeout(this.idleTimer);
    // End of input: git answers every request already written, then exits.
    this.current?.child.stdin.end();
    this.current = undefined;
  }

  private process(): BatchProcess {
    if (this.current) return this.current;
    const child = spawn('git', ['cat-file', '--batch'], {
      cwd: this.dir,
      env: { ...process.env, ...GIT_IDENTITY },
      stdio: 'pipe',
    });
    const batch: BatchProcess = { child, buffered: Buffer.alloc(0), pending: [] };
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => this.receive(batch, chunk));
    const fail = (error: Error) => {
      if (this.current === batch) this.current = undefined;
      for (const waiting of batch.pending.splice(0)) waiting.reject(error);
    };
    child.on('error', fail);
    child.on('close', (code) =>
      fail(new Error(`git cat-file --batch ended (${code}): ${stderr.trim() || 'no message'}`)),
    );
    child.stdin.on('error', () => {});
    this.current = batch;
    return batch;
  }

  /** Parses as many answers as the bytes so far hold, in request order. */
  private receive(batch: BatchProcess, chunk: Buffer): void {
    batch.buffered = batch.buffered.length === 0 ? chunk : Buffer.concat([batch.buffered, chunk]);
    while (batch.pending.length > 0) {
      const end = batch.buffered.indexOf(0x0a);
      if (end < 0) return;
      const header = batch.buffered.subarray(0, end).toString('utf8');
      const [oid = '', type = '', size = ''] = header.split(' ');
      if (type === 'missing' || type === 'ambiguous' || !/^\d+$/.test(size)) {
        batch.buffered = batch.buffered.subarray(end + 1);
        batch.pending.shift()?.resolve(undefined);
        continue;
      }
      const length = Number(size);
      if (batch.buffered.length < end + 1 + length + 1) return;
      const content = Buffer.from(batch.buffered.subarray(end + 1, end + 1 + length));
      batch.buffered = batch.buffered.subarray(end + 1 + length + 1);
      batch.pending.shift()?.resolve({ oid, type: type as GitObject['type'], content });
    }
    if (batch.pending.length === 0) {
      keepAlive(batch.child, false);
      if (batch === this.current) this.idle();
    }
  }

  private idle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.close(), IDLE_MS);
    this.idleTimer.unref();
  }
}

/** While a read is pending the process keeps Node running; while idle it must not. */
function keepAlive(child: ChildProcessWithoutNullStreams, on: boolean): void {
  // The pipes are sockets: each holds Node open on its own.
  for (const handle of [child, child.stdin, child.stdout, child.stderr] as unknown as Handle[]) {
    if (on) handle.ref?.();
    else handle.unref?.();
  }
}

/** A tree object's entries: `<mode> <name>\0<raw object id>` repeated. */
export function parseTree(content: Buffer, oidBytes: number): TreeEntry[] {
  const entries: TreeEntry[] = [];
  let at = 0;
  while (at < content.length) {
    const space = content.indexOf(0x20, at);
    const nul = content.indexOf(0x00, space + 1);
    if (space < 0 || nul < 0 || nul + 1 + oidBytes > content.length) break;
    entries.push({
      mode: content.subarray(at, space).toString('latin1'),
      name: content.subarray(space + 1, nul).toString('utf8'),
      oid: content.subarray(nul + 1, nul + 1 + oidBytes).toString('hex'),
    });
    at = nul + 1 + oidBytes;
  }
  return entries;
}
