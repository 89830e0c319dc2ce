import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Brief } from '../actions/engine/artifacts/brief.js';
import { LocalForge } from '../actions/engine/forge/local/local-forge.js';
import { parseBrief } from '../actions/engine/runner/run-stage.js';
import { init } from '../scripts/cli/commands.js';

export const packageRoot = fileURLToPath(new URL('..', import.meta.url));
export const samplesDir = join(packageRoot, 'scripts', 'demo', 'answers');
export const exampleBriefPath = join(packageRoot, 'scripts', 'demo', 'brief.yml');

/** The example brief file as written: a marketer's lines (`500 MQLs by end of Q2`, `budget: $45K`). */
export const exampleBriefInput = (): Record<string, unknown> => parse(readFileSync(exampleBriefPath, 'utf8'));

/** The example brief as `crescendo start` reads it: its lines expanded into the structured brief. */
export const exampleBrief = (): Brief => parseBrief(exampleBriefInput());

/** The structured brief as plain data (a copy), for tests that change one field of it. */
export const exampleBriefData = (): Brief => JSON.parse(JSON.stringify(exampleBrief()));

/**
 * The small example as it was before the demo went full scale (2 blog posts, 4 social posts, its sample
 * answers with the flaws the review checks are held against): a fixture, not the demo.
 */
export const smallDemoDir = join(packageRoot, 'tests', 'fixtures', 'demo-small');
export const smallSamplesDir = join(smallDemoDir, 'answers');
export const smallBriefPath = join(smallDemoDir, 'brief.yml');

/** A fresh repository set up with `crescendo init`, and its forge. */
export async function freshRepo(): Promise<{ dir: string; forge: LocalForge; lines: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'crescendo-test-'));
  const lines: string[] = [];
  await init({ packageRoot, out: (l) => lines.push(l) }, dir);
  return { dir, forge: await LocalForge.open(dir), lines };
}

/** A campaign's spend log at a ref (the default branch when omitted), summed like a StageCost. */
export async function spentAt(forge: LocalForge, id: string, ref?: string) {
  const { parseSpendLog, spendLogPath } = await import('../actions/engine/llm/spend-record.js');
  const text = (await forge.readFile(spendLogPath(id), ref)) ?? '';
  const records = parseSpendLog(text, spendLogPath(id));
  const sum = (
    key: 'usd' | 'inputTokens' | 'outputTokens' | 'cacheReadInputTokens' | 'cacheCreationInputTokens',
  ) => records.reduce((n, r) => n + r[key], 0);
  return {
    records,
    usd: sum('usd'),
    inputTokens: sum('inputTokens'),
    outputTokens: sum('outputTokens'),
    cacheReadInputTokens: sum('cacheReadInputTokens'),
    cacheCreationInputTokens: sum('cacheCreationInputTokens'),
    calls: records.length,
  };
}

/**
 * Approves the open stage `times` times in a row, as a person would: the strategy's warnings accepted
 * (these tests plan with the default benchmarks), and every claim of the review ticked before it merges,
 * so no asset is held back from distribution.
 */
export async function approveInTurn(
  deps: Parameters<typeof import('../actions/engine/runner/local-actions.js').approve>[0],
  id: string,
  times: number,
): Promise<void> {
  const { approve, openStage, verifyClaims } = await import('../actions/engine/runner/local-actions.js');
  for (let i = 0; i < times; i++) {
    if ((await openStage(deps.forge, id))?.stage === 'review')
      await verifyClaims(deps.forge, id, { ids: [], all: true });
    await approve(deps, id, { override: 'default benchmarks in this test' });
  }
}
