import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initialState } from '../../actions/engine/artifacts/campaign-state.js';
import { strategyPath } from '../../actions/engine/artifacts/strategy.js';
import { parseConfig } from '../../actions/engine/config/config.js';
import { CrescendoError, hasCode } from '../../actions/engine/errors.js';
import { renderArtifact } from '../../actions/engine/files/artifact-file.js';
import { SpendGuard } from '../../actions/engine/llm/spend-guard.js';
import { type Gathered, gatherData } from '../../actions/engine/stages/measurement/gather.js';
import { measurementStage } from '../../actions/engine/stages/measurement/index.js';
import type { StageContext } from '../../actions/engine/stages/stage.js';
import { buildStrategy } from '../../actions/engine/stages/strategy/build.js';
import { ScriptedLlm } from '../fakes/scripted-llm.js';
import { packageRoot } from '../helpers.js';
import { demoBenchmarks, demoBrief, demoProposal } from '../stages/strategy/fixtures.js';

// Everything here goes through what the measurement stage runs: the campaign's data folder listed,
// each export streamed through the importers, rows aggregated (gather.ts, inputs.ts).
const ID = demoBrief.id;
const DATA = `campaigns/${ID}/data`;
const METRICS = `${DATA}/metrics.csv`;
const HEADER = 'date,channel,utm_content,impressions,clicks,cost,conversions,revenue';
const config = parseConfig(`models: { default: claude-sonnet-5-5 }
pricing:
  asOf: 2026-11-01
  currency: USD
  perMillionTokens:
    claude-sonnet-5-5: { input: 2, output: 10, cacheWrite5m: 2.5, cacheRead: 0.2 }
`);

function context(files: Record<string, string>, llm = new ScriptedLlm(() => ({}))): StageContext {
  return {
    campaign: { brief: demoBrief, state: initialState() },
    config,
    llm,
    guard: new SpendGuard(config.pricing, 100, 0),
    readFile: async (p) => files[p],
    readBytes: async (p) => (files[p] === undefined ? undefined : Buffer.from(files[p])),
    listFiles: async (dir) =>
      Object.keys(files)
        .filter((p) => p.startsWith(`${dir}/`))
        .sort(),
    feedback: [],
    now: new Date('2027-07-05T07:00:00Z'),
    log: () => {},
  };
}

const gather = (files: Record<string, string>): Promise<Gathered> => gatherData(context(files), {});
const csv = (...rows: string[]) => `${[HEADER, ...rows].join('\n')}\n`;

async function refusal(files: Record<string, string>): Promise<CrescendoError> {
  const error = await gather(files).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CrescendoError);
  return error as CrescendoError;
}
const listed = (error: CrescendoError) =>
  error.problems.map((p) => `${p.where}${p.line === undefined ? '' : `:${p.line}`} ${p.message}`);

describe('performance exports that would make a wrong report are refused, located, nothing imported', () => {
  it('reads the shipped sample export without a finding', async () => {
    const sample = readFileSync(join(packageRoot, 'scripts/demo/metrics.sample.csv'), 'utf8');
    const data = await gather({ [METRICS]: sample });
    expect(data.rows.length).toBeGreaterThan(100);
    expect(data.log.warnings()).toEqual([]);
  });

  it('a blank cost on a paid row with activity, a cell that is not a number, a row short of cells', async () => {
    const error = await refusal({
      [METRICS]: csv(
        '2027-04-02,google-ads,ad-a,100,10,,1,0',
        '2027-04-03,blog,post-a,abc,1,0,0,0',
        '2027-04-04,blog,post-a,100,1,0',
      ),
    });
    expect(error.code).toBe('bad-rows');
    expect(error.where).toBe(METRICS);
    expect(listed(error)).toEqual([
      `${METRICS}:2 column "cost" is empty on a paid-channel row with clicks or impressions (a blank is not read as 0: the spend would be missing from pacing and cost per result) — fill in the spend (0 when it was free), or export the file again`,
      `${METRICS}:3 column "impressions" "abc" is not a whole number such as 1200 or "1,200" — correct the impressions cell (or export the file again, unedited)`,
      `${METRICS}:4 column "conversions" the row has 6 cells where the header has 8: conversions, revenue missing — write every column of the header on each row, an empty cell (,,) for a number not measured`,
    ]);
    expect(error.fix).toMatch(/nothing was imported from it/);
  });

  it('a blank cost on an organic row is spend not tracked, not a refusal', async () => {
    const data = await gather({ [METRICS]: csv('2027-04-02,blog,post-a,100,10,,1,0') });
    expect(data.rows[0]?.measures.cost).toBeUndefined();
    expect(data.log.warnings()).toEqual([]);
  });

  it('the same day twice with different numbers, across two files, names both rows', async () => {
    const error = await refusal({
      [METRICS]: csv('2027-04-02,linkedin,post-a,100,10,0,1,0'),
      [`${DATA}/metrics/may.csv`]: csv('2027-04-02,linkedin,post-a,120,10,0,1,0'),
    });
    expect(error.code).toBe('bad-rows');
    expect(listed(error)).toEqual([
      `${DATA}/metrics/may.csv:2 has the same date, channel, source/medium, campaign, utm_content and record as ${METRICS}:2 but different numbers — two exports cover this day: keep the rows of one (normally the later export) and delete the other`,
    ]);
  });
});

describe('rows that are left out or suspicious are flagged in the report with file, row and fix', () => {
  it('a row repeated within a file and across files is counted once', async () => {
    const row = '2027-04-02,linkedin,post-a,100,10,0,1,0';
    const data = await gather({ [METRICS]: csv(row, row), [`${DATA}/metrics/may.csv`]: csv(row) });
    expect(data.rows).toHaveLength(1);
    expect(data.rows[0]?.measures.impressions).toBe(100);
    const [warning] = data.log.warnings();
    expect(warning).toContain(`${METRICS}:3, ${DATA}/metrics/may.csv:2: rows repeat earlier rows`);
    expect(warning).toContain(`first: ${METRICS}:2`);
  });

  it('days outside the campaign are left out; clicks above impressions are kept and named', async () => {
    const data = await gather({
      [METRICS]: csv('2027-03-01,blog,post-a,100,1,0,0,0', '2027-04-03,linkedin-ads,ad-a,100,120,5.5,1,0'),
    });
    expect(data.rows.map((r) => r.date)).toEqual(['2027-04-03']);
    expect(data.log.warnings()).toEqual([
      `${METRICS}:2: rows dated outside the campaign (2027-04-01 – 2027-06-30) were left out (first: 2027-03-01) — nothing to do if the export covers more days than the campaign; otherwise check the campaign dates`,
      `${METRICS}:3: clicks are above impressions (a click-through rate over 100 %) — check that the Clicks and Impressions columns are not swapped; kept as exported`,
    ]);
  });
});

describe('every CSV parse error names the file, the line and what was expected', () => {
  it('a quote that never closes', async () => {
    const error = await refusal({ [METRICS]: csv('2027-04-02,blog,"x,1,1,0,0,0') });
    expect(listed(error)).toEqual([
      `${METRICS}:2 a quote opens here and never closes — close the quote (or export the file again)`,
    ]);
  });

  it('a header no layout has: its lines, and every layout it could have been', async () => {
    const error = await refusal({ [METRICS]: 'day,visits\n2027-04-02,5\n' });
    expect(error.code).toBe('unknown-layout');
    expect(listed(error).slice(0, 2)).toEqual([
      `${METRICS}:1 reads: day,visits`,
      `${METRICS}:2 reads: 2027-04-02,5`,
    ]);
    expect(listed(error).join('\n')).toContain(
      `${METRICS} Crescendo metrics CSV: date, channel, utm_content, impressions, clicks, cost`,
    );
  });
});

describe('a metrics file with no rows waits, and never calls the model', () => {
  let strategy: string;
  beforeAll(() => {
    const data = buildStrategy(demoBrief, demoProposal, { benchmarks: demoBenchmarks, source: 'test' });
    const meta = { kind: 'strategy', campaign: ID, generated: '2027-03-30T00:00:00Z', sample: false };
    strategy = renderArtifact(meta, { strategy: data }, '# Strategy');
  });

  for (const [what, text] of [
    ['a header alone', `${HEADER}\n\n`],
    ['an empty file', ''],
  ] as const) {
    it(`${what}: waiting for data at that file, what to add, no model call`, async () => {
      const llm = new ScriptedLlm(() => ({}));
      const error = await measurementStage
        .run(context({ [strategyPath(ID)]: strategy, [METRICS]: text }, llm))
        .catch((e: unknown) => e);
      expect(hasCode(error, 'waiting')).toBe(true);
      expect((error as CrescendoError).where).toBe(METRICS);
      expect((error as CrescendoError).fix).toContain(`${METRICS} has no rows yet`);
      expect(llm.requests).toHaveLength(0);
    });
  }
});
