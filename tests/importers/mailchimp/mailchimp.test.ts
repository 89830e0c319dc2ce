import { afterEach, describe, expect, it } from 'vitest';
import { mailchimpApi } from '../../../actions/engine/importers/mailchimp/api.js';
import type { Loopback } from '../../fakes/loopback.js';
import { type CampaignReport, startFakeMailchimp } from '../../fakes/mailchimp/reports.js';
import { importError, pullAll, pullContext, readFixture, said } from '../helpers.js';

describe('Mailchimp campaign reports export', () => {
  it('reads one row per campaign, dated on its send day, utm_content from the ledger by campaign id', async () => {
    const { rows } = await readFixture('mailchimp-campaign-reports.csv', {
      utmContentByRef: { a1b2c3d4e5: 'playbook-nurture-a' },
    });
    expect(
      rows.map((r) => [
        r.date,
        r.channel,
        r.campaign,
        r.utm_content,
        r.record,
        r.emailsSent,
        r.opens,
        r.clicks,
        r.unsubscribes,
      ]),
    ).toEqual([
      ['2027-04-13', 'email', 'Playbook nurture 1 (A)', 'playbook-nurture-a', 'a1b2c3d4e5', 1250, 498, 61, 4],
      ['2027-04-13', 'email', 'Playbook nurture 1 (B)', '', 'f6a7b8c9d0', 1250, 512, 74, 3],
      ['2027-04-20', 'email', 'Playbook nurture 2 (A)', '', '0e1f2a3b4c', 1246, 455, 48, 6],
    ]);
  });
});

const reports: CampaignReport[] = [
  {
    id: 'a1b2',
    campaign_title: 'Nurture 1 (A)',
    send_time: '2027-04-13T16:00:00+00:00',
    emails_sent: 1250,
    unsubscribed: 4,
    unique_opens: 498,
    unique_subscriber_clicks: 61,
  },
  {
    id: 'c3d4',
    campaign_title: 'Nurture 1 (B)',
    send_time: '2027-04-15T23:30:00+00:00',
    emails_sent: 1250,
    unsubscribed: 3,
    unique_opens: 512,
    unique_subscriber_clicks: 74,
  },
  {
    id: 'e5f6',
    campaign_title: 'Nurture 2 (A)',
    send_time: '2027-04-20T16:00:00+00:00',
    emails_sent: 1246,
    unsubscribed: 6,
    unique_opens: 455,
    unique_subscriber_clicks: 48,
  },
];

describe('Mailchimp Reports API', () => {
  let fake: Loopback | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });
  const key = '0123456789abcdef0123456789abcdef-us6';

  it('lists the campaigns sent in the window with Basic auth (the key as password)', async () => {
    fake = await startFakeMailchimp({ key, reports });
    const ctx = {
      ...pullContext({ CRESCENDO_MAILCHIMP_API_URL: `${fake.url}/3.0`, CRESCENDO_MAILCHIMP_API_KEY: key }),
      utmContentByRef: { a1b2: 'nurture-a' },
    };
    const { rows } = await pullAll(mailchimpApi.pull({ importer: 'mailchimp' }, ctx));
    expect(
      rows.map((r) => [r.date, r.utm_content, r.record, r.emailsSent, r.opens, r.clicks, r.unsubscribes]),
    ).toEqual([
      ['2027-04-13', 'nurture-a', 'a1b2', 1250, 498, 61, 4],
      ['2027-04-15', '', 'c3d4', 1250, 512, 74, 3],
    ]);
    const query = fake.requests[0]?.query;
    expect(fake.requests[0]?.path).toBe('/3.0/reports');
    expect(query?.get('since_send_time')).toBe('2027-04-13T00:00:00+00:00');
    expect(query?.get('before_send_time')).toBe('2027-04-16T00:00:00+00:00');
    expect(query?.get('count')).toBe('1000');
  });

  it('reads listed campaigns one by one from /reports/{campaign_id}', async () => {
    fake = await startFakeMailchimp({ key, reports });
    const ctx = pullContext({
      CRESCENDO_MAILCHIMP_API_URL: `${fake.url}/3.0`,
      CRESCENDO_MAILCHIMP_API_KEY: key,
    });
    const { rows } = await pullAll(mailchimpApi.pull({ importer: 'mailchimp', campaigns: ['e5f6'] }, ctx));
    expect(rows.map((r) => r.record)).toEqual(['e5f6']);
    expect(fake.requests[0]?.path).toBe('/3.0/reports/e5f6');
    const missing = await importError(
      pullAll(mailchimpApi.pull({ importer: 'mailchimp', campaigns: ['nope'] }, ctx)),
    );
    expect(missing.code).toBe('not-found');
    expect(said(missing)).toContain('Resource Not Found');
  });

  it('explains a wrong key without quoting it, and refuses a key without its data center', async () => {
    fake = await startFakeMailchimp({ key, reports });
    const wrong = 'ffffffffffffffffffffffffffffffff-us6';
    const error = await importError(
      pullAll(
        mailchimpApi.pull(
          { importer: 'mailchimp' },
          pullContext({ CRESCENDO_MAILCHIMP_API_URL: `${fake.url}/3.0`, CRESCENDO_MAILCHIMP_API_KEY: wrong }),
        ),
      ),
    );
    expect(error.code).toBe('auth');
    expect(said(error)).toContain('API Key Invalid');
    expect(said(error)).not.toContain(wrong);
    expect(said(error)).not.toContain(Buffer.from(`crescendo:${wrong}`).toString('base64'));
    const nodc = await importError(
      pullAll(
        mailchimpApi.pull({ importer: 'mailchimp' }, pullContext({ CRESCENDO_MAILCHIMP_API_KEY: 'abc' })),
      ),
    );
    expect(nodc.message).toContain('no data center');
  });

  it('builds the base URL from the data center of the key', async () => {
    const seen: string[] = [];
    const ctx = {
      ...pullContext({ CRESCENDO_MAILCHIMP_API_KEY: key }),
      fetch: (async (url: string) => {
        seen.push(String(url));
        return new Response(JSON.stringify({ reports: [], total_items: 0 }), { status: 200 });
      }) as typeof fetch,
    };
    await pullAll(mailchimpApi.pull({ importer: 'mailchimp' }, ctx));
    expect(seen[0]).toMatch(/^https:\/\/us6\.api\.mailchimp\.com\/3\.0\/reports\?/);
  });
});
