import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { analyticsUrl, linkedinAdsApi } from '../../../actions/engine/importers/linkedin-ads/api.js';
import { type CreativeDay, startFakeLinkedin } from '../../fakes/linkedin/reports.js';
import type { Loopback } from '../../fakes/loopback.js';
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

describe('LinkedIn Campaign Manager export', () => {
  it('reads below the report title block, M/D/YYYY dates, skips the totals row, utm_content from the Click URL or the ledger', async () => {
    const { rows, log } = await readFixture('linkedin-creative-performance.csv', {
      utmContentByRef: { 'urn:li:sponsoredCreative:7002': 'nurture-playbook-download-b' },
    });
    expect(log.files[0]).toMatchObject({ layout: 'linkedin-campaign-manager-csv', rows: 5 });
    expect(
      rows.map((r) => [
        r.date,
        r.utm_content,
        r.record,
        r.impressions,
        r.clicks,
        r.cost,
        r.conversions,
        r.leads,
        r.row,
      ]),
    ).toEqual([
      [
        '2027-04-13',
        'nurture-playbook-download-a',
        'urn:li:sponsoredCreative:7001',
        2365,
        14,
        101.71,
        1,
        0,
        9,
      ],
      [
        '2027-04-13',
        'nurture-playbook-download-b',
        'urn:li:sponsoredCreative:7002',
        2982,
        16,
        106.14,
        1,
        1,
        10,
      ],
      [
        '2027-04-14',
        'nurture-playbook-download-a',
        'urn:li:sponsoredCreative:7001',
        3024,
        18,
        117.64,
        2,
        0,
        11,
      ],
      [
        '2027-04-14',
        'nurture-playbook-download-b',
        'urn:li:sponsoredCreative:7002',
        2558,
        14,
        100.89,
        1,
        0,
        12,
      ],
      [
        '2027-04-15',
        'nurture-playbook-download-a',
        'urn:li:sponsoredCreative:7001',
        2487,
        15,
        107.88,
        1,
        0,
        13,
      ],
    ]);
    expect(rows.every((r) => r.channel === 'linkedin-ads' && r.campaign === 'Playbook download')).toBe(true);
  });

  it('reads the same export saved as UTF-16, tab-separated', async () => {
    const text = readFileSync(fixturePath('linkedin-creative-performance.csv'), 'utf8').replace(
      /","/g,
      '"\t"',
    );
    const { rows } = await readAll(utf16(text), 'li.csv');
    const original = await readFixture('linkedin-creative-performance.csv');
    expect(rows.map(({ file, ...r }) => r)).toEqual(original.rows.map(({ file, ...r }) => r));
  });

  it('refuses a blank Total Spent on a row with clicks', async () => {
    const csv =
      '"Start Date (in UTC)","Creative ID","Total Spent","Impressions","Clicks"\n"4/13/2027","1","","100","3"\n';
    const error = await importError(readAll(Buffer.from(csv), 'li.csv'));
    expect(said(error)).toContain(
      'li.csv:2 column "Total Spent": is empty on a row with impressions or clicks',
    );
  });
});

const days: CreativeDay[] = [
  {
    date: '2027-04-13',
    creative: 'urn:li:sponsoredCreative:7001',
    impressions: 2365,
    clicks: 14,
    cost: '101.7100000000000335',
    conversions: 1,
  },
  {
    date: '2027-04-13',
    creative: 'urn:li:sponsoredCreative:7002',
    impressions: 2982,
    clicks: 16,
    cost: '106.14',
    conversions: 0,
  },
  {
    date: '2027-04-14',
    creative: 'urn:li:sponsoredCreative:7001',
    impressions: 3024,
    clicks: 18,
    cost: '117.64',
    conversions: 2,
  },
  {
    date: '2027-04-15',
    creative: 'urn:li:sponsoredCreative:7003',
    impressions: 50,
    clicks: 1,
    cost: '3.5',
    conversions: 0,
  },
];

describe('LinkedIn adAnalytics (analytics finder, pivot CREATIVE, daily)', () => {
  let fake: Loopback | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });
  const env = (u: string) => ({
    CRESCENDO_LINKEDIN_API_URL: u,
    CRESCENDO_LINKEDIN_ACCESS_TOKEN: 'AQV-secret',
  });
  const ledger = { 'urn:li:sponsoredCreative:7001': 'playbook-a', '7002': 'playbook-b' };

  it('sends Rest.li 2.0 parameters and the LinkedIn-Version, and reads cost strings and dateRange', async () => {
    fake = await startFakeLinkedin({ token: 'AQV-secret', account: '508123456', versions: ['202609'], days });
    const ctx = { ...pullContext(env(fake.url)), utmContentByRef: ledger };
    const { rows } = await pullAll(
      linkedinAdsApi.pull({ importer: 'linkedin-ads', account: '508123456' }, ctx),
    );
    expect(
      rows.map((r) => [r.date, r.utm_content, r.record, r.impressions, r.clicks, r.cost, r.conversions]),
    ).toEqual([
      ['2027-04-13', 'playbook-a', 'urn:li:sponsoredCreative:7001', 2365, 14, 101.71, 1],
      ['2027-04-13', 'playbook-b', 'urn:li:sponsoredCreative:7002', 2982, 16, 106.14, 0],
      ['2027-04-14', 'playbook-a', 'urn:li:sponsoredCreative:7001', 3024, 18, 117.64, 2],
      ['2027-04-15', '', 'urn:li:sponsoredCreative:7003', 50, 1, 3.5, 0],
    ]);
    expect(ctx.log.warnings()[0]).toContain(
      'creatives not in the distribution ledger (first: urn:li:sponsoredCreative:7003)',
    );
    const request = fake.requests[0];
    expect(request?.headers['linkedin-version']).toBe('202609');
    expect(request?.headers['x-restli-protocol-version']).toBe('2.0.0');
    expect(request?.rawQuery).toContain(
      'dateRange=(start:(year:2027,month:4,day:13),end:(year:2027,month:4,day:15))',
    );
    expect(request?.rawQuery).toContain('accounts=List(urn%3Ali%3AsponsoredAccount%3A508123456)');
  });

  it('splits the window when an answer is full (15,000 elements), so no element is cut off', async () => {
    const many: CreativeDay[] = [];
    for (let d = 0; d < 100; d++) {
      const date = new Date(Date.UTC(2027, 3, 1 + d)).toISOString().slice(0, 10);
      for (let c = 0; c < 160; c++)
        many.push({
          date,
          creative: `urn:li:sponsoredCreative:${c}`,
          impressions: 10,
          clicks: 1,
          cost: '1.5',
          conversions: 0,
        });
    }
    fake = await startFakeLinkedin({ token: 'AQV-secret', account: '1', versions: ['202609'], days: many });
    const window = { from: '2027-04-01', to: '2027-07-09' };
    const { rows } = await pullAll(
      linkedinAdsApi.pull({ importer: 'linkedin-ads', account: '1' }, pullContext(env(fake.url), window)),
    );
    expect(rows).toHaveLength(16_000);
    expect(fake.requests.map((r) => /dateRange=([^&]+)/.exec(r.rawQuery)?.[1])).toEqual([
      '(start:(year:2027,month:4,day:1),end:(year:2027,month:7,day:9))',
      '(start:(year:2027,month:4,day:1),end:(year:2027,month:5,day:20))',
      '(start:(year:2027,month:5,day:21),end:(year:2027,month:7,day:9))',
    ]);
  });

  it('says a retired LinkedIn-Version must be updated (426), and a bad token refreshed', async () => {
    fake = await startFakeLinkedin({ token: 'AQV-secret', account: '1', versions: ['202609'], days });
    const retired = await importError(
      pullAll(
        linkedinAdsApi.pull(
          { importer: 'linkedin-ads', account: '1', version: '202401' },
          pullContext(env(fake.url)),
        ),
      ),
    );
    expect(said(retired)).toContain(
      'answered 426 NONEXISTENT_VERSION: Requested version 202401 is not active',
    );
    expect(retired.fix).toContain('version');
    const expired = await importError(
      pullAll(
        linkedinAdsApi.pull(
          { importer: 'linkedin-ads', account: '1' },
          pullContext({ ...env(fake.url), CRESCENDO_LINKEDIN_ACCESS_TOKEN: 'AQV-old' }),
        ),
      ),
    );
    expect(expired.code).toBe('auth');
    expect(expired.fix).toContain('60 days');
    expect(said(expired)).not.toContain('AQV-old');
  });

  it('builds the analytics URL without encoding Rest.li punctuation', () => {
    expect(analyticsUrl('https://api.linkedin.com', '9', { from: '2027-01-05', to: '2027-02-01' })).toBe(
      'https://api.linkedin.com/rest/adAnalytics?q=analytics&pivot=CREATIVE&timeGranularity=DAILY&dateRange=(start:(year:2027,month:1,day:5),end:(year:2027,month:2,day:1))&accounts=List(urn%3Ali%3AsponsoredAccount%3A9)&fields=dateRange,pivotValues,impressions,clicks,costInLocalCurrency,externalWebsiteConversions',
    );
  });
});
