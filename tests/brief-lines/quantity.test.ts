import { describe, expect, it } from 'vitest';
import { readBudget, readMoney } from '../../actions/engine/brief-lines/money.js';
import { findQuantities } from '../../actions/engine/brief-lines/quantity.js';

const values = (text: string) =>
  findQuantities(text, { words: true }).map((q) => ({
    value: q.value,
    percent: q.percent,
    ...(q.currency ? { currency: q.currency } : {}),
  }));

describe('findQuantities', () => {
  it('finds the number anywhere, with K/M suffixes and thousands commas', () => {
    expect(values('Generate 400 marketing-qualified leads')).toEqual([{ value: 400, percent: false }]);
    expect(values('50K website visitors')).toEqual([{ value: 50_000, percent: false }]);
    expect(values('reach 1.5M impressions')).toEqual([{ value: 1_500_000, percent: false }]);
    expect(values('1,500 sign-ups')).toEqual([{ value: 1500, percent: false }]);
    expect(values('10 million visits')).toEqual([{ value: 10_000_000, percent: false }]);
    expect(values('MQLs: 2.5k')).toEqual([{ value: 2500, percent: false }]);
  });

  it('reads percentages and currencies written with the number', () => {
    expect(values('5% blog growth')).toEqual([{ value: 5, percent: true }]);
    expect(values('grow by 30 percent')).toEqual([{ value: 30, percent: true }]);
    expect(values('$45K')).toEqual([{ value: 45_000, percent: false, currency: 'USD' }]);
    expect(values('45,000 USD')).toEqual([{ value: 45_000, percent: false, currency: 'USD' }]);
    expect(values('€30k')).toEqual([{ value: 30_000, percent: false, currency: 'EUR' }]);
    expect(values('EUR 40000')).toEqual([{ value: 40_000, percent: false, currency: 'EUR' }]);
    expect(values('C$20k')).toEqual([{ value: 20_000, percent: false, currency: 'CAD' }]);
  });

  it('does not take letters that only look like a currency or a suffix', () => {
    expect(values('400 MQL by')).toEqual([{ value: 400, percent: false }]);
    expect(values('5 months')).toEqual([{ value: 5, percent: false }]);
    expect(values('2 mqls')).toEqual([{ value: 2, percent: false }]);
  });

  it('ignores digits glued to letters and refuses decimal commas', () => {
    expect(values('B2B leads in Q3')).toEqual([]);
    expect(values('25,5')).toEqual([]);
  });

  it('reads small numbers written as words when asked', () => {
    expect(values('three email sequences')).toEqual([{ value: 3, percent: false }]);
    expect(values('a dozen tweets')).toEqual([{ value: 12, percent: false }]);
    expect(findQuantities('three email sequences')).toEqual([]);
  });
});

describe('readBudget', () => {
  it('reads budgets as marketers write them', () => {
    expect(readBudget('$45K')).toEqual({ ok: true, value: { amount: 45_000, currency: 'USD' } });
    expect(readBudget('45,000 USD')).toEqual({ ok: true, value: { amount: 45_000, currency: 'USD' } });
    expect(readBudget('€30k')).toEqual({ ok: true, value: { amount: 30_000, currency: 'EUR' } });
    expect(readBudget('Budget: $45K total')).toEqual({
      ok: true,
      value: { amount: 45_000, currency: 'USD' },
    });
    expect(readBudget('45k dollars')).toEqual({ ok: true, value: { amount: 45_000, currency: 'USD' } });
    expect(readBudget('25 000 €')).toEqual({ ok: true, value: { amount: 25_000, currency: 'EUR' } });
    expect(readBudget('£20,000 (media and production)')).toEqual({
      ok: true,
      value: { amount: 20_000, currency: 'GBP' },
    });
  });

  it('uses the default currency, else asks which one, quoting the line', () => {
    expect(readBudget('45000', 'EUR')).toEqual({ ok: true, value: { amount: 45_000, currency: 'EUR' } });
    expect(readBudget('45000')).toEqual({
      ok: false,
      question: true,
      message: expect.stringMatching(/^`45000`: in which currency\? .*`\$45,000`/),
    });
  });

  it('asks which amount a range means', () => {
    expect(readBudget('$40K–$50K')).toMatchObject({
      ok: false,
      question: true,
      message: expect.stringMatching(/^`\$40K–\$50K`: which is the budget, \$40K or \$50K\?/),
    });
  });

  it('refuses text that is not money', () => {
    expect(readBudget('about twenty grand')).toMatchObject({ ok: false, question: false });
    expect(readMoney('5%')).toMatchObject({ ok: false, message: '`5%` is not a number' });
  });
});
