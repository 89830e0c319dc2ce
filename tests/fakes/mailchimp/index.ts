import { randomBytes, randomUUID } from 'node:crypto';
import {
  basicCredentials,
  type Fault,
  type Loopback,
  type LoopbackRequest,
  type Reply,
  startLoopback,
} from '../loopback.js';

/*
 * The Mailchimp Marketing API 3.0 on loopback: Basic auth with the API key as password, audiences,
 * regular campaigns (create, content, schedule on the quarter hour, send checklist), the campaign list
 * with list_id/count/offset paging, and Mailchimp's RFC 7807 problem bodies. No rate-limit headers, as
 * on the real API.
 */

export interface MailchimpCampaign {
  id: string;
  web_id: number;
  type: string;
  status: 'save' | 'schedule' | 'sending' | 'sent' | 'paused';
  create_time: string;
  send_time: string;
  archive_url: string;
  long_archive_url: string;
  recipients: { list_id: string; segment_opts?: unknown };
  settings: {
    subject_line?: string;
    preview_text?: string;
    title?: string;
    from_name?: string;
    reply_to?: string;
  };
  html?: string;
}

export interface FakeMailchimp extends Pick<Loopback, 'url' | 'requests' | 'close'> {
  /** A key the fake accepts, with a data center ending. */
  readonly apiKey: string;
  readonly campaigns: readonly MailchimpCampaign[];
  failNext(fault: Fault): void;
}

const problem = (
  status: number,
  title: string,
  detail: string,
  errors?: { field: string; message: string }[],
): Reply => ({
  status,
  headers: { 'content-type': 'application/problem+json; charset=utf-8' },
  body: {
    type: 'https://mailchimp.com/developer/marketing/docs/errors/',
    title,
    status,
    detail,
    instance: randomUUID(),
    ...(errors ? { errors } : {}),
  },
});

const QUARTER_MS = 15 * 60 * 1000;

export async function startFakeMailchimp(options: {
  lists: Record<string, string>;
  now: () => Date;
}): Promise<FakeMailchimp> {
  const apiKey = `${randomBytes(16).toString('hex')}-us21`;
  const campaigns: MailchimpCampaign[] = [];
  const notFound = () => problem(404, 'Resource Not Found', 'The requested resource could not be found.');
  const campaignById = (id: string | undefined) => campaigns.find((c) => c.id === id);

  const checklist = (campaign: MailchimpCampaign) => {
    const items: { type: string; id: number; heading: string; details: string }[] = [];
    if (!campaign.html)
      items.push({ type: 'error', id: 1, heading: 'Content', details: 'Your campaign has no content.' });
    else if (!campaign.html.includes('*|UNSUB|*'))
      items.push({
        type: 'error',
        id: 2,
        heading: 'Unsubscribe link',
        details: 'Add the *|UNSUB|* merge tag.',
      });
    if (!campaign.settings.reply_to)
      items.push({ type: 'error', id: 3, heading: 'From email', details: 'Add a reply-to address.' });
    return { is_ready: items.length === 0, items };
  };

  const create = (request: LoopbackRequest): Reply => {
    const body = (request.body ?? {}) as Partial<MailchimpCampaign>;
    if (!['regular', 'plaintext', 'rss', 'variate', 'absplit'].includes(String(body.type))) {
      return problem(
        400,
        'Invalid Resource',
        "The resource submitted could not be validated. For field-specific details, see the 'errors' array.",
        [
          {
            field: 'type',
            message:
              'Data presented is not one of the accepted values: regular, plaintext, absplit, rss, variate.',
          },
        ],
      );
    }
    const listId = body.recipients?.list_id;
    if (!listId || !(listId in options.lists)) {
      return problem(400, 'Invalid Resource', 'The resource submitted could not be validated.', [
        { field: 'recipients.list_id', message: 'Invalid list ID.' },
      ]);
    }
    const id = randomBytes(5).toString('hex');
    const campaign: MailchimpCampaign = {
      id,
      web_id: campaigns.length + 1000,
      type: String(body.type),
      status: 'save',
      create_time: `${options.now().toISOString().slice(0, 19)}+00:00`,
      send_time: '',
      archive_url: `https://mailchi.mp/acme/${id}`,
      long_archive_url: `https://us21.campaign-archive.com/?u=abc&id=${id}`,
      recipients: body.recipients ?? { list_id: listId },
      settings: body.settings ?? {},
    };
    campaigns.push(campaign);
    return { status: 200, body: campaign };
  };

  const schedule = (campaign: MailchimpCampaign, body: unknown): Reply => {
    if (campaign.status !== 'save' && campaign.status !== 'paused') {
      return problem(
        400,
        'Bad Request',
        `This campaign cannot be scheduled because it is already ${campaign.status}.`,
      );
    }
    const at = Date.parse(String((body as { schedule_time?: unknown } | undefined)?.schedule_time));
    if (Number.isNaN(at))
      return problem(400, 'Invalid Resource', 'The resource submitted could not be validated.', [
        { field: 'schedule_time', message: 'This value should be a valid datetime.' },
      ]);
    if (at % QUARTER_MS !== 0)
      return problem(400, 'Bad Request', 'Schedule time must be on the quarter-hour (:00, :15, :30, :45).');
    if (at <= options.now().getTime())
      return problem(400, 'Bad Request', 'Schedule time must be in the future.');
    if (!checklist(campaign).is_ready)
      return problem(400, 'Bad Request', 'Your Campaign is not ready to send.');
    campaign.status = 'schedule';
    campaign.send_time = `${new Date(at).toISOString().slice(0, 19)}+00:00`;
    return { status: 204 };
  };

  const api = await startLoopback((request) => {
    const credentials = basicCredentials(request.headers);
    if (!credentials || credentials.pass !== apiKey) {
      return problem(
        401,
        'API Key Invalid',
        "Your API key may be invalid, or you've attempted to access the wrong datacenter.",
      );
    }
    const path = request.path.replace(/^\/3\.0/, '').replace(/\/+$/, '');
    const [, first, id, second, third] = path.split('/');
    if (request.method === 'GET' && path === '/ping')
      return { status: 200, body: { health_status: "Everything's Chimpy!" } };
    if (first === 'lists' && id && request.method === 'GET' && !second) {
      const name = options.lists[id];
      return name ? { status: 200, body: { id, name } } : notFound();
    }
    if (first !== 'campaigns') return notFound();
    if (!id && request.method === 'POST') return create(request);
    if (!id && request.method === 'GET') {
      const listId = request.query.get('list_id');
      const count = Math.min(Number(request.query.get('count') ?? 10), 1000);
      const offset = Number(request.query.get('offset') ?? 0);
      const matching = campaigns
        .filter((c) => !listId || c.recipients.list_id === listId)
        .sort((a, b) =>
          request.query.get('sort_dir') === 'DESC' ? b.create_time.localeCompare(a.create_time) : 0,
        );
      return {
        status: 200,
        body: { campaigns: matching.slice(offset, offset + count), total_items: matching.length },
      };
    }
    const campaign = campaignById(id);
    if (!campaign) return notFound();
    if (second === 'content' && request.method === 'PUT') {
      campaign.html = String((request.body as { html?: unknown } | undefined)?.html ?? '');
      return { status: 200, body: { html: campaign.html } };
    }
    if (second === 'actions' && third === 'schedule' && request.method === 'POST')
      return schedule(campaign, request.body);
    if (second === 'send-checklist' && request.method === 'GET')
      return { status: 200, body: checklist(campaign) };
    return notFound();
  });
  return {
    url: `${api.url}/3.0`,
    requests: api.requests,
    apiKey,
    campaigns,
    failNext: (fault) =>
      api.failNext({ ...fault, ...(typeof fault.path === 'string' ? { path: `/3.0${fault.path}` } : {}) }),
    close: () => api.close(),
  };
}
