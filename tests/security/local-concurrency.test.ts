import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CrescendoError, hasCode } from '../../actions/engine/errors.js';
import type { LocalForge } from '../../actions/engine/forge/local/local-forge.js';
import { SampleLlm } from '../../actions/engine/llm/sample-llm.js';
import { approve, revise, start } from '../../actions/engine/runner/local-actions.js';
import { exampleBriefPath, freshRepo, samplesDir } from '../helpers.js';

const brief = parse(readFileSync(exampleBriefPath, 'utf8'));
const ID = 'q2-2027-launch';

let forge: LocalForge;
let dir: string;
const deps = () => ({ forge, llm: new SampleLlm(samplesDir) });
const lockPath = () => join(dir, '.git', 'crescendo', 'lock');

beforeEach(async () => {
  ({ forge, dir } = await freshRepo());
});

/** Exactly one of two racing commands succeeds; the other is refused as busy before doing anything. */
function oneWinsOneBusy(results: PromiseSettledResult<unknown>[]): void {
  const won = results.filter((r) => r.status === 'fulfilled');
  const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
  expect(won).toHaveLength(1);
  expect(lost).toHaveLength(1);
  expect(hasCode(lost[0], 'busy')).toBe(true);
  expect((lost[0] as CrescendoError).message).toMatch(/busy/);
  expect((lost[0] as CrescendoError).fix).toMatch(/wait for it to finish/);
}

describe('local mode under concurrency: one wins, the other is busy', () => {
  it('two starts of the same campaign at once', async () => {
    oneWinsOneBusy(await Promise.allSettled([start(deps(), brief), start(deps(), brief)]));
    expect(await forge.listPullRequests()).toHaveLength(1);
  });

  it('two revisions at once', async () => {
    await start(deps(), brief);
    oneWinsOneBusy(await Promise.allSettled([revise(deps(), ID, 'shorter'), revise(deps(), ID, 'longer')]));
    expect((await forge.listReviews(1)).map((r) => r.body)).toHaveLength(1);
  });

  it('approve and revise at once', async () => {
    await start(deps(), brief);
    oneWinsOneBusy(await Promise.allSettled([approve(deps(), ID), revise(deps(), ID, 'more sources')]));
  });

  it('the lock is released after a failure, so the next command runs', async () => {
    await expect(revise(deps(), ID, 'nothing is open')).rejects.toThrow(/no open stage/);
    await expect(start(deps(), brief)).resolves.toMatchObject({ changed: true });
  });
});

describe('a lock left behind', () => {
  const lockOf = (pid: number, startedAt = new Date().toISOString(), host = hostname()) =>
    `${JSON.stringify({ token: 't', pid, host, command: 'approve x', startedAt })}\n`;

  it('is taken over when its process has died', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    await mkdir(join(dir, '.git', 'crescendo'), { recursive: true });
    await writeFile(lockPath(), lockOf(dead));
    await expect(start(deps(), brief)).resolves.toMatchObject({ changed: true });
    await expect(stat(lockPath())).rejects.toThrow(/ENOENT/);
  });

  it('is taken over when it is older than any command runs, and when it is not a lock at all', async () => {
    await mkdir(join(dir, '.git', 'crescendo'), { recursive: true });
    await writeFile(lockPath(), lockOf(process.ppid, '2020-01-01T00:00:00.000Z'));
    await expect(forge.exclusive('a', async () => 'ran')).resolves.toBe('ran');
    await writeFile(lockPath(), 'garbage');
    await expect(forge.exclusive('b', async () => 'ran')).resolves.toBe('ran');
  });

  it('held by a live process is busy, naming who holds it', async () => {
    await mkdir(join(dir, '.git', 'crescendo'), { recursive: true });
    await writeFile(lockPath(), lockOf(process.ppid));
    const error = await start(deps(), brief).catch((e: unknown) => e);
    expect(hasCode(error, 'busy')).toBe(true);
    expect((error as CrescendoError).message).toContain(`\`approve x\` (pid ${process.ppid}`);
    expect(await forge.listPullRequests()).toHaveLength(0);
  });
});

describe('the records file', () => {
  const records = () => join(dir, '.git', 'crescendo', 'records.json');

  it('a corrupt one is a located error, never an empty start', async () => {
    await start(deps(), brief);
    await writeFile(records(), '{\n  "nextNumber": 2,\n  "pulls": [\n');
    const error = await forge.listPullRequests().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrescendoError);
    expect((error as CrescendoError).where).toBe('.git/crescendo/records.json');
    expect((error as CrescendoError).problems[0]?.line).toBeGreaterThan(0);
    expect((error as CrescendoError).fix).toMatch(/restore/);
    // Nothing builds on it: a new run refuses instead of numbering pull requests from 1 again.
    await expect(approve(deps(), ID)).rejects.toThrow(/not valid JSON/);
  });

  it('one of the wrong shape names the field', async () => {
    await mkdir(join(dir, '.git', 'crescendo'), { recursive: true });
    await writeFile(records(), JSON.stringify({ nextNumber: 1, pulls: [{ number: 'one' }] }));
    await expect(forge.listPullRequests()).rejects.toMatchObject({
      problems: expect.arrayContaining([
        expect.objectContaining({ where: expect.stringMatching(/pulls\[0\]/) }),
      ]),
    });
  });

  it('is replaced whole (a new file renamed over the old), leaving no temporary file', async () => {
    await start(deps(), brief);
    const before = (await stat(records())).ino;
    await forge.comment(1, 'hello');
    expect((await stat(records())).ino).not.toBe(before);
    expect((await readdir(join(dir, '.git', 'crescendo'))).sort()).toEqual(['records.json']);
  });
});
