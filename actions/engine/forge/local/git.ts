import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Who local commits are by (author and committer). */
export const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'Crescendo',
  GIT_AUTHOR_EMAIL: 'crescendo@localhost',
  GIT_COMMITTER_NAME: 'Crescendo',
  GIT_COMMITTER_EMAIL: 'crescendo@localhost',
};

export interface GitOptions {
  input?: string;
  env?: Record<string, string>;
}

/** Runs git in `dir`; a failure carries git's own message. */
export async function git(dir: string, args: string[], options: GitOptions = {}): Promise<string> {
  const child = run('git', args, {
    cwd: dir,
    env: { ...process.env, ...GIT_IDENTITY, ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (options.input !== undefined) {
    child.child.stdin?.end(options.input);
  }
  try {
    const { stdout } = await child;
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`git ${args.join(' ')} failed: ${stderr || (error as Error).message}`);
  }
}

/** Like `git`, but resolves to undefined instead of failing (for "does it exist" questions). */
export async function gitMaybe(dir: string, args: string[]): Promise<string | undefined> {
  try {
    return await git(dir, args);
  } catch {
    return undefined;
  }
}

/** Runs git in `dir` and returns its stdout as bytes (no decoding), or undefined when git fails. */
export async function gitBytesMaybe(dir: string, args: string[]): Promise<Uint8Array | undefined> {
  try {
    const { stdout } = await run('git', args, {
      cwd: dir,
      env: { ...process.env, ...GIT_IDENTITY },
      encoding: 'buffer',
      maxBuffer: 64 * 1024 * 1024,
    });
    return new Uint8Array(stdout.buffer, stdout.byteOffset, stdout.byteLength);
  } catch {
    return undefined;
  }
}

/**
 * Runs git in `dir` and streams its stdout chunk by chunk: for blobs of any size (`git cat-file blob …`),
 * where buffering the output would stop at `maxBuffer`. Leaving the loop early ends git; a failure
 * carries git's own message once the output has been read.
 */
export async function* gitStream(dir: string, args: string[]): AsyncGenerator<Uint8Array> {
  const child = spawn('git', args, {
    cwd: dir,
    env: { ...process.env, ...GIT_IDENTITY },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const errors: Buffer[] = [];
  child.stderr.on('data', (d: Buffer) => errors.push(d));
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  let done = false;
  try {
    for await (const chunk of child.stdout) yield chunk as Buffer;
    done = true;
  } finally {
    if (!done) child.kill();
  }
  const code = await exited;
  if (code !== 0) {
    throw new Error(`git ${args.join(' ')} failed: ${Buffer.concat(errors).toString('utf8').trim()}`);
  }
}

/** Runs git in `dir` and returns its exit code and output, for commands whose failure output is the answer. */
export async function gitResult(
  dir: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('git', args, {
      cwd: dir,
      env: { ...process.env, ...GIT_IDENTITY },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}
