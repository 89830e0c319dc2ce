import { describe, expect, it } from 'vitest';
import { Brief } from '../../actions/engine/artifacts/brief.js';
import { CrescendoError } from '../../actions/engine/errors.js';
import { parseBrief } from '../../actions/engine/runner/run-stage.js';
import { exampleBriefData } from '../helpers.js';

const example = exampleBriefData();

function problemsOf(input: unknown): string[] {
  try {
    parseBrief(input, 'brief.yml');
  } catch (error) {
    if (error instanceof CrescendoError) return error.problems.map((p) => `${p.where}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('brief', () => {
  it('accepts the example brief', () => {
    expect(Brief.parse(example).id).toBe('q2-2027-launch');
  });

  it('lists every problem by field', () => {
    const problems = problemsOf({
      ...example,
      budget: { amount: -5, currency: 'USD' },
      timeframe: { start: '2027-06-30', end: '2027-04-01' },
      channels: ['blog', 'carrier-pigeon'],
      objectives: [{ metric: 'mqls', target: 'lots', deadline: '2027-06-01' }],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^budget\.amount: must be greater than 0/),
        expect.stringMatching(/^channels\[1\]: /),
        expect.stringMatching(/^objectives\[0\]\.target: must be a number/),
      ]),
    );
  });

  it('rejects an end before the start, naming the field', () => {
    expect(problemsOf({ ...example, timeframe: { start: '2027-06-30', end: '2027-04-01' } })).toContainEqual(
      expect.stringMatching(/^timeframe\.end: ends 2027-04-01, before it starts 2027-06-30/),
    );
  });

  it('rejects ids that are not slugs', () => {
    expect(problemsOf({ ...example, id: 'Q2 Launch!' })[0]).toMatch(/^id: must be a lowercase slug/);
  });

  it('refuses an impossible asset request with the reason', () => {
    const assets = [{ type: 'social-post', count: 4, maxLength: 400, platform: 'x' }];
    expect(problemsOf({ ...example, assets })).toEqual([
      expect.stringMatching(/^assets\[0\]\.maxLength: the plan asks for 400 characters, but .*280/),
    ]);
  });
});
