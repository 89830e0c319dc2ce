import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { briefWarnings } from '../../actions/engine/artifacts/brief-warnings.js';
import { parseBriefText } from '../../actions/engine/brief-lines/brief-text.js';
import { formatPath } from '../../actions/engine/files/yaml.js';
import { sampleFileName } from '../../actions/engine/llm/sample-llm.js';
import { startCampaign } from '../../actions/engine/runner/run-stage.js';
import { ScriptedLlm } from '../fakes/scripted-llm.js';
import { exampleBriefData, freshRepo, samplesDir } from '../helpers.js';

// The example brief as structured data (its lines already read), so single fields can be changed.
const example = exampleBriefData();

function problems(input: unknown): string[] {
  const result = parseBriefText(input);
  return result.ok ? [] : result.problems.map((p) => `${formatPath(p.path)}: ${p.message}`);
}

describe('a wrong brief is refused before any money is spent', () => {
  it('an unknown key is an error with a "did you mean", at any depth', () => {
    const { spendCapUsd: _, ...rest } = example;
    expect(problems({ ...rest, spendCapUSD: 0.5 })).toEqual([
      'spendCapUSD: is not a brief field; did you mean spendCapUsd?',
    ]);
    expect(
      problems({
        ...example,
        audiance: 'Marketing managers at B2B software companies',
        budget: { ...example.budget, ammount: 3 },
        objectives: [{ ...example.objectives[0], dedline: '2027-06-30' }],
        colour: 'blue',
      }),
    ).toEqual(
      expect.arrayContaining([
        'audiance: is not a brief field; did you mean audience?',
        'budget.ammount: is not a brief field; did you mean amount?',
        'objectives[0].dedline: is not a brief field; did you mean deadline?',
        expect.stringMatching(/^colour: is not a brief field; the fields are id, name, /),
      ]),
    );
  });

  it('a spendCapUSD typo never runs a stage with the default cap', async () => {
    const { forge } = await freshRepo();
    const llm = new ScriptedLlm(() => ({}));
    await expect(startCampaign({ forge, llm }, { ...example, spendCapUSD: 0.01 })).rejects.toThrow(
      /not valid/,
    );
    expect(llm.requests).toHaveLength(0);
  });

  it('every free-text field has a size limit, and so has the whole brief', () => {
    const long = (n: number) => 'a'.repeat(n);
    const out = problems({
      ...example,
      name: long(201),
      product: long(201),
      audience: long(2001),
      tone: long(501),
      industries: [long(101)],
      competitors: [long(101)],
      region: long(101),
      mqlDefinition: 'A lead with a score of 50 or more who visited pricing. '.repeat(20),
      objectives: [{ ...example.objectives[0], description: long(501), businessGoal: long(501) }],
    });
    for (const field of [
      'name',
      'product',
      'audience',
      'tone',
      'industries[0]',
      'competitors[0]',
      'region',
      'mqlDefinition',
      'objectives[0].description',
      'objectives[0].businessGoal',
    ]) {
      expect(out).toContainEqual(
        expect.stringMatching(new RegExp(`^${field.replace(/[[\]]/g, '\\$&')}: .*at most`)),
      );
    }
    expect(problems({ ...example, competitors: Array.from({ length: 51 }, (_, i) => `Rival ${i}`) })).toEqual(
      [expect.stringMatching(/^competitors: .*at most 50/)],
    );
    // A 5 MB brief is refused whole, before anything reads its fields.
    expect(problems({ ...example, notes: long(5_000_000) })).toEqual([
      expect.stringMatching(/^\(root\): the brief is 5,0\d\d,\d\d\d characters; at most 50,000/),
    ]);
  });

  it('budgets, targets and the spend cap have upper bounds', () => {
    const out = problems({
      ...example,
      budget: { amount: 1e15, currency: 'USD' },
      objectives: [{ ...example.objectives[0], target: 1e13 }],
      spendCapUsd: 1e6,
    });
    expect(out).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^budget\.amount: .*at most/),
        expect.stringMatching(/^objectives\[0\]\.target: .*at most/),
        expect.stringMatching(/^spendCapUsd: .*at most/),
      ]),
    );
  });

  it('currencies are ISO 4217 codes, not any three capitals', () => {
    expect(problems({ ...example, budget: { amount: 100, currency: 'ABC' } })).toEqual([
      expect.stringMatching(/^budget\.currency: ABC is not an ISO 4217 currency/),
    ]);
    expect(problems({ ...example, budget: { amount: 100, currency: 'CHF' } })).toEqual([]);
  });

  it('a time frame in the past is a warning, not an error', () => {
    const past = { ...example, timeframe: { start: '2020-01-01', end: '2020-03-31' } };
    past.objectives = example.objectives.map((o) => ({ ...o, deadline: '2020-03-31' }));
    const result = parseBriefText(past);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(
      briefWarnings(result.brief, '2026-12-02').map((w) => `${formatPath(w.path)}: ${w.message}`),
    ).toEqual([
      'timeframe.end: the campaign ended on 2020-03-31, before today (2026-12-02): plans, dates and send times will all be in the past',
    ]);
    expect(briefWarnings(result.brief, '2020-02-01').map((w) => formatPath(w.path))).toEqual([
      'timeframe.start',
    ]);
    expect(briefWarnings(result.brief, '2019-12-01')).toEqual([]);
  });

  it('the warning reaches the campaign issue and the caller, and the stage still runs', async () => {
    const { forge } = await freshRepo();
    const research = JSON.parse(readFileSync(join(samplesDir, sampleFileName('research')), 'utf8'));
    const llm = new ScriptedLlm(() => research);
    const started = { ...example, timeframe: { start: '2026-10-01', end: '2027-06-30' } };
    const run = await startCampaign({ forge, llm, now: () => new Date('2026-12-02T09:00:00Z') }, started, {
      issue: 7,
    });
    expect(run.warnings).toEqual([
      'timeframe.start: the campaign started on 2026-10-01, before today (2026-12-02): dates before today cannot be published',
    ]);
    const records = JSON.parse(readFileSync(join(forge.dir, '.git', 'crescendo', 'records.json'), 'utf8'));
    expect(records.comments).toContainEqual(
      expect.objectContaining({ issue: 7, body: expect.stringContaining('started on 2026-10-01') }),
    );
    expect(run.pullRequest.state).toBe('open');
  });
});
