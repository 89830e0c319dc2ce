import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitBlobChunks } from '../../actions/engine/importers/byte-source.js';
import { readAll } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'crescendo-git-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reading a committed export from git', () => {
  it('streams the blob in chunks, so a file of any size is read whole', async () => {
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: dir,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 't',
          GIT_AUTHOR_EMAIL: 't@t',
          GIT_COMMITTER_NAME: 't',
          GIT_COMMITTER_EMAIL: 't@t',
        },
      });
    git('init', '-q');
    let csv = 'date,channel,utm_content,impressions,clicks,cost,conversions,revenue\n';
    for (let i = 0; i < 40_000; i++)
      csv += `2027-04-${String(1 + (i % 28)).padStart(2, '0')},blog,asset-${Math.floor(i / 28)},10,1,0,0,0\n`;
    writeFileSync(join(dir, 'metrics.csv'), csv);
    git('add', '.');
    git('commit', '-qm', 'data');
    let chunks = 0;
    async function* counted() {
      for await (const chunk of gitBlobChunks(dir, 'HEAD', 'metrics.csv')) {
        chunks++;
        yield chunk;
      }
    }
    const { rows } = await readAll(counted(), 'metrics.csv');
    expect(rows).toHaveLength(40_000);
    expect(chunks).toBeGreaterThan(1);
  });

  it("fails with git's reason for a path that is not committed", async () => {
    const read = async () => {
      for await (const _ of gitBlobChunks(dir, 'HEAD', 'missing.csv')) {
        // nothing arrives
      }
    };
    await expect(read()).rejects.toThrow(/git cat-file HEAD:missing.csv failed/);
  });
});
