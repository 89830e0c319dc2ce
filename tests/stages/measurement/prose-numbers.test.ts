import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../../actions/engine/artifacts/report.js';
import { checkProse } from '../../../actions/engine/stages/measurement/facts.js';
import {
  figuresOf,
  proseNumbers,
  uncomputedNumbers,
  writtenAs,
} from '../../../actions/engine/stages/measurement/prose-numbers.js';

const figures = figuresOf({
  cost: 29025.96,
  costPerResult: 102.15061,
  attainment: 0.898,
  change: -0.02,
  clicks: 18233,
  credits: { markov: 93.6 },
  nested: [{ spread: 6.3 }],
});
const check = (text: string) =>
  uncomputedNumbers({ headline: text }, figures).map((p) => p.message.split('"')[1]);

describe('numbers in the model prose', () => {
  it('reads each number with its unit, leaving dates, years, small ordinals and identifiers alone', () => {
    const found = proseNumbers(
      'USD 1,234 and $5.50, 13.4%, 2.6x, 18.2k, 1.3M and 449 on 2027-06-28, 26 June, in 2027, email 2, Q3, search-a2',
    );
    expect(found.map((n) => n.text)).toEqual(['USD 1,234', '$5.50', '13.4%', '2.6x', '18.2k', '1.3M', '449']);
    expect(found.find((n) => n.text === '18.2k')).toMatchObject({ value: 18.2, decimals: 1, scale: 1000 });
    expect(found.find((n) => n.text === '13.4%')?.percent).toBe(true);
  });

  it('matches a figure rounded or cut to the decimals written; a round figure to its significant digits', () => {
    expect(writtenAs(101.77, { value: 102, decimals: 0, scale: 1 })).toBe(true);
    expect(writtenAs(101.77, { value: 101.8, decimals: 1, scale: 1 })).toBe(true);
    expect(writtenAs(101.77, { value: 104, decimals: 0, scale: 1 })).toBe(false);
    expect(writtenAs(29026, { value: 29000, decimals: 0, scale: 1 })).toBe(true);
    expect(writtenAs(149, { value: 100, decimals: 0, scale: 1 })).toBe(false);
    expect(writtenAs(18233, { value: 18.2, decimals: 1, scale: 1000 })).toBe(true);
  });

  it('accepts only computed figures: a ratio as a percent, money, a change in either direction', () => {
    expect(
      check('USD 29,026 spent, USD 102 per MQL, 90% of target, down 2%, 18,233 clicks, 94 under Markov, 6.3'),
    ).toEqual([]);
    expect(check('USD 29,500 spent')).toEqual(['USD 29,500']);
    expect(check('an attainment of 91%')).toEqual(['91%']);
    expect(check('up 37% on 12,345 clicks')).toEqual(['37%', '12,345']);
  });

  it('checks every prose field of an analysis and names the field', () => {
    const analysis: Analysis = {
      headline: '449 MQLs',
      attribution: 'Markov credits 93.6',
      recommendations: [
        {
          recommendation: 'Cut 40% of the spend',
          basedOn: ['google-ads'],
          expectedImpact: 'USD 102 per MQL',
        },
        { recommendation: 'Keep email', basedOn: ['email'], expectedImpact: 'steady' },
        { recommendation: 'Keep blog', basedOn: ['blog'], expectedImpact: 'steady' },
      ],
    };
    const problems = checkProse(analysis, { mqls: 449, credits: { markov: 93.6 }, costPerResult: 102.15 });
    expect(problems).toEqual([
      {
        where: 'recommendations[0].recommendation',
        message:
          '"40%" is not a number in the measured data: use only the figures given (rounded as you like), or say it in words',
      },
    ]);
  });
});
