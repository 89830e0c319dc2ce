import { afterEach, describe, expect, it } from 'vitest';
import { hubspotApi } from '../../../actions/engine/importers/hubspot/api.js';
import { type CrmRecord, startFakeHubspot } from '../../fakes/hubspot/index.js';
import type { Loopback, LoopbackRequest } from '../../fakes/loopback.js';
import { importError, pullAll, pullContext, readAll, readFixture, said } from '../helpers.js';

describe('HubSpot contacts export', () => {
  it('turns each contact into funnel rows on the days it moved, credited to its first visit', async () => {
    const { rows } = await readFixture('hubspot-contacts.csv');
    expect(
      rows.map((r) => [r.date, r.channel, r.utm_content, r.record, r.leads, r.mqls, r.sqls, r.opportunities]),
    ).toEqual([
      [
        '2027-04-13',
        'linkedin-ads',
        'nurture-playbook-download-a',
        'contact:10101',
        1,
        1,
        undefined,
        undefined,
      ],
      [
        '2027-04-21',
        'linkedin-ads',
        'nurture-playbook-download-a',
        'contact:10101',
        undefined,
        undefined,
        1,
        undefined,
      ],
      [
        '2027-04-28',
        'linkedin-ads',
        'nurture-playbook-download-a',
        'contact:10101',
        undefined,
        undefined,
        undefined,
        1,
      ],
      [
        '2027-04-14',
        'google-ads',
        'marketing-automation-platform-search-a',
        'contact:10102',
        1,
        undefined,
        undefined,
        undefined,
      ],
      [
        '2027-04-15',
        'google-ads',
        'marketing-automation-platform-search-a',
        'contact:10102',
        undefined,
        1,
        undefined,
        undefined,
      ],
      ['2027-04-14', 'email', 'playbook-nurture-b', 'contact:10103', 1, undefined, undefined, undefined],
      ['2027-04-15', 'blog', '', 'contact:10104', 1, undefined, undefined, undefined],
    ]);
  });

  it('gives the attribution engine each journey: first visit, latest visit, MQL', async () => {
    const { touchpoints } = await readFixture('hubspot-contacts.csv');
    expect(touchpoints.filter((t) => t.user_id === 'hubspot:10101')).toEqual([
      {
        user_id: 'hubspot:10101',
        timestamp: '2027-04-13T09:10:00.000Z',
        event: 'touch',
        channel: 'linkedin-ads',
        value: 0,
      },
      {
        user_id: 'hubspot:10101',
        timestamp: '2027-04-20T10:02:00.000Z',
        event: 'touch',
        channel: 'email',
        value: 0,
      },
      {
        user_id: 'hubspot:10101',
        timestamp: '2027-04-13T09:12:00.000Z',
        event: 'conversion',
        channel: 'linkedin-ads',
        value: 0,
      },
    ]);
    expect(touchpoints.filter((t) => t.event === 'conversion').map((t) => t.user_id)).toEqual([
      'hubspot:10101',
      'hubspot:10102',
    ]);
  });

  it('names the contact and column of a date that is not one', async () => {
    const csv = 'Record ID,Original Source,Became a Lead Date\n1,Direct Traffic,soon\n';
    const error = await importError(readAll(Buffer.from(csv), 'contacts.csv'));
    expect(said(error)).toContain(
      'contacts.csv:2 column "Became a Lead Date": "soon" is not a date and time',
    );
  });
});

describe('CRM funnel report by utm_content', () => {
  it('reads a source without drill-down as the vaguer channel it is', async () => {
    const { rows } = await readFixture('hubspot-funnel-by-utm-content.csv');
    expect(rows[1]?.channel).toBe('paid-search-other');
  });

  it('reads leads to revenue per day and asset; the ledger names the channel when the row does not', async () => {
    const ledger = {
      'nurture-playbook-download-a': 'linkedin-ads' as const,
      'playbook-nurture-b': 'email' as const,
      'marketing-automation-platform-search-a': 'google-ads' as const,
    };
    const { rows } = await readFixture('hubspot-funnel-by-utm-content.csv', { channelByUtmContent: ledger });
    expect(
      rows.map((r) => [
        r.date,
        r.channel,
        r.utm_content,
        r.leads,
        r.mqls,
        r.sqls,
        r.opportunities,
        r.pipeline,
        r.revenue,
      ]),
    ).toEqual([
      ['2027-04-13', 'linkedin-ads', 'nurture-playbook-download-a', 3, 2, 0, 0, 0, 0],
      ['2027-04-13', 'google-ads', 'marketing-automation-platform-search-a', 2, 1, 0, 0, 0, 0],
      ['2027-04-14', 'email', 'playbook-nurture-b', 4, 1, 1, 0, 0, 0],
      ['2027-04-21', 'linkedin-ads', 'nurture-playbook-download-a', 1, 1, 1, 1, 24000, 0],
      ['2027-04-28', 'linkedin-ads', 'nurture-playbook-download-a', 0, 0, 0, 0, 0, 24000],
    ]);
  });
});

const contact = (id: string, props: Record<string, string>): CrmRecord => ({ id, properties: props });
const contacts: CrmRecord[] = [
  contact('101', {
    hs_analytics_source: 'PAID_SOCIAL',
    hs_analytics_source_data_1: 'LinkedIn',
    hs_analytics_first_url:
      'https://www.example.com/p?utm_source=linkedin&utm_medium=paid_social&utm_campaign=q2&utm_content=playbook-a',
    hs_analytics_first_timestamp: '2027-04-13T09:10:00.000Z',
    hs_v2_date_entered_lead: '2027-04-13T09:12:00.000Z',
    hs_v2_date_entered_marketingqualifiedlead: '2027-04-14T10:00:00.000Z',
  }),
  contact('102', {
    hs_analytics_source: 'ORGANIC_SEARCH',
    hs_analytics_first_timestamp: '2027-04-14T08:00:00.000Z',
    hs_v2_date_entered_lead: '2027-04-14T08:05:00.000Z',
    hs_lifecyclestage_lead_date: '2027-04-14T08:04:00.000Z',
    utm_content: '',
  }),
  contact('103', {
    hs_analytics_source: 'DIRECT_TRAFFIC',
    hs_v2_date_entered_lead: '2027-03-01T08:05:00.000Z',
  }),
  contact('104', {
    hs_analytics_source: 'EMAIL_MARKETING',
    utm_content: 'nurture-a',
    hs_analytics_first_timestamp: '2027-03-20T08:00:00.000Z',
    hs_v2_date_entered_lead: '2027-03-20T08:05:00.000Z',
  }),
];
const deals: CrmRecord[] = [
  {
    id: '9001',
    properties: {
      amount: '24000',
      createdate: '2027-04-14T12:00:00.000Z',
      closedate: '2027-04-15T12:00:00.000Z',
      hs_is_closed_won: 'true',
    },
  },
  {
    id: '9002',
    properties: {
      amount: '8000',
      createdate: '2027-04-15T12:00:00.000Z',
      closedate: '2027-06-30T00:00:00.000Z',
      hs_is_closed_won: 'false',
    },
  },
];

describe('HubSpot CRM search', () => {
  let fake: Loopback | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });
  const env = (u: string) => ({
    CRESCENDO_HUBSPOT_API_URL: u,
    CRESCENDO_HUBSPOT_ACCESS_TOKEN: 'pat-na1-secret',
  });

  it('counts contacts entering each stage in the window and credits deals to their first contact', async () => {
    fake = await startFakeHubspot({
      token: 'pat-na1-secret',
      contacts,
      deals,
      associations: { '9001': ['101'], '9002': ['104'] },
    });
    const ctx = pullContext(env(fake.url));
    const { rows, touchpoints } = await pullAll(hubspotApi.pull({ importer: 'hubspot' }, ctx));
    expect(
      rows.map((r) => [r.date, r.channel, r.utm_content, r.record, r.leads, r.mqls, r.pipeline, r.revenue]),
    ).toEqual([
      ['2027-04-13', 'linkedin-ads', 'playbook-a', 'contact:101', 1, undefined, undefined, undefined],
      ['2027-04-14', 'linkedin-ads', 'playbook-a', 'contact:101', undefined, 1, undefined, undefined],
      ['2027-04-14', 'blog', '', 'contact:102', 1, undefined, undefined, undefined],
      ['2027-04-14', 'linkedin-ads', 'playbook-a', 'deal:9001', undefined, undefined, 24000, undefined],
      ['2027-04-15', 'linkedin-ads', 'playbook-a', 'deal:9001', undefined, undefined, undefined, 24000],
      ['2027-04-15', 'email', 'nurture-a', 'deal:9002', undefined, undefined, 8000, undefined],
    ]);
    expect(touchpoints.filter((t) => t.user_id === 'hubspot:101').map((t) => [t.event, t.channel])).toEqual([
      ['touch', 'linkedin-ads'],
      ['conversion', 'linkedin-ads'],
    ]);
    const search = fake.requests[0] as LoopbackRequest;
    expect(search.path).toBe('/crm/v3/objects/contacts/search');
    expect((search.body as { filterGroups: unknown[]; limit: number }).limit).toBe(200);
    expect(
      (search.body as { filterGroups: { filters: { propertyName: string }[] }[] }).filterGroups.map(
        (g) => g.filters[0]?.propertyName,
      ),
    ).toEqual([
      'hs_v2_date_entered_lead',
      'hs_v2_date_entered_marketingqualifiedlead',
      'hs_v2_date_entered_salesqualifiedlead',
      'hs_v2_date_entered_opportunity',
    ]);
    const paths = fake.requests.map((r) => r.path);
    expect(paths).toContain('/crm/v4/associations/deals/contacts/batch/read');
    expect(paths).toContain('/crm/v3/objects/contacts/batch/read');
  });

  it('follows paging.next.after through more than one page', async () => {
    const many = Array.from({ length: 450 }, (_, i) =>
      contact(String(1000 + i), {
        hs_analytics_source: 'DIRECT_TRAFFIC',
        hs_v2_date_entered_lead: '2027-04-14T10:00:00.000Z',
      }),
    );
    fake = await startFakeHubspot({ token: 'pat-na1-secret', contacts: many, deals: [], associations: {} });
    const { rows } = await pullAll(
      hubspotApi.pull({ importer: 'hubspot', deals: false }, pullContext(env(fake.url))),
    );
    expect(rows).toHaveLength(450);
    expect(fake.requests.map((r) => (r.body as { after?: string }).after)).toEqual([undefined, '200', '400']);
  });

  it('splits the window when more records match than the search can return', async () => {
    const days = ['2027-04-13', '2027-04-14', '2027-04-15'];
    const many = Array.from({ length: 10_500 }, (_, i) =>
      contact(String(i), {
        hs_analytics_source: 'DIRECT_TRAFFIC',
        hs_v2_date_entered_lead: `${days[i % 3]}T10:00:00.000Z`,
      }),
    );
    fake = await startFakeHubspot({ token: 'pat-na1-secret', contacts: many, deals: [], associations: {} });
    const { rows } = await pullAll(
      hubspotApi.pull({ importer: 'hubspot', deals: false }, pullContext(env(fake.url))),
    );
    expect(rows).toHaveLength(10_500);
  });

  it('says which scopes the private app needs on 403, and what to set on 401', async () => {
    fake = await startFakeHubspot({ token: 'pat-na1-secret', contacts, deals, associations: {} });
    fake.failNext({
      status: 403,
      body: {
        status: 'error',
        message: "This app hasn't been granted all required scopes",
        correlationId: 'x',
        category: 'MISSING_SCOPES',
      },
    });
    const scopes = await importError(
      pullAll(hubspotApi.pull({ importer: 'hubspot' }, pullContext(env(fake.url)))),
    );
    expect(scopes.fix).toContain('crm.objects.contacts.read');
    const bad = await importError(
      pullAll(
        hubspotApi.pull(
          { importer: 'hubspot' },
          pullContext({ ...env(fake.url), CRESCENDO_HUBSPOT_ACCESS_TOKEN: 'pat-na1-wrong' }),
        ),
      ),
    );
    expect(bad.code).toBe('auth');
    expect(said(bad)).toContain('INVALID_AUTHENTICATION');
    expect(said(bad)).not.toContain('pat-na1-wrong');
  });
});
