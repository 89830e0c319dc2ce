import { describe, expect, it } from 'vitest';
import { git } from '../../actions/engine/forge/local/git.js';
import { freshRepo } from '../helpers.js';

describe('LocalForge', () => {
  it('commits all files of a stage in one commit on its branch, leaving main and the work tree alone', async () => {
    const { forge, dir } = await freshRepo();
    const mainBefore = await git(dir, ['rev-parse', 'main']);
    await forge.commitFiles({
      branch: 'crescendo/x/research',
      base: 'main',
      message: 'generate research',
      changes: [
        { path: 'plans/reports/x-research.md', content: '# r\n' },
        { path: 'campaigns/x/campaign.yml', content: 'a: 1\n' },
      ],
    });
    expect(await git(dir, ['rev-parse', 'main'])).toBe(mainBefore);
    expect(await git(dir, ['rev-list', '--count', 'main..crescendo/x/research'])).toBe('1\n');
    expect(await forge.listFiles('plans', 'crescendo/x/research')).toEqual([
      'plans/reports/.gitkeep',
      'plans/reports/x-research.md',
    ]);
    expect(await git(dir, ['status', '--porcelain'])).toBe('');
  });

  it('opens one PR per branch, updates it on re-run, deletes files, merges into main', async () => {
    const { forge, dir } = await freshRepo();
    const request = {
      branch: 'crescendo/x/strategy',
      base: 'main',
      title: 'Strategy',
      body: 'v1',
      labels: ['crescendo'],
    };
    await forge.commitFiles({
      branch: request.branch,
      base: 'main',
      message: 'm1',
      changes: [
        { path: 'plans/a.md', content: 'a' },
        { path: 'plans/b.md', content: 'b' },
      ],
    });
    const first = await forge.openOrUpdatePullRequest(request);
    await forge.commitFiles({
      branch: request.branch,
      base: 'main',
      message: 'm2',
      changes: [{ path: 'plans/b.md', content: null }],
    });
    const second = await forge.openOrUpdatePullRequest({
      ...request,
      body: 'v2',
      labels: ['stage:strategy'],
    });
    expect(second.number).toBe(first.number);
    expect(second.labels).toEqual(['crescendo', 'stage:strategy']);
    expect((await forge.findPullRequest(request.branch))?.body).toBe('v2');
    const merged = await forge.mergePullRequest(first.number);
    expect(merged.state).toBe('merged');
    expect(await forge.readFile('plans/a.md')).toBe('a');
    expect(await forge.readFile('plans/b.md')).toBeUndefined();
    // main was checked out: git updated the work tree too.
    expect(await git(dir, ['status', '--porcelain'])).toBe('');
    await expect(forge.mergePullRequest(first.number)).rejects.toThrow(/is merged, not open/);
  });

  it('edits one progress comment in place', async () => {
    const { forge } = await freshRepo();
    await forge.upsertComment(1, '<!-- m -->', '<!-- m --> one');
    await forge.upsertComment(1, '<!-- m -->', '<!-- m --> two');
    await forge.upsertComment(2, '<!-- m -->', '<!-- m --> other issue');
    const records = JSON.parse(
      await import('node:fs/promises').then((fs) =>
        fs.readFile(`${forge.dir}/.git/crescendo/records.json`, 'utf8'),
      ),
    );
    expect(records.comments.map((c: { body: string }) => c.body)).toEqual([
      '<!-- m --> two',
      '<!-- m --> other issue',
    ]);
  });

  it('says clearly when a directory is not a repository', async () => {
    const { LocalForge } = await import('../../actions/engine/forge/local/local-forge.js');
    await expect(LocalForge.open('/')).rejects.toThrow(/is not a git repository/);
  });
});
