import { afterEach, describe, expect, it } from 'vitest';
import { ga4Api } from '../../../actions/engine/importers/ga4/api.js';
import { type FakeGa4, type Ga4Row, startFakeGa4 } from '../../fakes/ga4/index.js';
import type { Loopback } from '../../fakes/loopback.js';
import { googleError } from '../../fakes/loopback.js';
import { importError, pullAll, pullContext, readFixture, said } from '../helpers.js';

describe('GA4 report download (CSV)', () => {
  it('reads the table below the # preamble, YYYYMMDD dates, source / medium, and stops at the chart section', async () => {
    const { rows, log } = await readFixture('ga4-traffic-acquisition.csv');
    expect(log.files[0]).toMatchObject({ importer: 'ga4', layout: 'ga4-report-csv', rows: 13 });
    expect(rows[0]).toEqual({
      date: '2027-04-13',
      channel: 'google-ads',
      source: 'google',
      medium: 'cpc',
      campaign: 'q2-2027-launch',
      utm_content: 'marketing-automation-platform-search-a',
      record: '',
      impressions: undefined,
      clicks: undefined,
      cost: undefined,
      sessions: 19,
      conversions: 1,
      leads: undefined,
      mqls: undefined,
      sqls: undefined,
      opportunities: undefined,
      pipeline: undefined,
      revenue: 0,
      emailsSent: undefined,
      opens: undefined,
      unsubscribes: undefined,
      importer: 'ga4',
      file: 'ga4-traffic-acquisition.csv',
      row: 10,
    });
    expect(rows.map((r) => r.channel)).toEqual([
      'google-ads',
      'google-ads',
      'linkedin-ads',
      'linkedin',
      'email',
      'blog',
      'direct',
      'google-ads',
      'linkedin-ads',
      'x',
      'referral',
      'google-ads',
      'email',
    ]);
    const organic = rows[5];
    expect([organic?.campaign, organic?.utm_content]).toEqual(['(organic)', '']);
    expect(rows[8]?.revenue).toBe(1200);
  });
});

const rows: Ga4Row[] = [
  {
    date: '20270413',
    sessionCampaignName: 'q2-2027-launch',
    sessionSourceMedium: 'google / cpc',
    sessionManualAdContent: 'search-a',
    sessions: 19,
    keyEvents: 1,
    totalRevenue: 0,
  },
  {
    date: '20270413',
    sessionCampaignName: 'q2-2027-launch',
    sessionSourceMedium: 'linkedin / paid_social',
    sessionManualAdContent: 'playbook-a',
    sessions: 12,
    keyEvents: 1.5,
    totalRevenue: 0,
  },
  {
    date: '20270413',
    sessionCampaignName: '(organic)',
    sessionSourceMedium: 'google / organic',
    sessionManualAdContent: '(not set)',
    sessions: 48,
    keyEvents: 0,
    totalRevenue: 0,
  },
  {
    date: '20270414',
    sessionCampaignName: 'q2-2027-launch',
    sessionSourceMedium: 'email / email',
    sessionManualAdContent: 'nurture-a',
    sessions: 3,
    keyEvents: 1,
    totalRevenue: 99.5,
  },
  {
    date: '20270415',
    sessionCampaignName: 'other-campaign',
    sessionSourceMedium: 'bing / cpc',
    sessionManualAdContent: 'x',
    sessions: 2,
    keyEvents: 0,
    totalRevenue: 0,
  },
  {
    date: '20270420',
    sessionCampaignName: 'q2-2027-launch',
    sessionSourceMedium: 'google / cpc',
    sessionManualAdContent: 'search-a',
    sessions: 7,
    keyEvents: 0,
    totalRevenue: 0,
  },
];

describe('GA4 Data API runReport', () => {
  let fake: Loopback | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  const env = (url: string) => ({
    CRESCENDO_GA4_API_URL: url,
    CRESCENDO_GA4_ACCESS_TOKEN: 'ya29.secret-token',
  });

  it('pages with limit/offset until rowCount rows have come, with the dimensions and metrics asked for', async () => {
    fake = await startFakeGa4({ token: 'ya29.secret-token', property: '123456789', rows });
    const ctx = pullContext(env(fake.url));
    const { rows: got, pages } = await pullAll(
      ga4Api.pull({ importer: 'ga4', property: '123456789', pageSize: 2 }, ctx),
    );
    expect(pages).toBe(3);
    expect(
      got.map((r) => [
        r.date,
        r.channel,
        r.source,
        r.medium,
        r.campaign,
        r.utm_content,
        r.sessions,
        r.conversions,
        r.revenue,
      ]),
    ).toEqual([
      ['2027-04-13', 'google-ads', 'google', 'cpc', 'q2-2027-launch', 'search-a', 19, 1, 0],
      ['2027-04-13', 'linkedin-ads', 'linkedin', 'paid_social', 'q2-2027-launch', 'playbook-a', 12, 1.5, 0],
      ['2027-04-13', 'blog', 'google', 'organic', '(organic)', '', 48, 0, 0],
      ['2027-04-14', 'email', 'email', 'email', 'q2-2027-launch', 'nurture-a', 3, 1, 99.5],
      ['2027-04-15', 'paid-search-other', 'bing', 'cpc', 'other-campaign', 'x', 2, 0, 0],
    ]);
    expect(got[4]).toMatchObject({
      importer: 'ga4',
      file: 'ga4 runReport properties/123456789 2027-04-13..2027-04-15',
      row: 5,
    });
    const [first, second] = fake.requests;
    expect(first?.path).toBe('/v1beta/properties/123456789:runReport');
    expect(first?.headers.authorization).toBe('Bearer ya29.secret-token');
    expect(first?.body).toMatchObject({
      dateRanges: [{ startDate: '2027-04-13', endDate: '2027-04-15' }],
      dimensions: [
        { name: 'date' },
        { name: 'sessionCampaignName' },
        { name: 'sessionSourceMedium' },
        { name: 'sessionManualAdContent' },
      ],
      metrics: [{ name: 'sessions' }, { name: 'keyEvents' }, { name: 'totalRevenue' }],
      limit: 2,
      offset: 0,
      returnPropertyQuota: true,
    });
    expect(second?.body).toMatchObject({ offset: 2 });
  });

  it('filters to the campaign when asked', async () => {
    fake = await startFakeGa4({ token: 't0ken', property: '1', rows });
    const ctx = pullContext({ CRESCENDO_GA4_API_URL: fake.url, CRESCENDO_GOOGLE_ACCESS_TOKEN: 't0ken' });
    const { rows: got } = await pullAll(
      ga4Api.pull({ importer: 'ga4', property: '1', campaign: 'q2-2027-launch' }, ctx),
    );
    expect(got.map((r) => r.campaign)).toEqual(['q2-2027-launch', 'q2-2027-launch', 'q2-2027-launch']);
  });

  it('answers an empty report (no rows, no rowCount) with no rows', async () => {
    fake = await startFakeGa4({ token: 't0ken', property: '1', rows: [] });
    const { rows: got } = await pullAll(
      ga4Api.pull(
        { importer: 'ga4', property: '1' },
        pullContext({ CRESCENDO_GA4_API_URL: fake.url, CRESCENDO_GA4_ACCESS_TOKEN: 't0ken' }),
      ),
    );
    expect(got).toEqual([]);
  });

  it('says what to fix on 401, 403 and an exhausted quota, and never repeats the token', async () => {
    fake = await startFakeGa4({ token: 'ya29.secret-token', property: '123456789', rows });
    const wrong = pullContext({
      CRESCENDO_GA4_API_URL: fake.url,
      CRESCENDO_GA4_ACCESS_TOKEN: 'ya29.expired-token',
    });
    const auth = await importError(pullAll(ga4Api.pull({ importer: 'ga4', property: '123456789' }, wrong)));
    expect(auth.code).toBe('auth');
    expect(said(auth)).toContain('answered 401 UNAUTHENTICATED');
    expect(auth.fix).toContain('CRESCENDO_GA4_ACCESS_TOKEN');
    expect(said(auth)).not.toContain('expired-token');

    const denied = await importError(
      pullAll(ga4Api.pull({ importer: 'ga4', property: '999' }, pullContext(env(fake.url)))),
    );
    expect(denied.code).toBe('permission');
    expect(denied.fix).toContain('Property access management');

    fake.failNext(
      googleError(429, 'RESOURCE_EXHAUSTED', 'Exhausted property tokens per hour.'),
      googleError(429, 'RESOURCE_EXHAUSTED', 'x'),
      googleError(429, 'RESOURCE_EXHAUSTED', 'x'),
    );
    const ctx = pullContext(env(fake.url));
    const quota = await importError(pullAll(ga4Api.pull({ importer: 'ga4', property: '123456789' }, ctx)));
    expect(quota.code).toBe('rate-limit');
    expect(quota.fix).toContain('quota');
    expect(ctx.waits).toEqual([1000, 2000]);
  });

  it('retries a 503 and goes on', async () => {
    fake = await startFakeGa4({ token: 't0ken', property: '1', rows });
    fake.failNext(googleError(503, 'UNAVAILABLE', 'The service is currently unavailable.'));
    const ctx = pullContext({ CRESCENDO_GA4_API_URL: fake.url, CRESCENDO_GA4_ACCESS_TOKEN: 't0ken' });
    const { rows: got } = await pullAll(ga4Api.pull({ importer: 'ga4', property: '1' }, ctx));
    expect(got).toHaveLength(5);
    expect(ctx.waits).toEqual([1000]);
  });

  it('refuses to start without a token, naming the variable', async () => {
    const error = await importError(
      pullAll(ga4Api.pull({ importer: 'ga4', property: '1' }, pullContext({}))),
    );
    expect(error.code).toBe('auth');
    expect(error.fix).toContain('CRESCENDO_GA4_ACCESS_TOKEN');
  });

  it('flags a nearly used-up daily quota', async () => {
    fake = await startFakeGa4({ token: 't0ken', property: '1', rows });
    (fake as FakeGa4).tokensPerDayRemaining = 5_000;
    const ctx = pullContext({ CRESCENDO_GA4_API_URL: fake.url, CRESCENDO_GA4_ACCESS_TOKEN: 't0ken' });
    await pullAll(ga4Api.pull({ importer: 'ga4', property: '1' }, ctx));
    expect(ctx.log.warnings()[0]).toContain('daily GA4 tokens left');
  });
});
