import { describe, expect, it } from 'vitest';
import { pathTableFromPaths } from '../../../actions/engine/attribution/index.js';
import {
  amendedLines,
  budgetShift,
  justificationLine,
} from '../../../actions/engine/stages/measurement/amendment.js';
import {
  type AttributionSummary,
  crescendoChannel,
  renameChannels,
  summariseAttribution,
} from '../../../actions/engine/stages/measurement/attribution.js';
import { attributionChart, axisTop, trendChart } from '../../../actions/engine/stages/measurement/charts.js';
import type { BudgetLine } from '../../../actions/engine/stages/measurement/plan.js';
import { dataBackedJustifications } from '../../../scripts/cli/strategy-lock.js';

const budget: BudgetLine[] = [
  { channel: 'google-ads', budget: 10000, basis: 'paid', spend: 4000, status: 'on pace' },
  { channel: 'linkedin-ads', budget: 5000, basis: 'paid', spend: 3000, status: 'on pace' },
  { channel: 'blog', budget: 2000, basis: 'organic', status: 'not tracked' },
];
// Google Ads USD 4,000 ÷ 32 = 125 per MQL; LinkedIn Ads 3,000 ÷ 40 = 75.
const results = new Map([
  ['google-ads', 32],
  ['linkedin-ads', 40],
  ['blog', 90],
]);
const attribution = (google: number, linkedin: number): AttributionSummary => ({
  models: ['first', 'last'],
  unavailable: {},
  totalConversions: 72,
  totalValue: 0,
  journeys: 100,
  unattributed: { conversions: 0, value: 0 },
  channels: [
    { channel: 'google-ads', credits: { first: google, last: 32 }, low: 0, high: 0, spread: 0 },
    { channel: 'linkedin-ads', credits: { first: linkedin, last: 40 }, low: 0, high: 0, spread: 0 },
  ],
  notes: [],
  files: [],
});

describe('budget moves the data supports', () => {
  it('moves a share of the dearer line’s unspent budget to the cheaper one, in whole tens, total unchanged', () => {
    const shift = budgetShift(budget, results, undefined);
    if (!('move' in shift)) throw new Error(shift.none);
    // 20 % of (10,000 − 4,000) = 1,200.
    expect(shift.move).toMatchObject({
      amount: 1200,
      from: { channel: 'google-ads', costPerResult: 125 },
      to: { channel: 'linkedin-ads', costPerResult: 75 },
    });
    const lines = amendedLines(budget, shift.move);
    expect(lines).toEqual([
      { channel: 'google-ads', before: 10000, after: 8800 },
      { channel: 'linkedin-ads', before: 5000, after: 6200 },
      { channel: 'blog', before: 2000, after: 2000 },
    ]);
    const line = justificationLine(shift.move, 'MQLs', 'USD', 'campaigns/q2/reports/2027-05-10-report.md');
    expect(line).toBe(
      'Strategy-Change-Justification: cost per MQL was USD 125 on Google Ads (32 MQLs) against USD 75.00 on LinkedIn Ads (40 MQLs); move USD 1,200 (campaigns/q2/reports/2027-05-10-report.md)',
    );
    expect(dataBackedJustifications(line)).toHaveLength(1);
  });

  it('moves nothing on too few results, a small difference, or models that disagree', () => {
    expect(
      budgetShift(
        budget,
        new Map([
          ['google-ads', 32],
          ['linkedin-ads', 20],
        ]),
        undefined,
      ),
    ).toEqual({
      none: 'fewer than two paid channels have 30 results or more to compare',
    });
    expect(
      budgetShift(
        budget,
        new Map([
          ['google-ads', 50],
          ['linkedin-ads', 40],
        ]),
        undefined,
      ),
    ).toHaveProperty('none');
    expect(budgetShift(budget, results, attribution(30, 40))).toHaveProperty('move');
    // Under first touch LinkedIn Ads gets 10 credits: USD 300 each, dearer than Google Ads' 4,000 ÷ 50.
    expect(budgetShift(budget, results, attribution(50, 10))).toEqual({
      none: 'the attribution models disagree on whether LinkedIn Ads or Google Ads costs less per credited result',
    });
  });
});

describe('attribution by every model', () => {
  it('renames GA4 names to channels before the models run, merging paths that become one', () => {
    const { table } = pathTableFromPaths([
      { path: ['google / cpc', 'newsletter / email'], conversions: 2 },
      { path: ['google-ads', 'email'], conversions: 1 },
      { path: ['blog'], conversions: 0, nulls: 3 },
    ]);
    const renamed = renameChannels(table, crescendoChannel);
    expect(renamed.channels).toEqual(['blog', 'email', 'google-ads']);
    expect(renamed.paths).toEqual([
      { channels: [0], conversions: 0, value: 0, nulls: 3 },
      { channels: [2, 1], conversions: 3, value: 0, nulls: 0 },
    ]);
    const summary = summariseAttribution(renamed, ['t.csv']);
    expect(summary.totalConversions).toBe(3);
    const google = summary.channels.find((c) => c.channel === 'google-ads')!;
    expect(google.credits.first).toBe(3);
    expect(google.credits.last).toBe(0);
    expect(google.spread).toBe(3);
    expect(summary.unavailable['time-decay']).toBeDefined();
  });
});

describe('charts', () => {
  it('draws weekly bars and attribution ranges as mermaid xychart-beta, with a round axis top', () => {
    expect(axisTop([131, 20])).toBe(200);
    expect(axisTop([0])).toBe(1);
    const trend = trendChart(
      'MQLs per week',
      'MQLs',
      [
        { from: '2027-04-13', to: '2027-04-19' },
        { from: '2027-04-20', to: '2027-04-26' },
      ],
      [37, 35.25],
    );
    expect(trend).toBe(
      '```mermaid\nxychart-beta\n  title "MQLs per week"\n  x-axis ["Apr 13", "Apr 20"]\n  y-axis "MQLs" 0 --> 50\n  bar [37, 35.3]\n```',
    );
    const bars = attributionChart(attribution(30, 40), 'MQL "credits"');
    expect(bars).toContain('x-axis ["Google Ads", "LinkedIn Ads"]');
    expect(bars).toContain('y-axis "MQL credits" 0 --> 1');
  });
});
