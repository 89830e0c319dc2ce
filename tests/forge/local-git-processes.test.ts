import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fastImportStream } from '../../actions/engine/forge/local/commit-writer.js';
import { git } from '../../actions/engine/forge/local/git.js';
import { parseTree } from '../../actions/engine/forge/local/object-reader.js';
import { freshRepo } from '../helpers.js';

/** A `git` first on PATH that logs each command it starts, then runs the real one. */
let logFile: string;
let wrapperDir: string;
beforeAll(async () => {
  wrapperDir = await mkdtemp(join(tmpdir(), 'crescendo-git-count-'));
  logFile = join(wrapperDir, 'log');
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const wrapper = join(wrapperDir, 'git');
  await writeFile(wrapper, `#!/bin/sh\necho "$1" >> '${logFile}'\nexec '${realGit}' "$@"\n`);
  await chmod(wrapper, 0o755);
  await writeFile(logFile, '');
});

afterEach(() => {
  vi.unstubAllEnvs();
});

async function counted<T>(work: () => Promise<T>): Promise<{ result: T; commands: string[] }> {
  await writeFile(logFile, '');
  vi.stubEnv('PATH', `${wrapperDir}${delimiter}${process.env.PATH ?? ''}`);
  try {
    const result = await work();
    return { result, commands: (await readFile(logFile, 'utf8')).split('\n').filter(Boolean) };
  } finally {
    vi.unstubAllEnvs();
  }
}

const files = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => ({ path: `${prefix}/file ${i}.md`, content: `# ${i} é\n` }));

describe('LocalForge starts few git processes', () => {
  it('a stage commit of 40 files is one process; 40 reads, a listing and branch checks share one more', async () => {
    const { forge, dir } = await freshRepo();
    const changes = files(40, 'content/x');
    const { result, commands } = await counted(async () => {
      const { sha } = await forge.commitFiles({
        branch: 'crescendo/x/content',
        base: 'main',
        message: 'm',
        changes,
      });
      const texts = await Promise.all(changes.map((c) => forge.readFile(c.path, 'crescendo/x/content')));
      const listed = await forge.listFiles('content/x', 'crescendo/x/content');
      return { sha, texts, listed, exists: await forge.branchExists('crescendo/x/content') };
    });
    expect(commands.filter((c) => c !== 'cat-file')).toEqual(['-c']); // git -c fastimport.unpackLimit=0 fast-import
    // One reader process; a second only if the machine stalls longer than the reader's idle time.
    expect(commands.filter((c) => c === 'cat-file').length).toBeLessThanOrEqual(2);
    expect(result.texts).toEqual(changes.map((c) => c.content));
    expect(result.listed).toEqual(changes.map((c) => c.path).sort());
    expect(result.exists).toBe(true);
    expect((await git(dir, ['rev-parse', 'crescendo/x/content'])).trim()).toBe(result.sha);
    expect(await git(dir, ['show', '-s', '--format=%P %an <%ae>', result.sha])).toBe(
      `${(await git(dir, ['rev-parse', 'main'])).trim()} Crescendo <crescendo@localhost>\n`,
    );
  });

  it('deletes, resets to the base, and reads what git reads (directories, missing refs, bytes)', async () => {
    const { forge, dir } = await freshRepo();
    const branch = 'crescendo/x/review';
    await forge.commitFiles({ branch, base: 'main', message: 'one', changes: files(3, 'r') });
    await forge.commitFiles({
      branch,
      base: 'main',
      message: 'two',
      changes: [{ path: 'r/file 1.md', content: null }],
    });
    expect(await forge.listFiles('r/', branch)).toEqual(['r/file 0.md', 'r/file 2.md']);
    expect(await forge.listFiles('r/file 2.md', branch)).toEqual(['r/file 2.md']);
    expect(await forge.readFile('r', branch)).toBeUndefined();
    expect(await forge.readFile('r/file 1.md', branch)).toBeUndefined();
    expect(await forge.readFile('r/file 0.md', 'no-such-branch')).toBeUndefined();
    expect(await forge.listFiles('r', 'no-such-branch')).toEqual([]);
    expect(Buffer.from((await forge.readBytes('r/file 0.md', branch)) ?? []).toString('utf8')).toBe(
      '# 0 é\n',
    );
    await forge.commitFiles({ branch, base: 'main', message: 'again', reset: true, changes: files(1, 's') });
    expect(await git(dir, ['rev-list', '--count', `main..${branch}`])).toBe('1\n');
    expect(await forge.listFiles('r', branch)).toEqual([]);
    await expect(
      forge.commitFiles({ branch, base: 'main', message: 'bad', changes: [{ path: '../x', content: '' }] }),
    ).rejects.toThrow(/not a plain repository path/);
  });
});

describe('the fast-import stream and tree parsing', () => {
  it('writes byte lengths, not character counts, and refuses a path git would read as quoted', () => {
    const stream = fastImportStream(
      {
        ref: 'refs/heads/b',
        parent: 'a'.repeat(40),
        message: 'é',
        changes: [{ path: 'x.md', content: 'ü\n' }],
      },
      new Date(1_000_000_000_000),
    );
    expect(stream).toBe(
      [
        'commit refs/heads/b',
        'mark :1',
        'committer Crescendo <crescendo@localhost> 1000000000 +0000',
        'data 2',
        'é',
        `from ${'a'.repeat(40)}`,
        'M 100644 inline x.md',
        'data 3',
        'ü\n',
        '',
        'get-mark :1',
        '',
      ].join('\n'),
    );
    const bad = (path: string) => () =>
      fastImportStream({ ref: 'refs/heads/b', parent: 'a', message: 'm', changes: [{ path, content: 'x' }] });
    expect(bad('"quoted.md')).toThrow(/not a plain repository path/);
    expect(bad('a\nb.md')).toThrow(/not a plain repository path/);
  });

  it('parses tree entries with spaces and non-ASCII names, stopping at a truncated entry', () => {
    const oid = Buffer.alloc(20, 0xab);
    const entry = (mode: string, name: string) =>
      Buffer.concat([Buffer.from(`${mode} ${name}\0`, 'utf8'), oid]);
    const tree = Buffer.concat([entry('100644', 'a b.md'), entry('40000', 'dossier é'), Buffer.from('1006')]);
    expect(parseTree(tree, 20)).toEqual([
      { mode: '100644', name: 'a b.md', oid: 'ab'.repeat(20) },
      { mode: '40000', name: 'dossier é', oid: 'ab'.repeat(20) },
    ]);
  });
});
