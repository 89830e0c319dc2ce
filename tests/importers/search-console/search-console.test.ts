import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { searchConsoleApi } from '../../../actions/engine/importers/search-console/api.js';
import type { Loopback } from '../../fakes/loopback.js';
import { type PageDay, startFakeSearchConsole } from '../../fakes/search-console/index.js';
import { fixturePath, importError, pullAll, pullContext, readAll, readFixture, said } from '../helpers.js';

describe('Search Console Performance export', () => {
  it('reads Dates.csv as daily organic totals of the blog channel', async () => {
    const { rows } = await readFixture('search-console-dates.csv');
    expect(rows.map((r) => [r.date, r.channel, r.source, r.medium, r.clicks, r.impressions])).toEqual([
      ['2027-04-15', 'blog', 'google', 'organic', 52, 2106],
      ['2027-04-14', 'blog', 'google', 'organic', 50, 2005],
      ['2027-04-13', 'blog', 'google', 'organic', 49, 1973],
    ]);
  });

  it('refuses Pages.csv (no dates) and Queries.csv (keywords), saying which file to use', async () => {
    const pages = await importError(
      readAll(
        Buffer.from('Top pages,Clicks,Impressions,CTR,Position\nhttps://x.example/a,5,100,5%,3.1\n'),
        'Pages.csv',
      ),
    );
    expect(pages.message).toBe('is a Search Console Pages export: totals without dates');
    expect(pages.fix).toContain('Dates.csv');
    const queries = await importError(
      readAll(readFileSync(fixturePath('../keywords/search-console-queries.csv')), 'Queries.csv'),
    );
    expect(said(queries)).toContain('keywords import');
  });
});

const days: PageDay[] = [
  {
    date: '2027-04-13',
    page: 'https://www.example.com/blog/buyers-guide',
    clicks: 49,
    impressions: 1973,
    position: 8.2,
  },
  {
    date: '2027-04-13',
    page: 'https://www.example.com/blog/other/',
    clicks: 3,
    impressions: 200,
    position: 12,
  },
  {
    date: '2027-04-14',
    page: 'https://www.example.com/blog/buyers-guide',
    clicks: 50,
    impressions: 2005,
    position: 8.3,
  },
];

describe('Search Console searchAnalytics.query', () => {
  let fake: Loopback | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('asks by date and page, 25,000 rows at most, and maps pages to assets through the ledger', async () => {
    fake = await startFakeSearchConsole({ token: 'ya29.gsc', site: 'sc-domain:example.com', days });
    const ctx = {
      ...pullContext({
        CRESCENDO_SEARCH_CONSOLE_API_URL: fake.url,
        CRESCENDO_SEARCH_CONSOLE_ACCESS_TOKEN: 'ya29.gsc',
      }),
      utmContentByRef: { 'https://www.example.com/blog/buyers-guide': 'buyers-guide-a' },
    };
    const { rows } = await pullAll(
      searchConsoleApi.pull({ importer: 'search-console', site: 'sc-domain:example.com' }, ctx),
    );
    expect(rows.map((r) => [r.date, r.utm_content, r.record, r.clicks, r.impressions])).toEqual([
      ['2027-04-13', 'buyers-guide-a', 'https://www.example.com/blog/buyers-guide', 49, 1973],
      ['2027-04-13', '', 'https://www.example.com/blog/other/', 3, 200],
      ['2027-04-14', 'buyers-guide-a', 'https://www.example.com/blog/buyers-guide', 50, 2005],
    ]);
    expect(fake.requests[0]?.path).toBe('/webmasters/v3/sites/sc-domain:example.com/searchAnalytics/query');
    expect(fake.requests[0]?.body).toEqual({
      startDate: '2027-04-13',
      endDate: '2027-04-15',
      dimensions: ['date', 'page'],
      type: 'web',
      dataState: 'final',
      rowLimit: 25_000,
      startRow: 0,
    });
  });

  it('pages with startRow while answers are full', async () => {
    const many: PageDay[] = Array.from({ length: 25_001 }, (_, i) => ({
      date: '2027-04-13',
      page: `https://www.example.com/p/${i}`,
      clicks: 1,
      impressions: 2,
      position: 5,
    }));
    fake = await startFakeSearchConsole({ token: 't0ken', site: 'https://www.example.com/', days: many });
    const ctx = pullContext({
      CRESCENDO_SEARCH_CONSOLE_API_URL: fake.url,
      CRESCENDO_GOOGLE_ACCESS_TOKEN: 't0ken',
    });
    const { rows } = await pullAll(
      searchConsoleApi.pull({ importer: 'search-console', site: 'https://www.example.com/' }, ctx),
    );
    expect(rows).toHaveLength(25_001);
    expect(fake.requests.map((r) => (r.body as { startRow: number }).startRow)).toEqual([0, 25_000]);
  });

  it('says to add the account to the property on 403', async () => {
    fake = await startFakeSearchConsole({ token: 't0ken', site: 'sc-domain:example.com', days });
    const ctx = pullContext({
      CRESCENDO_SEARCH_CONSOLE_API_URL: fake.url,
      CRESCENDO_SEARCH_CONSOLE_ACCESS_TOKEN: 't0ken',
    });
    const error = await importError(
      pullAll(searchConsoleApi.pull({ importer: 'search-console', site: 'sc-domain:other.com' }, ctx)),
    );
    expect(error.code).toBe('permission');
    expect(error.fix).toContain('Users and permissions');
  });
});
