import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Brief } from '../../../actions/engine/artifacts/brief.js';
import { initialState } from '../../../actions/engine/artifacts/campaign-state.js';
import { ReportData, reportPath } from '../../../actions/engine/artifacts/report.js';
import {
  type StrategyData,
  StrategyProposal,
  strategyPath,
} from '../../../actions/engine/artifacts/strategy.js';
import { parseConfig } from '../../../actions/engine/config/config.js';
import { CrescendoError, hasCode } from '../../../actions/engine/errors.js';
import { renderArtifact } from '../../../actions/engine/files/artifact-file.js';
import { readFrontMatter } from '../../../actions/engine/files/front-matter.js';
import type { Llm } from '../../../actions/engine/llm/llm.js';
import { SampleLlm } from '../../../actions/engine/llm/sample-llm.js';
import { SpendGuard } from '../../../actions/engine/llm/spend-guard.js';
import { parseBenchmarks } from '../../../actions/engine/planning/benchmarks.js';
import { measurementStage } from '../../../actions/engine/stages/measurement/index.js';
import type { StageContext, StageResult } from '../../../actions/engine/stages/stage.js';
import { buildStrategy } from '../../../actions/engine/stages/strategy/build.js';
import { ScriptedLlm } from '../../fakes/scripted-llm.js';
import { packageRoot, smallBriefPath, smallDemoDir, smallSamplesDir } from '../../helpers.js';

// The small example the demo's performance data was made for (its plan: LinkedIn Ads at USD 6,750).
const demoBrief = Brief.parse(parse(readFileSync(smallBriefPath, 'utf8')));
const demoProposal = StrategyProposal.parse(
  JSON.parse(readFileSync(join(smallSamplesDir, 'strategy.json'), 'utf8')),
);
const demoBenchmarks = parseBenchmarks(
  readFileSync(join(smallDemoDir, 'benchmarks.sample.yml'), 'utf8'),
  'benchmarks.sample.yml',
);

const ID = demoBrief.id;
const config = parseConfig(`models: { default: claude-sonnet-5-5 }
validationRetries: 1
pricing:
  asOf: 2026-11-01
  currency: USD
  perMillionTokens:
    claude-sonnet-5-5: { input: 2, output: 10, cacheWrite5m: 2.5, cacheRead: 0.2 }
`);
const demo = (name: string) => readFileSync(join(packageRoot, 'scripts', 'demo', name), 'utf8');
const PULLED = 'hubspot-2027-04-01-2027-06-28.csv';
const sampleAnswer = JSON.parse(readFileSync(join(smallSamplesDir, 'measurement.json'), 'utf8'));

let strategy: StrategyData;
let demoFiles: Record<string, string>;

beforeAll(() => {
  strategy = buildStrategy(demoBrief, demoProposal, { benchmarks: demoBenchmarks, source: 'test' });
  const meta = { kind: 'strategy', campaign: ID, generated: '2027-03-30T00:00:00Z', sample: false };
  demoFiles = {
    [strategyPath(ID)]: renderArtifact(meta, { strategy }, '# Strategy'),
    [`campaigns/${ID}/data/metrics.csv`]: demo('metrics.sample.csv'),
    [`campaigns/${ID}/data/metrics/${PULLED}`]: demo('hubspot.sample.csv'),
    [`campaigns/${ID}/data/touchpoints/${PULLED}`]: demo('touchpoints.sample.csv'),
  };
});

/** Rows of a CSV up to a day (the header kept): the same campaign seen earlier. */
const until = (csv: string, day: string, dateColumn = 0) =>
  csv
    .split('\n')
    .filter((line, i) => i === 0 || (line && (line.split(',')[dateColumn] ?? '').slice(0, 10) <= day))
    .join('\n');

function context(files: Record<string, string>, llm: Llm, now: string): StageContext & { lines: string[] } {
  const lines: string[] = [];
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
    now: new Date(now),
    log: (l) => lines.push(l),
    lines,
  };
}

const fileOf = (result: StageResult, path: string) =>
  result.files.find((f) => f.path === path)?.content ?? '';

async function waitingError(run: Promise<unknown>): Promise<CrescendoError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CrescendoError);
  expect(hasCode(error, 'waiting')).toBe(true);
  return error as CrescendoError;
}

describe('the measurement report from the demo data', () => {
  let result: StageResult;
  let report: ReportData;
  let body: string;

  beforeAll(async () => {
    result = await measurementStage.run(
      context(demoFiles, new SampleLlm(smallSamplesDir), '2027-07-05T07:00:00Z'),
    );
    const text = fileOf(result, reportPath(ID, '2027-06-28'));
    report = ReportData.parse(readFrontMatter(text, 'report').data.report);
    body = text;
  });

  it('compares the plan of record with actuals: LinkedIn Ads at 198% of its approved budget, paced', () => {
    const li = report.budget?.find((b) => b.channel === 'linkedin-ads');
    expect(li).toMatchObject({ budget: 6750, spend: 13381.73, status: 'overspending' });
    // 13,381.73 ÷ 6,750 = 1.9825; elapsed 89 of 91 days, so pacing = 1.9825 ÷ (89/91) = 2.027.
    expect(li?.spentShare).toBeCloseTo(1.98248, 4);
    expect(li?.pacing).toBeCloseTo(1.98248 / (89 / 91), 4);
    expect(body).toContain('**LinkedIn Ads has spent 198% of its approved USD 6,750** (USD 13,382)');
    const mqls = report.objectives?.find((o) => o.metric === 'mqls');
    expect(mqls).toMatchObject({ target: 500, actual: 449, measuredBy: 'mqls' });
    expect(mqls?.attainment).toBeCloseTo(0.898, 6);
  });

  it('shows the funnel, attribution by seven models side by side, week over week and charts, marked as sample data', () => {
    const google = report.funnel?.find((f) => f.channel === 'google-ads')?.totals;
    expect(google).toMatchObject({
      clicks: 2246,
      leads: 282,
      mqls: 114,
      sqls: 31,
      opportunities: 15,
      revenue: 36000,
    });
    expect(report.attribution?.totalConversions).toBe(449);
    const credits = report.attribution?.channels.find((c) => c.channel === 'linkedin-ads')?.credits ?? {};
    expect(Object.keys(credits).sort()).toEqual([
      'first',
      'last',
      'linear',
      'markov',
      'position',
      'shapley',
      'time-decay',
    ]);
    expect(credits.last).toBe(131);
    for (const heading of [
      '## Plan vs actual',
      '## Funnel by channel',
      '## Week over week',
      '## Monthly roll-up',
      '## Attribution',
      '## Anomalies',
    ])
      expect(body).toContain(heading);
    expect(body).toContain(
      '| Channel | First touch | Last touch | Linear | Position | Time decay | Markov | Shapley | Spread |',
    );
    expect(body.match(/```mermaid\nxychart-beta/g)).toHaveLength(3);
    expect(body).toContain('**Sample data.**');
    expect(report.cadence).toBe('weekly');
    expect(report.final).toBe(true);
    expect(report.data?.files).toContain(`campaigns/${ID}/data/touchpoints/${PULLED}`);
  });

  it('closes the loop at the end: the next cycle’s issue from the recommendations, the budget move for the next plan', () => {
    expect(result.issue).toMatchObject({
      title: 'Next cycle for Q2 2027 Product Launch: what the final report recommends',
      labels: ['next-cycle', 'crescendo', `campaign:${ID}`],
      marker: `<!-- crescendo:next-cycle:${ID} -->`,
    });
    for (const r of sampleAnswer.recommendations)
      expect(result.issue?.body).toContain(`- [ ] **${r.recommendation}**`);
    expect(result.issue?.body).toContain('- visitors: 18,233 of 50,000');
    expect(result.issue?.body).toContain('moving USD 1,370 from Google Ads to LinkedIn Ads');
    expect(result.files.some((f) => f.path.includes('/amendments/'))).toBe(false);
    expect(body).toContain(
      'For the next cycle, the data supports shifting budget: move USD 1,370 from Google Ads',
    );
  });

  it('opens no second pull request on the same data: nothing new, no model call', async () => {
    const llm = new ScriptedLlm(() => sampleAnswer);
    const files = {
      ...demoFiles,
      [reportPath(ID, '2027-06-28')]: fileOf(result, reportPath(ID, '2027-06-28')),
    };
    const error = await waitingError(measurementStage.run(context(files, llm, '2027-07-05T07:00:00Z')));
    expect(error.message).toBe(
      `no new performance data since the last report (${reportPath(ID, '2027-06-28')})`,
    );
    expect(llm.requests).toHaveLength(0);
  });
});

describe('the model prose check, the wait for data and the loop', () => {
  it('refuses a number in the prose that the report did not compute, naming the field', async () => {
    const invented = { ...sampleAnswer, headline: 'MQLs grew 87.65% on 12,345 visits' };
    const llm = new ScriptedLlm(() => invented);
    const error = await measurementStage
      .run(context(demoFiles, llm, '2026-12-02T07:00:00Z'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrescendoError);
    const said = (error as CrescendoError).problems.map((p) => `${p.where}: ${p.message}`);
    expect(said.some((s) => s.startsWith('headline: "87.65%" is not a number in the measured data'))).toBe(
      true,
    );
    expect(said.some((s) => s.startsWith('headline: "12,345"'))).toBe(true);
    expect(llm.requests).toHaveLength(2);
  });

  it('without data: waiting for data (what to export, from where, to which path), and no model call', async () => {
    const llm = new ScriptedLlm(() => sampleAnswer);
    const files = { [strategyPath(ID)]: demoFiles[strategyPath(ID)]! };
    const ctx = context(files, llm, '2027-05-03T07:00:00Z');
    const error = await waitingError(measurementStage.ready!(ctx));
    expect(error.fix).toContain(`to campaigns/${ID}/data/metrics/`);
    expect(error.fix).toContain('Google Ads');
    await waitingError(measurementStage.run(ctx));
    expect(llm.requests).toHaveLength(0);
  });

  it('mid-campaign, proposes the budget move as a strategy amendment the strategy lock accepts', async () => {
    const day = '2027-05-25';
    const files = {
      ...demoFiles,
      [`campaigns/${ID}/data/metrics.csv`]: until(demo('metrics.sample.csv'), day),
      [`campaigns/${ID}/data/metrics/${PULLED}`]: until(demo('hubspot.sample.csv'), day),
      [`campaigns/${ID}/data/touchpoints/${PULLED}`]: until(demo('touchpoints.sample.csv'), day, 1),
    };
    // A model that reads the facts it was given and writes only their numbers.
    const llm = new ScriptedLlm(() => ({
      headline: 'Paid channels lead on cost per MQL',
      attribution: 'Every model credits the paid channels first.',
      recommendations: ['google-ads', 'linkedin-ads', 'email'].map((c) => ({
        recommendation: `Review ${c}`,
        basedOn: [c],
        expectedImpact: 'Clearer spend decisions',
      })),
    }));
    const result = await measurementStage.run(context(files, llm, '2027-05-26T07:00:00Z'));
    const amendment = result.files.find((f) => f.path === `campaigns/${ID}/amendments/${day}-budget.md`);
    expect(amendment?.content).toBeTruthy();
    const data = readFrontMatter(amendment!.content!, 'amendment').data.amendment as {
      moves: { from: string; to: string; amount: number }[];
      justification: string;
      lines: { channel: string; before: number; after: number }[];
    };
    expect(data.moves[0]).toMatchObject({ from: 'google-ads', to: 'linkedin-ads' });
    const before = data.lines.reduce((s, l) => s + l.before, 0);
    expect(data.lines.reduce((s, l) => s + l.after, 0)).toBe(before);
    const { dataBackedJustifications } = await import('../../../scripts/cli/strategy-lock.js');
    expect(dataBackedJustifications(data.justification)).toHaveLength(1);
    expect(data.justification).toContain(reportPath(ID, day));
    expect(result.issue).toBeUndefined();
    // CI's `crescendo check` accepts both files the report adds.
    const { checkFile } = await import('../../../scripts/cli/check-file.js');
    for (const f of [amendment!, result.files.find((x) => x.path === reportPath(ID, day))!])
      expect(checkFile(f.path, f.content!)).toMatchObject({ ok: true, problems: [] });
    expect(fileOf(result, reportPath(ID, day))).toContain(`\`campaigns/${ID}/amendments/${day}-budget.md\``);
  });
});
