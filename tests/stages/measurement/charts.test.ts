import { describe, expect, it } from 'vitest';
import type { AttributionSummary } from '../../../actions/engine/stages/measurement/attribution.js';
import { attributionChart, trendChart } from '../../../actions/engine/stages/measurement/charts.js';
import { loadMermaid } from '../../planning/mermaid.js';

// mermaid (with jsdom for its DOM needs) is a devDependency: a missing one must fail, not skip.
const mermaid = await loadMermaid();
if (!mermaid) throw new Error('mermaid and jsdom devDependencies are missing: run npm ci');

/** The diagram source inside a fenced ```mermaid block. */
const source = (block: string) => block.replace(/^```mermaid\n/, '').replace(/\n```$/, '');

const summary: AttributionSummary = {
  models: ['first', 'last', 'markov'],
  unavailable: {},
  totalConversions: 100,
  totalValue: 0,
  journeys: 300,
  unattributed: { conversions: 0, value: 0 },
  channels: [
    {
      channel: 'linkedin-ads',
      credits: { first: 40, last: 55, markov: 47.5 },
      low: 40,
      high: 55,
      spread: 15,
    },
    {
      channel: 'paid-search-other',
      credits: { first: 60, last: 45, markov: 52.5 },
      low: 45,
      high: 60,
      spread: 15,
    },
  ],
  notes: [],
  files: [],
};

describe('report charts, as mermaid parses them', () => {
  it('parses the weekly trend and the attribution ranges, hostile labels included', async () => {
    const weeks = [
      { from: '2027-04-13', to: '2027-04-19' },
      { from: '2027-04-20', to: '2027-04-26' },
    ];
    await expect(
      mermaid.parse(source(trendChart('Spend; per "week" #1', 'USD', weeks, [2593, 2613.1], [10, 12]))),
    ).resolves.toBeTruthy();
    const bars = attributionChart(summary, 'MQLs');
    expect(bars).toContain('x-axis ["LinkedIn Ads", "Paid search other"]');
    await expect(mermaid.parse(source(bars))).resolves.toBeTruthy();
  });
});
