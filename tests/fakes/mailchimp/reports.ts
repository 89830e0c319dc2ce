import { randomUUID } from 'node:crypto';
import { type Loopback, type Reply, startLoopback } from '../loopback.js';

export interface CampaignReport {
  id: string;
  campaign_title: string;
  send_time: string;
  emails_sent: number;
  unsubscribed: number;
  unique_opens: number;
  unique_subscriber_clicks: number;
}

const problem = (status: number, title: string, detail: string): Reply => ({
  status,
  headers: { 'content-type': 'application/problem+json; charset=utf-8' },
  body: {
    type: 'https://mailchimp.com/developer/marketing/docs/errors/',
    title,
    status,
    detail,
    instance: randomUUID(),
  },
});

/**
 * A fake Mailchimp Marketing API, reports part: `GET /3.0/reports` (count ≤ 1000, offset,
 * since_send_time / before_send_time) answering `{reports, total_items, _links}`, and
 * `GET /3.0/reports/{campaign_id}`; HTTP Basic auth with the API key as password; errors as
 * problem+json (`type, title, status, detail, instance`).
 */
export async function startFakeMailchimp(options: {
  key: string;
  reports: CampaignReport[];
}): Promise<Loopback> {
  return startLoopback((request): Reply => {
    const auth = request.headers.authorization ?? '';
    const password = Buffer.from(auth.replace(/^Basic /, ''), 'base64')
      .toString('utf8')
      .split(':')
      .slice(1)
      .join(':');
    if (!auth.startsWith('Basic ') || password !== options.key) {
      return problem(
        401,
        'API Key Invalid',
        "Your API key may be invalid, or you've attempted to access the wrong datacenter.",
      );
    }
    const full = (r: CampaignReport) => ({
      id: r.id,
      campaign_title: r.campaign_title,
      type: 'regular',
      list_id: 'list1',
      emails_sent: r.emails_sent,
      abuse_reports: 0,
      unsubscribed: r.unsubscribed,
      send_time: r.send_time,
      bounces: { hard_bounces: 0, soft_bounces: 0, syntax_errors: 0 },
      opens: {
        opens_total: r.unique_opens * 2,
        unique_opens: r.unique_opens,
        open_rate: r.unique_opens / r.emails_sent,
      },
      clicks: {
        clicks_total: r.unique_subscriber_clicks * 2,
        unique_clicks: r.unique_subscriber_clicks,
        unique_subscriber_clicks: r.unique_subscriber_clicks,
      },
      _links: [],
    });
    const one = /^\/3\.0\/reports\/([^/]+)$/.exec(request.path);
    if (request.method === 'GET' && one) {
      const found = options.reports.find((r) => r.id === one[1]);
      return found
        ? { status: 200, body: full(found) }
        : problem(404, 'Resource Not Found', 'The requested resource could not be found.');
    }
    if (request.method !== 'GET' || request.path !== '/3.0/reports')
      return problem(404, 'Resource Not Found', 'The requested resource could not be found.');
    const count = Number(request.query.get('count') ?? 10);
    if (count > 1000) return problem(400, 'Invalid Resource', 'count must be at most 1000');
    const offset = Number(request.query.get('offset') ?? 0);
    const since = Date.parse(request.query.get('since_send_time') ?? '1970-01-01T00:00:00Z');
    const before = Date.parse(request.query.get('before_send_time') ?? '9999-01-01T00:00:00Z');
    const matching = options.reports.filter(
      (r) => Date.parse(r.send_time) >= since && Date.parse(r.send_time) < before,
    );
    return {
      status: 200,
      body: {
        reports: matching.slice(offset, offset + count).map(full),
        total_items: matching.length,
        _links: [],
      },
    };
  });
}
