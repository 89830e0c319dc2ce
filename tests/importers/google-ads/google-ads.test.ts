import { afterEach, describe, expect, it } from 'vitest';
import { gaql, googleAdsApi } from '../../../actions/engine/importers/google-ads/api.js';
import { type AdsDay, adsFailure, startFakeGoogleAds } from '../../fakes/google-ads/reports.js';
import type { Loopback, LoopbackRequest } from '../../fakes/loopback.js';
import {
  fixturePath,
  importError,
  pullAll,
  pullContext,
  readAll,
  readFixture,
  said,
  utf16,
} from '../helpers.js';

describe('Google Ads UI export (UTF-16, tab-separated, title lines, totals rows)', () => {
  it('reads the rows between the two title lines and the totals, with thousands separators and --', async () => {
    const { rows, log } = await readFixture('google-ads-ad-report.csv');
    expect(log.files[0]).toMatchObject({ layout: 'google-ads-ui-csv', encoding: 'utf-16le', rows: 5 });
    expect(
      rows.map((r) => [
        r.date,
        r.utm_content,
        r.record,
        r.impressions,
        r.clicks,
        r.cost,
        r.conversions,
        r.revenue,
        r.row,
      ]),
    ).toEqual([
      ['2027-04-13', 'marketing-automation-platform-search-a', '681234567001', 1204, 20, 125.32, 1, 0, 4],
      ['2027-04-13', 'marketing-automation-platform-search-b', '681234567002', 318, 14, 108.52, 1, 0, 5],
      ['2027-04-14', 'marketing-automation-platform-search-a', '681234567001', 321, 15, 110.89, 1, 0, 6],
      [
        '2027-04-14',
        'marketing-automation-platform-search-b',
        '681234567002',
        389,
        17,
        133.7,
        0.5,
        undefined,
        7,
      ],
      ['2027-04-15', 'marketing-automation-platform-search-a', '681234567001', 2367, 16, 1102.5, 1, 0, 8],
    ]);
    expect(rows.every((r) => r.channel === 'google-ads' && r.source === 'google' && r.medium === 'cpc')).toBe(
      true,
    );
  });

  it('refuses a row whose cost was lost, and an account in another currency, naming row and column', async () => {
    const text = [
      'Ad report',
      'April 13, 2027 - April 14, 2027',
      'Day\tCampaign\tAd ID\tFinal URL\tCurrency code\tImpr.\tClicks\tCost\tConversions\tConv. value',
      '2027-04-13\tLaunch\t1\thttps://x.example/?utm_content=a\tUSD\t100\t5\t--\t0\t0',
      '2027-04-14\tLaunch\t1\thttps://x.example/?utm_content=a\tEUR\t100\t5\t12.00\t0\t0',
    ].join('\r\n');
    const error = await importError(readAll(utf16(text), 'ads.csv', { currency: 'USD' }));
    const text2 = said(error);
    expect(text2).toContain('ads.csv:4 column "Cost": is empty on a row with impressions or clicks');
    expect(text2).toContain('ads.csv:5 column "Currency code": is EUR where earlier rows are USD');
    const other = await importError(
      readAll(utf16(text.replace(/USD/g, 'EUR')), 'ads.csv', { currency: 'USD' }),
    );
    expect(said(other)).toContain('ads.csv:4 column "Currency code": is EUR, the campaign budget is in USD');
  });

  it('takes utm_content from the ledger by ad id when the export has no final URL', async () => {
    const text = [
      'Ad report',
      'April 13, 2027',
      'Day\tCampaign\tAd ID\tImpr.\tClicks\tCost',
      'Apr 13, 2027\tLaunch\t681\t"1,000"\t5\t1.00',
    ].join('\n');
    const { rows } = await readAll(utf16(text), 'ads.csv', { utmContentByRef: { '681': 'search-a' } });
    expect(rows[0]).toMatchObject({ date: '2027-04-13', utm_content: 'search-a', impressions: 1000 });
  });

  it('is the file the fixture path names', () => {
    expect(fixturePath('google-ads-ad-report.csv')).toMatch(/google-ads-ad-report\.csv$/);
  });
});

const url = (content: string) =>
  `https://www.example.com/automate?utm_source=google&utm_medium=cpc&utm_campaign=q2-2027-launch&utm_content=${content}`;
const days: AdsDay[] = [
  {
    date: '2027-04-13',
    campaignId: '11',
    campaignName: 'Launch',
    adId: '701',
    finalUrl: url('search-a'),
    impressions: 400,
    clicks: 20,
    costMicros: 125_320_000,
    conversions: 1,
    conversionsValue: 0,
  },
  {
    date: '2027-04-13',
    campaignId: '11',
    campaignName: 'Launch',
    adId: '702',
    finalUrl: url('search-b'),
    impressions: 318,
    clicks: 0,
    costMicros: 0,
    conversions: 0,
    conversionsValue: 0,
  },
  {
    date: '2027-04-14',
    campaignId: '11',
    campaignName: 'Launch',
    adId: '701',
    finalUrl: url('search-a'),
    impressions: 321,
    clicks: 15,
    costMicros: 110_890_000,
    conversions: 1.5,
    conversionsValue: 240,
  },
  {
    date: '2027-04-15',
    campaignId: '11',
    campaignName: 'Launch',
    adId: '702',
    finalUrl: 'https://www.example.com/automate',
    impressions: 10,
    clicks: 1,
    costMicros: 990_000,
    conversions: 0,
    conversionsValue: 0,
  },
  {
    date: '2027-04-16',
    campaignId: '11',
    campaignName: 'Launch',
    adId: '701',
    finalUrl: url('search-a'),
    impressions: 1,
    clicks: 1,
    costMicros: 1,
    conversions: 0,
    conversionsValue: 0,
  },
];

describe('Google Ads API googleAds:searchStream', () => {
  let fake: Loopback | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });
  const env = (u: string) => ({
    CRESCENDO_GOOGLE_ADS_API_URL: u,
    CRESCENDO_GOOGLE_ADS_ACCESS_TOKEN: 'ya29.ads-token',
  });

  it('reads the streamed batches: cost_micros ÷ 1e6, zero metrics as 0, utm_content from the final URL or the ledger', async () => {
    fake = await startFakeGoogleAds({ token: 'ya29.ads-token', customer: '1234567890', days });
    const ctx = { ...pullContext(env(fake.url)), utmContentByRef: { '702': 'search-b' }, currency: 'USD' };
    const { rows, pages } = await pullAll(
      googleAdsApi.pull({ importer: 'google-ads', customer: '123-456-7890' }, ctx),
    );
    expect(pages).toBe(2);
    expect(
      rows.map((r) => [
        r.date,
        r.utm_content,
        r.record,
        r.impressions,
        r.clicks,
        r.cost,
        r.conversions,
        r.revenue,
      ]),
    ).toEqual([
      ['2027-04-13', 'search-a', '701', 400, 20, 125.32, 1, 0],
      ['2027-04-13', 'search-b', '702', 318, 0, 0, 0, 0],
      ['2027-04-14', 'search-a', '701', 321, 15, 110.89, 1.5, 240],
      ['2027-04-15', 'search-b', '702', 10, 1, 0.99, 0, 0],
    ]);
    const request = fake.requests[0] as LoopbackRequest;
    expect(request.path).toBe('/v26/customers/1234567890/googleAds:searchStream');
    expect(request.headers.authorization).toBe('Bearer ya29.ads-token');
    expect(request.headers['developer-token']).toBeUndefined();
    expect((request.body as { query: string }).query).toBe(gaql('2027-04-13', '2027-04-15'));
  });

  it('sends login-customer-id and a legacy developer token only when configured', async () => {
    fake = await startFakeGoogleAds({
      token: 't0ken',
      customer: '1234567890',
      loginCustomer: '1112223333',
      days,
    });
    const ctx = pullContext({
      CRESCENDO_GOOGLE_ADS_API_URL: fake.url,
      CRESCENDO_GOOGLE_ACCESS_TOKEN: 't0ken',
      CRESCENDO_GOOGLE_ADS_DEVELOPER_TOKEN: 'dev-tok3n',
    });
    await pullAll(
      googleAdsApi.pull(
        { importer: 'google-ads', customer: '1234567890', loginCustomer: '111-222-3333', apiVersion: 'v25' },
        ctx,
      ),
    );
    expect(fake.requests[0]?.headers['login-customer-id']).toBe('1112223333');
    expect(fake.requests[0]?.headers['developer-token']).toBe('dev-tok3n');
    expect(fake.requests[0]?.path).toMatch(/^\/v25\//);
  });

  it('explains the Google Ads reasons: permission through a manager, a Test-level Cloud project, a bad token', async () => {
    fake = await startFakeGoogleAds({
      token: 'ya29.ads-token',
      customer: '1234567890',
      loginCustomer: '1112223333',
      days,
    });
    const denied = await importError(
      pullAll(
        googleAdsApi.pull({ importer: 'google-ads', customer: '1234567890' }, pullContext(env(fake.url))),
      ),
    );
    expect(denied.code).toBe('permission');
    expect(said(denied)).toContain('USER_PERMISSION_DENIED');
    expect(denied.fix).toContain('loginCustomer');

    fake.failNext(
      adsFailure(
        403,
        'PERMISSION_DENIED',
        'authorizationError',
        'CLOUD_PROJECT_NOT_APPROVED_FOR_PRODUCTION',
        'The Google Cloud project is not approved.',
      ),
    );
    const test = await importError(
      pullAll(
        googleAdsApi.pull(
          { importer: 'google-ads', customer: '1234567890', loginCustomer: '1112223333' },
          pullContext(env(fake.url)),
        ),
      ),
    );
    expect(test.fix).toContain('Explorer or Basic access');

    const bad = await importError(
      pullAll(
        googleAdsApi.pull(
          { importer: 'google-ads', customer: '1234567890' },
          pullContext({ ...env(fake.url), CRESCENDO_GOOGLE_ADS_ACCESS_TOKEN: 'ya29.stale' }),
        ),
      ),
    );
    expect(bad.code).toBe('auth');
    expect(said(bad)).not.toContain('ya29.stale');
  });

  it('refuses an account reporting in another currency than the budget', async () => {
    fake = await startFakeGoogleAds({ token: 't0ken', customer: '1234567890', currency: 'EUR', days });
    const ctx = {
      ...pullContext({ CRESCENDO_GOOGLE_ADS_API_URL: fake.url, CRESCENDO_GOOGLE_ADS_ACCESS_TOKEN: 't0ken' }),
      currency: 'USD',
    };
    const error = await importError(
      pullAll(googleAdsApi.pull({ importer: 'google-ads', customer: '1234567890' }, ctx)),
    );
    expect(error.message).toContain('reports costs in EUR, the campaign budget is in USD');
  });

  it('refuses a customer id that is not ten digits, in the config', () => {
    expect(googleAdsApi.config.safeParse({ importer: 'google-ads', customer: '123-456' }).success).toBe(
      false,
    );
  });
});

describe('Google Ads stream failures', () => {
  let fake: Loopback | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('fails on an error element in the middle of the stream, and on a stream cut short', async () => {
    fake = await startFakeGoogleAds({ token: 't0ken', customer: '1234567890', days });
    const env = { CRESCENDO_GOOGLE_ADS_API_URL: fake.url, CRESCENDO_GOOGLE_ADS_ACCESS_TOKEN: 't0ken' };
    fake.failNext({
      status: 200,
      chunks: [
        '[{"results":[],"requestId":"a"},',
        '{"error":{"code":500,"message":"Internal error encountered.","status":"INTERNAL"}}]',
      ],
    });
    const mid = await importError(
      pullAll(googleAdsApi.pull({ importer: 'google-ads', customer: '1234567890' }, pullContext(env))),
    );
    expect(mid.message).toContain('failed while streaming: INTERNAL Internal error encountered.');
    fake.failNext({ status: 200, chunks: ['[{"results":[]', '}, {"results":'] });
    const cut = await importError(
      pullAll(googleAdsApi.pull({ importer: 'google-ads', customer: '1234567890' }, pullContext(env))),
    );
    expect(cut.code).toBe('bad-response');
    expect(cut.message).toContain('ended inside the array');
  });
});
