import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { aggregateMetricFiles, MetricAggregator } from '../../actions/engine/importers/aggregate.js';
import { type MetricRow, metricRow } from '../../actions/engine/importers/metric-row.js';
import { HEAD_BYTES, readBatches } from '../../actions/engine/importers/read.js';
import { fixturePath, importError, said } from './helpers.js';

const header = 'date,channel,utm_content,impressions,clicks,cost,conversions,revenue\n';
const bytes = (text: string) => Buffer.from(text, 'utf8');
const sample = fileURLToPath(new URL('../../scripts/demo/metrics.sample.csv', import.meta.url));

describe('aggregating rows by (date, channel, utm_content)', () => {
  it('gives the demo sample the totals of its 725 rows, summed by hand', async () => {
    const aggregator = await aggregateMetricFiles([{ source: sample, file: 'metrics.sample.csv' }]);
    const total = { impressions: 0, clicks: 0, cost: 0, conversions: 0, revenue: 0 };
    for (const row of aggregator.rows()) {
      for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += row.measures[k] ?? 0;
    }
    // Column sums of scripts/demo/metrics.sample.csv (every row has a distinct date, channel and utm_content).
    expect(total.impressions).toBe(818_240);
    expect(total.clicks).toBe(18_233);
    expect(total.cost).toBeCloseTo(29_025.96, 6);
    expect(total.conversions).toBe(449);
    expect(total.revenue).toBe(75_600);
    expect(aggregator.size).toBe(725);
  });

  it('counts a repeated row once and flags it, naming both rows', async () => {
    const csv = `${header}2027-04-13,blog,a,10,1,0,0,0\n2027-04-13,blog,a,10,1,0,0,0\n`;
    const aggregator = await aggregateMetricFiles([{ source: bytes(csv), file: 'm.csv' }]);
    expect(aggregator.rows()[0]?.measures.impressions).toBe(10);
    expect(aggregator.stats.duplicates).toBe(1);
    expect(aggregator.log.warnings()[0]).toContain('m.csv:3: rows repeat earlier rows');
    expect(aggregator.log.warnings()[0]).toContain('first: m.csv:2');
  });

  it('counts rows repeated across two overlapping exports once', async () => {
    const a = `${header}2027-04-13,blog,a,10,1,0,0,0\n2027-04-14,blog,a,20,2,0,0,0\n`;
    const b = `${header}2027-04-14,blog,a,20,2,0,0,0\n2027-04-15,blog,a,30,3,0,0,0\n`;
    const aggregator = await aggregateMetricFiles([
      { source: bytes(a), file: 'metrics-1.csv' },
      { source: bytes(b), file: 'metrics-2.csv' },
    ]);
    expect(aggregator.rows().map((r) => r.measures.impressions)).toEqual([10, 20, 30]);
    expect(aggregator.log.warnings()[0]).toContain('metrics-2.csv:2: rows repeat earlier rows');
  });

  it('refuses two different versions of the same day, naming both', async () => {
    const a = `${header}2027-04-14,blog,a,20,2,0,0,0\n`;
    const b = `${header}2027-04-14,blog,a,25,2,0,0,0\n`;
    const error = await importError(
      aggregateMetricFiles([
        { source: bytes(a), file: 'metrics-1.csv' },
        { source: bytes(b), file: 'metrics-2.csv' },
      ]),
    );
    expect(error.code).toBe('bad-rows');
    expect(said(error)).toContain(
      'metrics-2.csv:2: has the same date, channel, source/medium, campaign, utm_content and record as metrics-1.csv:2 but different numbers',
    );
  });

  it('sums rows that differ by source, medium, campaign or record into their key', async () => {
    const { rows } = await collect(fixturePath('ga4-traffic-acquisition.csv'), 'ga4.csv');
    const aggregator = new MetricAggregator();
    aggregator.addAll(rows);
    aggregator.add({ ...rows[0], medium: 'cpc-other', sessions: 5 } as MetricRow);
    const first = aggregator
      .rows()
      .find((r) => r.utm_content === 'marketing-automation-platform-search-a' && r.date === '2027-04-13');
    expect(first?.measures.sessions).toBe(24);
  });

  it('takes each measure from the source that wins it for the channel, not their sum', () => {
    const aggregator = new MetricAggregator();
    const dims = {
      date: '2027-04-13',
      channel: 'google-ads' as const,
      source: 'google',
      medium: 'cpc',
      campaign: 'c',
      utm_content: 'a',
      record: '',
    };
    aggregator.add(
      metricRow(
        dims,
        { impressions: 400, clicks: 20, cost: 125.32, conversions: 2 },
        { importer: 'google-ads', file: 'ads.csv', row: 2 },
      ),
    );
    aggregator.add(
      metricRow(
        dims,
        { sessions: 19, conversions: 1, revenue: 0 },
        { importer: 'ga4', file: 'ga4.csv', row: 2 },
      ),
    );
    aggregator.add(
      metricRow(dims, { leads: 3, mqls: 1, revenue: 1200 }, { importer: 'hubspot', file: 'crm.csv', row: 2 }),
    );
    aggregator.add(
      metricRow(
        { ...dims, date: '2027-04-14' },
        { conversions: 4 },
        { importer: 'google-ads', file: 'ads.csv', row: 3 },
      ),
    );
    const [day1, day2] = aggregator.rows();
    expect(day1?.measures).toEqual({
      impressions: 400,
      clicks: 20,
      cost: 125.32,
      sessions: 19,
      conversions: 1,
      leads: 3,
      mqls: 1,
      revenue: 1200,
    });
    expect(day1?.sources).toMatchObject({
      cost: 'google-ads',
      conversions: 'ga4',
      revenue: 'hubspot',
      leads: 'hubspot',
    });
    // GA4 measures conversions for this channel, so a day GA4 has no row for is not filled from Google Ads.
    expect(day2?.measures).toEqual({});
  });

  it('holds one entry per key, not per row, and does work in proportion to the rows (linear, bounded memory)', async () => {
    const file = (rows: number) => {
      let text =
        'date,channel,source,medium,campaign,utm_content,impressions,clicks,cost,conversions,revenue\n';
      for (let i = 0; i < rows; i++) {
        const day = String(1 + (i % 10)).padStart(2, '0');
        text += `2027-04-${day},google-ads,google,cpc,q2-${Math.floor(i / 200)},asset-${Math.floor(i / 10) % 20}-a,100,5,1.50,1,0\n`;
      }
      return bytes(text);
    };
    const measure = async (rows: number) => {
      const aggregator = new MetricAggregator();
      let held = 0;
      for await (const batch of readBatches(file(rows), 'm.csv', { log: aggregator.log, chunkBytes: 4096 })) {
        held = Math.max(held, batch.rows.length);
        for (const r of batch.rows) aggregator.add(r);
      }
      return { ...aggregator.stats, held };
    };
    const small = await measure(4_000);
    const large = await measure(16_000);
    // 10 days × 20 assets: the keys held do not grow with the rows.
    expect(small.keys).toBe(200);
    expect(large.keys).toBe(200);
    // Rows held at once are one chunk's worth (the 64 KiB looked at for the header, then 4 KiB
    // chunks; rows here are at least 60 bytes), whatever the file's length.
    const bound = Math.ceil((HEAD_BYTES + 4096) / 60);
    expect(small.held).toBeLessThanOrEqual(bound);
    expect(large.held).toBe(small.held);
    // Work: one identity lookup per row, a bounded number of identities looked at (a short list,
    // then a hash table) however many are held: 4 × the rows is 4 × the work.
    expect(large.rows).toBe(4 * small.rows);
    expect(large.probes / large.rows).toBeLessThanOrEqual(17);
    expect(large.probes).toBeLessThanOrEqual(4.5 * small.probes);
    // Identities (for duplicate detection) are the rows' distinct identities, 36 bytes each in typed storage.
    expect(large.identities).toBe(16_000);
  });

  it('stays at a couple of probes a row when one key has thousands of identities (one per CRM contact)', () => {
    const aggregator = new MetricAggregator();
    const dims = {
      date: '2027-04-13',
      channel: 'email' as const,
      source: 'email',
      medium: 'email',
      campaign: 'c',
      utm_content: 'a',
    };
    for (let i = 0; i < 20_000; i++) {
      aggregator.add(
        metricRow(
          { ...dims, record: `contact:${i}` },
          { leads: 1 },
          { importer: 'hubspot', file: 'crm.csv', row: i + 2 },
        ),
      );
    }
    const { keys, identities, probes, rows } = aggregator.stats;
    expect([keys, identities]).toEqual([1, 20_000]);
    expect(probes / rows).toBeLessThan(3);
    expect(aggregator.rows()[0]?.measures.leads).toBe(20_000);
  });
});

async function collect(path: string, file: string) {
  const rows: MetricRow[] = [];
  for await (const batch of readBatches(path, file)) rows.push(...batch.rows);
  return { rows };
}
