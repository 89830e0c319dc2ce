import { describe, expect, it } from 'vitest';
import { readObjectiveLine, readObjectiveLines } from '../../actions/engine/brief-lines/objectives.js';

const context = { currency: 'USD', timeframe: { start: '2025-04-01', end: '2025-06-30' } };

function one(text: string) {
  const read = readObjectiveLine(text, context);
  if (!read.ok) throw new Error(`expected an objective from ${text}: ${read.message}`);
  expect(read.value).toHaveLength(1);
  return read.value[0];
}

function question(text: string): string {
  const read = readObjectiveLine(text, context);
  if (read.ok) throw new Error(`expected a question about ${text}, got ${JSON.stringify(read.value)}`);
  expect(read.question).toBe(true);
  // One precise question that quotes the line.
  expect(read.message.startsWith(`\`${text}\``)).toBe(true);
  expect(read.message.match(/\?/g)).toHaveLength(1);
  return read.message;
}

describe("objective lines in a marketer's words", () => {
  it('finds the number anywhere and maps metric synonyms', () => {
    expect(one('Generate 400 marketing-qualified leads by 2025-06-30')).toEqual({
      metric: 'mqls',
      target: 400,
      unit: 'count',
      deadline: '2025-06-30',
      description: 'Generate 400 marketing-qualified leads by 2025-06-30',
    });
    expect(one('Book 60 sales demos by June 15')).toMatchObject({
      metric: 'demos',
      target: 60,
      deadline: '2025-06-15',
    });
    expect(one('MQLs: 500 by end of Q2')).toMatchObject({
      metric: 'mqls',
      target: 500,
      deadline: '2025-06-30',
    });
    expect(one('Demo requests — 40 by 2025-06-15')).toMatchObject({ metric: 'demos', target: 40 });
    expect(one('Drive 50K website visitors this quarter')).toMatchObject({
      metric: 'visitors',
      target: 50_000,
    });
    expect(one('1.2k trial signups by May 31')).toMatchObject({ metric: 'trials', target: 1200 });
    expect(one('2,400 newsletter subscribers by end of June')).toMatchObject({
      metric: 'email-subscribers',
      target: 2400,
    });
    expect(one('Get 300 sign-ups by 2025-05-31')).toMatchObject({ metric: 'signups', target: 300 });
    expect(one('reach 2M impressions by end of Q2')).toMatchObject({
      metric: 'impressions',
      target: 2_000_000,
    });
  });

  it('keeps the business goal after the dash', () => {
    expect(one('500 MQLs by 2025-06-30 — Pipeline for Q3')).toMatchObject({
      description: '500 MQLs by 2025-06-30',
      businessGoal: 'Pipeline for Q3',
    });
  });

  it('takes the deadline after "by" when a period also appears ("for Q3")', () => {
    expect(one('Generate 500 MQLs for Q3 pipeline by 2025-06-30')).toMatchObject({
      metric: 'mqls',
      deadline: '2025-06-30',
    });
  });

  it("reads revenue in the currency written with it, else the budget's", () => {
    expect(one('$250k revenue by June 30, 2025')).toMatchObject({
      metric: 'revenue',
      target: 250_000,
      unit: 'USD',
    });
    expect(one('€120k in new revenue by end of Q2')).toMatchObject({ target: 120_000, unit: 'EUR' });
    expect(one('Revenue of 80,000 GBP by 2025-06-30')).toMatchObject({ target: 80_000, unit: 'GBP' });
    expect(one('50k in revenue by 2025-06-30')).toMatchObject({ target: 50_000, unit: 'USD' });
    expect(one('Grow revenue 20% from €100k by end of Q2')).toMatchObject({
      target: 120_000,
      unit: 'EUR',
      baseline: 100_000,
      growth: 20,
    });
  });

  it("reads organic and blog metrics as the blog channel's", () => {
    expect(one('Grow organic sessions by 30% from 12,000 by 2025-06-30')).toEqual({
      metric: 'sessions',
      target: 15_600,
      unit: 'count',
      deadline: '2025-06-30',
      description: 'Grow organic sessions by 30% from 12,000 by 2025-06-30',
      channel: 'blog',
      baseline: 12_000,
      growth: 30,
    });
    expect(one('5% blog growth (baseline 20K visitors a month) by end of Q2')).toMatchObject({
      metric: 'visitors',
      channel: 'blog',
      baseline: 20_000,
      growth: 5,
      target: 21_000,
      period: 'month',
    });
    expect(one('Blog traffic +10% vs 8,000 monthly visits by 2025-06-30')).toMatchObject({
      metric: 'visitors',
      channel: 'blog',
      baseline: 8000,
      growth: 10,
      target: 8800,
      period: 'month',
    });
  });

  it('reads a change from a baseline to a target', () => {
    expect(one('Increase MQLs from 300 to 500 by end of quarter')).toMatchObject({
      metric: 'mqls',
      baseline: 300,
      target: 500,
    });
  });

  it('asks for the baseline of a growth goal, quoting the line', () => {
    expect(question('Grow organic sessions by 30% by 2025-06-30')).toMatch(
      /: 30% more organic sessions than what\? Add the figure it grows from, like `Grow organic sessions by 30% from 20,000 organic sessions a month by 2025-06-30`$/,
    );
    expect(question('5% blog growth in a quarter')).toMatch(/5% more blog visitors than what\?/);
  });

  it('reads several objectives on one line with a shared deadline and goal', () => {
    const read = readObjectiveLine(
      '500 MQLs, 50K website visitors and 2,000 trials by end of Q2 — Launch',
      context,
    );
    expect(read).toMatchObject({
      ok: true,
      value: [
        {
          metric: 'mqls',
          target: 500,
          deadline: '2025-06-30',
          description: '500 MQLs by end of Q2',
          businessGoal: 'Launch',
        },
        { metric: 'visitors', target: 50_000, deadline: '2025-06-30', businessGoal: 'Launch' },
        { metric: 'trials', target: 2000, deadline: '2025-06-30', businessGoal: 'Launch' },
      ],
    });
    // A date's comma is not a separator.
    expect(readObjectiveLine('500 MQLs by June 30, 2025', context)).toMatchObject({
      ok: true,
      value: [{ target: 500 }],
    });
  });

  it('asks one precise question when a line is ambiguous or misses a fact', () => {
    expect(question('400 leads or 60 demos by 2025-06-30')).toMatch(
      /which number is the target, `400` or `60`\?/,
    );
    expect(question('Hit 500 in total across leads and MQLs by 2025-06-30')).toMatch(
      /which do you count, `leads` or `MQLs`\?/,
    );
    expect(question('500 MQLs by 06/07/2025')).toMatch(/is `06\/07\/2025` 6 July or June 7\?/);
    expect(question('500 MQLs by June')).toMatch(/the start or the end of June\?/);
    expect(question('300 MQLs')).toMatch(
      /^`300 MQLs` needs a deadline: by when\? Write it like `300 MQLs by 2025-06-30`/,
    );
    expect(question('More demo requests by 2025-06-15')).toMatch(
      /needs a target number: how many demo requests\? Write it like `500 demo requests by 2025-06-15`/,
    );
    expect(question('500 MQLs by 2025-05-31 or by 2025-06-30')).toMatch(/which is the deadline/);
  });

  it('says what to write instead of metrics Crescendo does not plan from', () => {
    expect(readObjectiveLine('$2M pipeline by 2025-06-30', context)).toMatchObject({
      ok: false,
      question: false,
      message: expect.stringContaining('not from pipeline value; write the revenue'),
    });
    expect(readObjectiveLine('500 happy customers by 2025-06-30', context)).toMatchObject({
      ok: false,
      message: expect.stringContaining('`happy customers` is not a metric'),
    });
    expect(readObjectiveLine('100 SQLs by 2025-06-30', context)).toMatchObject({
      ok: false,
      message: expect.stringContaining('write the MQLs that feed them'),
    });
  });

  it('locates problems by line and keeps the values of the other lines', () => {
    const read = readObjectiveLines(
      [
        { line: 1, text: '500 MQLs by end of Q2' },
        { line: 3, text: 'Grow organic sessions by 30% by 2025-06-30' },
      ],
      context,
    );
    expect(read.values).toEqual([{ line: 1, value: expect.objectContaining({ metric: 'mqls' }) }]);
    expect(read.problems).toEqual([
      {
        field: 'objectives',
        line: 3,
        text: 'Grow organic sessions by 30% by 2025-06-30',
        message: expect.stringContaining('than what?'),
        question: true,
      },
    ]);
  });
});
