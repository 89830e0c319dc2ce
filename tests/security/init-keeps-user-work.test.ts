import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_PATH } from '../../actions/engine/config/config.js';
import { git } from '../../actions/engine/forge/local/git.js';
import { init } from '../../scripts/cli/commands.js';
import { packageRoot } from '../helpers.js';

const OWN_CONFIG = `# our own settings
spendCapUsd: 3
models: { default: claude-sonnet-4-5 }
`;

const lines = (text: string) => text.split('\n').filter(Boolean).sort();

async function repoWithWork(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'crescendo-init-'));
  await git(dir, ['init', '-q', '-b', 'main']);
  await writeFile(join(dir, 'README.md'), '# ours\n');
  await git(dir, ['add', 'README.md']);
  await git(dir, ['commit', '-q', '-m', 'first']);
  await mkdir(join(dir, '.github'), { recursive: true });
  await writeFile(join(dir, CONFIG_PATH), OWN_CONFIG);
  await writeFile(join(dir, 'notes.md'), 'half-done work\n');
  await git(dir, ['add', 'notes.md', CONFIG_PATH]);
  await mkdir(join(dir, 'campaigns', 'old'), { recursive: true });
  await writeFile(join(dir, 'campaigns', 'old', 'draft.txt'), 'not ready\n');
  await writeFile(join(dir, 'README.md'), '# ours, edited\n');
  return dir;
}

describe('crescendo init never overwrites or commits what the user had', () => {
  it('keeps the existing config and leaves staged, unstaged and untracked work exactly as it was', async () => {
    const dir = await repoWithWork();
    const statusBefore = await git(dir, ['status', '--porcelain', '--untracked-files=all']);
    const out: string[] = [];
    await init({ packageRoot, out: (l) => out.push(l) }, dir);

    expect(await readFile(join(dir, CONFIG_PATH), 'utf8')).toBe(OWN_CONFIG);
    expect(out.join('\n')).toMatch(/kept .*\.github\/crescendo\.yml/);
    // Crescendo's commit holds only what Crescendo created.
    expect(lines(await git(dir, ['show', '--name-only', '--format=', 'HEAD']))).toEqual([
      'campaigns/.gitkeep',
      'content/.gitkeep',
      'plans/reports/.gitkeep',
    ]);
    // The user's staged work is still staged, their edits and drafts untouched and uncommitted.
    expect(lines(await git(dir, ['diff', '--cached', '--name-only']))).toEqual([CONFIG_PATH, 'notes.md']);
    expect(lines(await git(dir, ['status', '--porcelain', '--untracked-files=all']))).toEqual(
      lines(statusBefore),
    );
    expect(await readFile(join(dir, 'campaigns', 'old', 'draft.txt'), 'utf8')).toBe('not ready\n');
  });

  it('never overwrites a file Crescendo would create, and a second init changes nothing', async () => {
    const dir = await repoWithWork();
    await writeFile(join(dir, 'campaigns', '.gitkeep'), 'keep me\n');
    await init({ packageRoot, out: () => {} }, dir);
    const head = await git(dir, ['rev-parse', 'HEAD']);
    expect(await readFile(join(dir, 'campaigns', '.gitkeep'), 'utf8')).toBe('keep me\n');
    await init({ packageRoot, out: () => {} }, dir);
    expect(await git(dir, ['rev-parse', 'HEAD'])).toBe(head);
  });

  it('sets up an empty folder with the template config in one commit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'crescendo-init-'));
    await init({ packageRoot, out: () => {} }, dir);
    expect(await readFile(join(dir, CONFIG_PATH), 'utf8')).toBe(
      await readFile(join(packageRoot, CONFIG_PATH), 'utf8'),
    );
    expect(await git(dir, ['rev-list', '--count', 'HEAD'])).toBe('1\n');
    expect(await git(dir, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
  });
});
