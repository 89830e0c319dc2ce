import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../scripts/cli/main.js';
import { lineWriter } from '../../scripts/cli/output.js';
import { freshRepo, packageRoot } from '../helpers.js';

async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { packageRoot, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('crescendo exit codes and streams', () => {
  it('a usage mistake exits 2 with the error on stderr', async () => {
    for (const argv of [[], ['frobnicate'], ['start'], ['approve'], ['--bogus'], ['run', 'x'], ['check']]) {
      const result = await run(argv);
      expect([argv.join(' '), result.code]).toEqual([argv.join(' '), 2]);
      expect(result.err.join('\n')).toMatch(/error|crescendo —/);
      expect(result.out).toEqual([]);
    }
  });

  it('a failure exits 1 with the error on stderr and nothing on stdout', async () => {
    const { dir } = await freshRepo();
    const result = await run(['status', 'no-such-campaign', '--dir', dir]);
    expect(result.code).toBe(1);
    expect(result.err[0]).toMatch(/^error: there is no campaign "no-such-campaign"/);
    expect(result.out).toEqual([]);
  });

  it('success exits 0 with its output on stdout, and --help is not an error', async () => {
    const { dir } = await freshRepo();
    expect(await run(['status', '--dir', dir])).toMatchObject({
      code: 0,
      err: [],
      out: [expect.stringMatching(/No campaigns/)],
    });
    expect(await run(['--help'])).toMatchObject({
      code: 0,
      err: [],
      out: [expect.stringMatching(/^crescendo —/)],
    });
  });
});

describe('a closed pipe', () => {
  it('later lines to a stream whose reader went away are dropped, never thrown', async () => {
    const stream = new Writable({
      write: (_chunk, _enc, done) => done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })),
    });
    const write = lineWriter(stream);
    write('one');
    await new Promise((resolve) => setImmediate(resolve));
    expect(() => write('two')).not.toThrow();
  });

  it('`crescendo status | head -0` exits cleanly', async () => {
    const { dir } = await freshRepo();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(packageRoot, 'scripts', 'crescendo.ts'), 'status', '--dir', dir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout.destroy(); // the reader is gone before the first line
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(0);
  });
});
