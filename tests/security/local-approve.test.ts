import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { CrescendoError } from '../../actions/engine/errors.js';
import { git, gitMaybe } from '../../actions/engine/forge/local/git.js';
import type { LocalForge } from '../../actions/engine/forge/local/local-forge.js';
import { SampleLlm } from '../../actions/engine/llm/sample-llm.js';
import { approve, start } from '../../actions/engine/runner/local-actions.js';
import { stageViews } from '../../actions/engine/runner/stage-status.js';
import { approveCommand } from '../../scripts/cli/commands.js';
import { exampleBriefPath, freshRepo, packageRoot, samplesDir } from '../helpers.js';

const brief = parse(readFileSync(exampleBriefPath, 'utf8'));
const ID = 'q2-2027-launch';
const REPORT = `plans/reports/${ID}-research.md`;
const BRANCH = `crescendo/${ID}/research`;

let forge: LocalForge;
let dir: string;
const deps = () => ({ forge, llm: new SampleLlm(samplesDir) });

// The suite runs files in shared workers (isolate: false): the stub must not outlive this file.
afterEach(() => {
  vi.unstubAllEnvs();
});

beforeEach(async () => {
  vi.stubEnv('ANTHROPIC_API_KEY', '');
  ({ forge, dir } = await freshRepo());
  await start(deps(), brief);
});

/** Approval changed nothing: main where it was, the pull request still open, no merge left half-done. */
async function nothingMerged(mainBefore: string): Promise<void> {
  expect(await git(dir, ['rev-parse', 'main'])).toBe(mainBefore);
  expect((await stageViews(forge, ID)).research.status).toBe('in-review');
  expect(await gitMaybe(dir, ['rev-parse', '-q', '--verify', 'MERGE_HEAD'])).toBeUndefined();
  expect(await git(dir, ['status', '--porcelain'])).toBe('');
}

describe('crescendo approve', () => {
  it('validates the branch artifacts first, as `crescendo check` does, and merges nothing that fails', async () => {
    const broken =
      '---\nkind: research\ncampaign: q2-2027-launch\nresearch:\n  summary: 3\n---\n# Research\n';
    await forge.commitFiles({
      branch: BRANCH,
      base: 'main',
      message: 'hand edit',
      changes: [{ path: REPORT, content: broken }],
    });
    const mainBefore = await git(dir, ['rev-parse', 'main']);
    const error = await approveCommand({ packageRoot, out: () => {} }, dir, ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrescendoError);
    expect((error as CrescendoError).message).toMatch(/cannot be approved: its artifacts fail their checks/);
    expect((error as CrescendoError).problems.map((p) => p.where).join('\n')).toContain(REPORT);
    expect((error as CrescendoError).fix).toMatch(/revise/);
    await nothingMerged(mainBefore);
  });

  it('a conflict with main aborts the merge cleanly and says what to do (main checked out)', async () => {
    await writeFile(join(dir, REPORT), '# our own research\n');
    await git(dir, ['add', REPORT]);
    await git(dir, ['commit', '-q', '-m', 'our research']);
    const mainBefore = await git(dir, ['rev-parse', 'main']);
    const error = await approve(deps(), ID).catch((e: unknown) => e);
    expect((error as CrescendoError).message).toMatch(/conflicts with main: nothing was merged/);
    expect((error as CrescendoError).problems.map((p) => p.where)).toEqual([REPORT]);
    expect((error as CrescendoError).fix).toMatch(/git merge main/);
    await nothingMerged(mainBefore);
    expect(readFileSync(join(dir, REPORT), 'utf8')).toBe('# our own research\n');
  });

  it('a conflict with main aborts cleanly when main is not checked out', async () => {
    await git(dir, ['switch', '-q', '-c', 'elsewhere']);
    await writeFile(join(dir, REPORT), '# our own research\n');
    await git(dir, ['add', REPORT]);
    await git(dir, ['commit', '-q', '-m', 'our research']);
    await git(dir, ['push', '-q', '.', 'elsewhere:main']);
    const mainBefore = await git(dir, ['rev-parse', 'main']);
    const error = await approve(deps(), ID).catch((e: unknown) => e);
    expect((error as CrescendoError).message).toMatch(/conflicts with main: nothing was merged/);
    expect((error as CrescendoError).problems.map((p) => p.where)).toEqual([REPORT]);
    await nothingMerged(mainBefore);
  });
});
