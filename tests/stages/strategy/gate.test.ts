import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StrategyData, strategyPath } from '../../../actions/engine/artifacts/strategy.js';
import { CrescendoError } from '../../../actions/engine/errors.js';
import { parseArtifact, renderArtifact } from '../../../actions/engine/files/artifact-file.js';
import {
  gateProblems,
  unacceptedWarnings,
  warningText,
  withOverride,
} from '../../../actions/engine/stages/strategy/gate.js';
import { renderStrategy } from '../../../actions/engine/stages/strategy/index.js';
import { checkFile } from '../../../scripts/cli/check-file.js';
import { check } from '../../../scripts/cli/commands.js';
import { packageRoot } from '../../helpers.js';
import { demoBenchmarks, demoBrief, demoProposal, strategyOf } from './fixtures.js';

const ID = demoBrief.id;
const PATH = strategyPath(ID);
const FIELD_PATH = /\b[a-zA-Z]+\[\d+\]/;
const meta = { kind: 'strategy', campaign: ID, generated: '2027-03-28T09:00:00.000Z', sample: false };
const fileOf = (data: StrategyData) =>
  renderArtifact(meta, { strategy: data }, renderStrategy(data, demoBrief));
/** The demo at the default benchmarks: the organic channels are not modelled, so both targets fall short. */
const short = () => strategyOf(demoBrief, demoProposal);
const accept = {
  reason: 'stretch goals agreed with sales',
  by: '@maria',
  at: new Date('2027-03-30T10:00:00Z'),
};

describe('the strategy’s approval gate', () => {
  it('every warning blocks until accepted; an override accepts the warnings as they read then', () => {
    const data = short();
    expect(unacceptedWarnings(data)).toEqual(data.warnings);
    expect(gateProblems(data).map((p) => p.where)).toEqual([
      'Objective 1 (500 MQLs)',
      'Objective 2 (50,000 visitors)',
      'Objective 3 (12,600 visitors a month on Blog / SEO)',
    ]);
    const accepted = {
      ...data,
      override: { ...accept, at: accept.at.toISOString(), accepts: data.warnings.map(warningText) },
    };
    expect(unacceptedWarnings(accepted)).toEqual([]);
    // New numbers (a changed brief, budget or benchmarks) are new warnings: the old override does not cover them.
    const changed = {
      ...accepted,
      warnings: [{ ...data.warnings[0]!, message: data.warnings[0]!.message.replace('207', '208') }],
    };
    expect(unacceptedWarnings(changed)).toHaveLength(1);
  });

  it('`crescendo check` fails a strategy with warnings, in words, and says how to override', () => {
    const result = checkFile(PATH, fileOf(short()));
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toEqual({
      where: `${PATH} — Objective 1 (500 MQLs)`,
      message: expect.stringMatching(/^planned 207 of 500 MQLs: 293 short\. .*\(warning not overridden\)$/),
    });
    for (const p of result.problems) expect(`${p.where} ${p.message}`).not.toMatch(FIELD_PATH);
    expect(result.fix).toContain('comment "Crescendo-Override: <reason>" on the strategy pull request');
    expect(result.fix).toContain(`crescendo approve ${ID} --override "<reason>"`);
    expect(checkFile(PATH, fileOf(strategyOf(demoBrief, demoProposal, demoBenchmarks)))).toMatchObject({
      ok: true,
      problems: [],
    });
  });

  it('an override is recorded in the file: front matter and the WARNING section, the rest untouched', () => {
    const text = fileOf(short());
    const overridden = withOverride(text, PATH, accept);
    const data = parseArtifact(overridden, PATH, 'strategy', StrategyData);
    expect(data.override).toMatchObject({
      reason: accept.reason,
      by: '@maria',
      at: '2027-03-30T10:00:00.000Z',
    });
    expect(checkFile(PATH, overridden)).toMatchObject({ ok: true, problems: [] });
    expect(overridden).toContain(
      '## Warnings accepted by @maria on 2027-03-30\n\n> stretch goals agreed with sales',
    );
    expect(overridden).not.toContain('## WARNING: approval is blocked');
    const tail = (t: string) => t.slice(t.indexOf('<!-- /crescendo:warnings -->'));
    expect(tail(overridden)).toBe(tail(text));
    expect(() => withOverride(text, PATH, { ...accept, reason: '  ' })).toThrow(CrescendoError);
  });

  it('the CLI: `crescendo check plans/<id>-strategy.md` exits 1 until overridden, then 0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'crescendo-gate-'));
    await mkdir(join(dir, 'plans'));
    const file = join(dir, PATH);
    const text = fileOf(short());
    await writeFile(file, text);
    const lines: string[] = [];
    const env = { packageRoot, out: (l: string) => lines.push(l) };
    expect(await check(env, [file], false)).toBe(1);
    expect(lines.join('\n')).toContain(
      'Objective 2 (50,000 visitors): planned 43,307 of 50,000 visitors: 6,693 short.',
    );
    expect(lines.join('\n')).toContain(`fix: a person with write access accepts them with a reason`);
    await writeFile(file, withOverride(text, PATH, accept));
    expect(await check(env, [file], false)).toBe(0);
  });
});
