import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../actions/engine/channels/index.js';
import type { CsvLayout } from '../../../actions/engine/importers/layout.js';
import { MetricRow } from '../../../actions/engine/importers/metric-row.js';
import { metricsCsvLayout } from '../../../actions/engine/importers/metrics-csv/layout.js';
import { metricRowsToCsv, touchpointsToCsv } from '../../../actions/engine/importers/write.js';
import { importError, readAll, readFixture, said } from '../helpers.js';

describe('Crescendo metrics CSV', () => {
  it('reads the 8 columns of the demo sample, keeping its lead-magnet channel', async () => {
    const { rows } = await readAll('scripts/demo/metrics.sample.csv', 'metrics.sample.csv');
    expect(rows).toHaveLength(725);
    expect(rows[0]).toMatchObject({
      date: '2027-04-13',
      channel: 'blog',
      utm_content: 'marketing-automation-software-buyers-guide-a',
      impressions: 1973,
      clicks: 49,
      cost: 0,
      conversions: 1,
      revenue: 0,
      importer: 'metrics-csv',
      source: '',
      medium: '',
    });
    expect(new Set(rows.map((r) => r.channel))).toContain('lead-magnet');
  });

  it('reads the optional funnel, email and source columns; an empty cell is not measured, never 0', async () => {
    const { rows, log } = await readFixture('metrics-extended.csv');
    expect(rows[0]).toMatchObject({
      source: 'google',
      medium: 'cpc',
      campaign: 'q2-2027-launch',
      sessions: 19,
      leads: 2,
      mqls: 1,
      sqls: 0,
    });
    expect(rows[0]?.pipeline).toBeUndefined();
    expect(rows[1]).toMatchObject({ channel: 'email', emailsSent: 1250, opens: 498, unsubscribes: 4 });
    expect(rows[1]?.impressions).toBeUndefined();
    expect(rows[3]).toMatchObject({ pipeline: 24000, revenue: 1200, opportunities: 1 });
    // An organic row's spend is not tracked: its blank cost is not measured (a paid row's is refused).
    expect(rows[3]?.cost).toBeUndefined();
    expect(log.warnings()).toEqual([]);
  });

  it('refuses a channel it does not know, listing the channels it does', async () => {
    const csv =
      'date,channel,utm_content,impressions,clicks,cost,conversions,revenue\n2027-04-13,fax,a,1,0,0,0,0\n';
    const error = await importError(readAll(Buffer.from(csv), 'metrics.csv'));
    expect(said(error)).toContain(
      'metrics.csv:2 column "channel": "fax" is not a channel Crescendo knows — use one of blog, linkedin, x,',
    );
    // The list comes from the channel registry, so a channel added there is accepted here too.
    for (const channel of CHANNELS) expect(said(error)).toContain(` ${channel},`);
  });

  it('writes rows that read back as the same rows: a saved pull keeps its importer and every number', async () => {
    const { rows } = await readFixture('metrics-extended.csv');
    const pulled = rows.map((r) => ({ ...r, importer: 'ga4' as const, record: 'a,"quoted" id' }));
    const again = await readAll(Buffer.from(metricRowsToCsv(pulled)), 'metrics-ga4.csv');
    expect(again.rows.map(({ file, row, ...r }) => r)).toEqual(pulled.map(({ file, row, ...r }) => r));
    for (const r of again.rows) MetricRow.parse(r);
  });

  it('gives the same rows through its one-pass fast path as through the general reader', async () => {
    const general: CsvLayout = {
      ...metricsCsvLayout,
      recognise: (header, options) => {
        const bound = metricsCsvLayout.recognise(header, options);
        return bound && 'read' in bound ? { read: bound.read } : bound;
      },
    };
    const edgy = Buffer.from(
      'date,channel,source,medium,campaign,utm_content,impressions,clicks,cost,conversions,revenue,importer\r\n' +
        '2027-04-13,google-ads,google,cpc,c,a,10,1,0.5,1,0,ga4\r\n' +
        '2027-04-13,blog,google,organic,,b,"1,000",2,0,0,0,\r\n' +
        '2027-04-14,email,email,email,c,,,3,,,,\r\n' +
        '2027-04-14,x,x,social,c,d,5,9,0,0,0,,extra\n' +
        '2027-04-15,linkedin,linkedin,social,c,e,7,,,,,\n' +
        '\n' +
        '2027-04-16,Email,email,email, c,f,1,0,0,0,0,',
    );
    for (const [source, file] of [
      ['scripts/demo/metrics.sample.csv', 'sample.csv'],
      ['tests/fixtures/importers/metrics-extended.csv', 'extended.csv'],
      [edgy, 'edgy.csv'],
    ] as const) {
      for (const chunkBytes of [7, 64, 1 << 20]) {
        const fast = await readAll(source, file, { chunkBytes });
        const slow = await readAll(source, file, { chunkBytes, layouts: [general] });
        expect(fast.rows, `${file} in chunks of ${chunkBytes}`).toEqual(slow.rows);
        expect(fast.log.warnings()).toEqual(slow.log.warnings());
      }
    }
  });

  it('writes touchpoints in the attribution CSV shape', () => {
    expect(
      touchpointsToCsv([
        {
          user_id: 'hubspot:1',
          timestamp: '2027-04-13T09:10:00.000Z',
          event: 'touch',
          channel: 'email',
          value: 0,
        },
      ]),
    ).toBe('user_id,timestamp,event,channel,value\nhubspot:1,2027-04-13T09:10:00.000Z,touch,email,0\n');
  });
});
