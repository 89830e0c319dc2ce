import { afterEach, describe, expect, it } from 'vitest';
import { aggregateMetricFiles } from '../../actions/engine/importers/aggregate.js';
import { pullSnapshot, pullSource, snapshotPath } from '../../actions/engine/importers/pull.js';
import { startFakeHubspot } from '../fakes/hubspot/index.js';
import type { Loopback } from '../fakes/loopback.js';
import { importError, pullAll, pullContext, readAll, said } from './helpers.js';

describe('pulling configured sources', () => {
  let fake: Loopback | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('refuses settings an importer cannot use, locating each bad field', async () => {
    const error = await importError(
      pullAll(pullSource({ importer: 'ga4', property: 'GA-123' }, 2, pullContext({}))),
    );
    expect(error.code).toBe('config');
    expect(said(error)).toContain('measurement.sources[2].property: a GA4 property id is digits only');
  });

  it('refuses a source without an API, pointing at its export', async () => {
    const error = await importError(pullAll(pullSource({ importer: 'metrics-csv' }, 0, pullContext({}))));
    expect(error.message).toBe('Crescendo metrics CSV has no API to pull from');
    const unknown = await importError(pullAll(pullSource({ importer: 'tiktok' }, 1, pullContext({}))));
    expect(unknown.fix).toContain('ga4, google-ads, linkedin-ads');
  });

  it('saves a pull as files to commit, which read back to the same totals', async () => {
    fake = await startFakeHubspot({
      token: 'pat',
      contacts: [
        {
          id: '1',
          properties: {
            hs_analytics_source: 'PAID_SEARCH',
            hs_analytics_source_data_1: 'Google',
            hs_analytics_first_timestamp: '2027-04-13T09:00:00.000Z',
            hs_v2_date_entered_lead: '2027-04-13T09:05:00.000Z',
            hs_v2_date_entered_marketingqualifiedlead: '2027-04-14T09:05:00.000Z',
          },
        },
      ],
      deals: [],
      associations: {},
    });
    const ctx = pullContext({ CRESCENDO_HUBSPOT_API_URL: fake.url, CRESCENDO_HUBSPOT_ACCESS_TOKEN: 'pat' });
    const snapshot = await pullSnapshot({ importer: 'hubspot', deals: false }, 0, ctx);
    expect(snapshot.rows).toBe(2);
    expect(snapshot.touchpointsCsv).toBe(
      'user_id,timestamp,event,channel,value\nhubspot:1,2027-04-13T09:00:00.000Z,touch,google-ads,0\nhubspot:1,2027-04-14T09:05:00.000Z,conversion,google-ads,0\n',
    );
    const path = snapshotPath('q2-2027-launch', 'hubspot', ctx.window);
    expect(path).toBe('campaigns/q2-2027-launch/data/metrics/hubspot-2027-04-13-2027-04-15.csv');
    const { rows } = await readAll(Buffer.from(snapshot.metricsCsv), path);
    expect(rows.map((r) => [r.importer, r.date, r.channel, r.leads, r.mqls, r.record])).toEqual([
      ['hubspot', '2027-04-13', 'google-ads', 1, undefined, 'contact:1'],
      ['hubspot', '2027-04-14', 'google-ads', undefined, 1, 'contact:1'],
    ]);
    const aggregator = await aggregateMetricFiles([{ source: Buffer.from(snapshot.metricsCsv), file: path }]);
    expect(aggregator.rows().map((r) => r.sources.mqls ?? r.sources.leads)).toEqual(['hubspot', 'hubspot']);
  });
});
