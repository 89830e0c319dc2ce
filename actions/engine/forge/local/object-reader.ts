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
const IDLE_MS = 250;

/**
 * Reads objects (`<ref>:<path>`, `refs/heads/<branch>`, an object id) through one long-lived
 * `git cat-file --batch` process instead of one process per read: a stage reads dozens of files, and a
 * process start costs more than the read. Requests are answered in the order they are written, so
 * concurrent reads share the process. The process ends after a short idle time; while idle it does not
 * keep Node running. Every request resolves names anew, so refs moved by other commands are seen.
 */
export class GitObjectReader {
  private child: ChildProcessWithoutNullStreams | undefined;
  private buffered: Buffer = Buffer.alloc(0);
  private readonly pending: Pending[] = [];
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly dir: string) {}

  /** The object `name` names, or undefined when it does not exist. */
  read(name: string): Promise<GitObject | undefined> {
    if (/[\n\r]/.test(name)) return Promise.resolve(undefined);
    const child = this.process();
    clearTimeout(this.idleTimer);
    this.keepAlive(true);
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      child.stdin.write(`${name}\n`);
    });
  }

  /** The entries of the tree `name` names, or undefined when it names no tree. */
  async readTree(name: string): Promise<TreeEntry[] | undefined> {
    const object = await this.read(name);
    if (object?.type !== 'tree') return undefined;
    return parseTree(object.content, object.oid.length / 2);
  }

  /** Ends the git process now (it also ends by itself when idle). */
  close(): void {
    clearTimeout(this.idleTimer);
    this.child?.stdin.end();
    this.child = undefined;
  }

  private process(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawn('git', ['cat-file', '--batch'], {
      cwd: this.dir,
      env: { ...process.env, ...GIT_IDENTITY },
      stdio: 'pipe',
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    const fail = (error: Error) => {
      if (this.child === child) this.child = undefined;
      this.buffered = Buffer.alloc(0);
      for (const waiting of this.pending.splice(0)) waiting.reject(error);
    };
    child.on('error', fail);
    child.on('close', (code) => {
      if (this.pending.length > 0 || this.child === child)
        fail(new Error(`git cat-file --batch ended (${code}): ${stderr.trim() || 'no message'}`));
    });
    child.stdin.on('error', () => {});
    this.child = child;
    return child;
  }

  /** Parses as many answers as the bytes so far hold, in request order. */
  private receive(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    while (this.pending.length > 0) {
      const end = this.buffered.indexOf(0x0a);
      if (end < 0) return;
      const header = this.buffered.subarray(0, end).toString('utf8');
      const [oid = '', type = '', size = ''] = header.split(' ');
      if (type === 'missing' || type === 'ambiguous' || !/^\d+$/.test(size)) {
        this.buffered = this.buffered.subarray(end + 1);
        this.pending.shift()?.resolve(undefined);
        continue;
      }
      const length = Number(size);
      if (this.buffered.length < end + 1 + length + 1) return;
      const content = Buffer.from(this.buffered.subarray(end + 1, end + 1 + length));
      this.buffered = this.buffered.subarray(end + 1 + length + 1);
      this.pending.shift()?.resolve({ oid, type: type as GitObject['type'], content });
    }
    if (this.pending.length === 0) this.idle();
  }

  private idle(): void {
    this.keepAlive(false);
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.close(), IDLE_MS);
    this.idleTimer.unref();
  }

  /** While a read is pending the process keeps Node running; while idle it must not. */
  private keepAlive(on: boolean): void {
    const child = this.child;
    if (!child) return;
    // The pipes are sockets: each holds Node open on its own.
    for (const handle of [child, child.stdin, child.stdout, child.stderr] as unknown as Handle[]) {
      if (on) handle.ref?.();
      else handle.unref?.();
    }
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
