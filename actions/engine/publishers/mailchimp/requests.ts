import { emailOrThrow, type OutgoingEmail, withUnsubscribe } from '../email-message.js';
import { type HttpCall, trimSlash } from '../http.js';
import { titleTag } from '../key-marker.js';
import { PublishError, type PublisherContext, type PublishItem } from '../publisher.js';
import type { MailchimpConfig } from './config.js';
import { mailchimpTime, scheduleTime } from './schedule-time.js';

/** The Marketing API requests for one email: the campaign lookup, create, content, schedule, checklist. */

export type Context = PublisherContext<MailchimpConfig>;

export const KEY_ENV = 'CRESCENDO_MAILCHIMP_API_KEY';
export const URL_ENV = 'CRESCENDO_MAILCHIMP_API_URL';
/** Campaigns per lookup page (the API maximum). */
export const PAGE = 1000;

export function account(ctx: Context): { api: string; headers: Record<string, string> } {
  const key = ctx.env[KEY_ENV];
  if (!key) {
    throw new PublishError('missing-credentials', `${KEY_ENV} is not set`, {
      where: 'Mailchimp credentials',
      fix: `create an API key in Mailchimp (Profile → Extras → API keys) and set ${KEY_ENV} to it`,
    });
  }
  const center = /-([a-z]+\d+)$/i.exec(key.trim())?.[1];
  const api = ctx.env[URL_ENV] ?? (center ? `https://${center}.api.mailchimp.com/3.0` : undefined);
  if (!api) {
    throw new PublishError('auth', `${KEY_ENV} has no data center ending (like "-us21")`, {
      where: 'Mailchimp credentials',
      fix: 'copy the whole API key from Mailchimp; its ending names the data center the API lives in',
    });
  }
  const token = Buffer.from(`crescendo:${key.trim()}`).toString('base64');
  return { api: trimSlash(api), headers: { authorization: `Basic ${token}` } };
}

function titleOf(item: PublishItem, email: OutgoingEmail): string {
  const variant = item.variant === 'a' ? '' : `, variant ${item.variant}`;
  return `${email.sequenceName}: email ${email.number} of ${email.count}${variant} ${titleTag(item.key)}`;
}

export function calls(item: PublishItem, ctx: Context, campaignId = '{campaign_id}') {
  const { api, headers } = account(ctx);
  const email = emailOrThrow(item);
  const { listId, segmentId, fromName, replyTo, folderId } = ctx.config;
  const lookup = (offset: number): HttpCall => {
    const query = new URLSearchParams({
      list_id: listId,
      count: String(PAGE),
      offset: String(offset),
      sort_field: 'create_time',
      sort_dir: 'DESC',
      fields:
        'total_items,campaigns.id,campaigns.status,campaigns.create_time,campaigns.send_time,campaigns.archive_url,campaigns.long_archive_url,campaigns.settings.title',
    });
    return { method: 'GET', url: `${api}/campaigns?${query}`, headers };
  };
  const create: HttpCall = {
    method: 'POST',
    url: `${api}/campaigns`,
    headers,
    body: {
      type: 'regular',
      recipients: {
        list_id: listId,
        ...(segmentId ? { segment_opts: { saved_segment_id: segmentId } } : {}),
      },
      settings: {
        subject_line: email.subject,
        preview_text: email.preheader,
        title: titleOf(item, email),
        from_name: fromName ?? item.brand.name,
        reply_to: replyTo,
        ...(folderId ? { folder_id: folderId } : {}),
      },
    },
  };
  const content: HttpCall = {
    method: 'PUT',
    url: `${api}/campaigns/${campaignId}/content`,
    headers,
    body: { html: withUnsubscribe(email.html, '*|UNSUB|*') },
  };
  const schedule: HttpCall = {
    method: 'POST',
    url: `${api}/campaigns/${campaignId}/actions/schedule`,
    headers,
    body: { schedule_time: mailchimpTime(scheduleTime(item.publishAt, ctx.now())) },
  };
  const checklist: HttpCall = {
    method: 'GET',
    url: `${api}/campaigns/${campaignId}/send-checklist`,
    headers,
  };
  return { lookup, create, content, schedule, checklist };
}
