import type { Problem } from '../../errors.js';
import { EMAIL_ASSET_TYPES, type OutgoingEmail, outgoingEmail, withUnsubscribe } from '../email-message.js';
import { type HttpCall, planned, send, trimSlash } from '../http.js';
import { titleTag } from '../key-marker.js';
import {
  PublishError,
  type Published,
  type Publisher,
  type PublisherContext,
  type PublishItem,
} from '../publisher.js';
import { MailchimpConfig } from './config.js';
import { mailchimpFailure } from './errors.js';
import { mailchimpTime, scheduleTime } from './schedule-time.js';

/*
 * Mailchimp Marketing API v3: each email of a sequence is a regular campaign (create → content →
 * schedule), its title carrying the publish key, so `find` pages through the audience's campaigns and
 * recognises it. Only the schedule call commits anything: a draft left by a failed run is found by its
 * key and reused, never doubled. See README.md for why Mailchimp and why one campaign per email.
 */

type Context = PublisherContext<MailchimpConfig>;

const KEY_ENV = 'CRESCENDO_MAILCHIMP_API_KEY';
const URL_ENV = 'CRESCENDO_MAILCHIMP_API_URL';
const PAGE = 1000;
/** States in which the campaign is past our hands: scheduled, going out, out, or stopped by a person. */
const HANDLED = new Set(['schedule', 'sending', 'sent', 'paused', 'canceling', 'canceled']);

interface Campaign {
  id: string;
  status: string;
  create_time?: string;
  send_time?: string;
  archive_url?: string;
  long_archive_url?: string;
  settings?: { title?: string };
}

function account(ctx: Context): { api: string; headers: Record<string, string> } {
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

async function request<T>(ctx: Context, call: HttpCall, publishes = false): Promise<T> {
  let answer: Awaited<ReturnType<typeof send>>;
  try {
    answer = await send(call, {
      service: 'Mailchimp',
      timeoutMs: ctx.config.timeoutSeconds * 1000,
      fetch: ctx.fetch,
    });
  } catch (error) {
    // A lost answer to a draft or its content commits nothing: the next run finds the draft by its key.
    if (!publishes && error instanceof PublishError && error.code === 'unknown-outcome') {
      throw new PublishError('unavailable', error.message, {
        where: error.where,
        cause: error,
        fix: 'nothing was sent; a draft may remain in Mailchimp and is reused on the next run',
      });
    }
    throw error;
  }
  if (answer.status >= 200 && answer.status < 300) return answer.body as T;
  throw mailchimpFailure(call, answer, ctx.now(), { publishes });
}

function titleOf(item: PublishItem, email: OutgoingEmail): string {
  const variant = item.variant === 'a' ? '' : `, variant ${item.variant}`;
  return `${email.sequenceName}: email ${email.number} of ${email.count}${variant} ${titleTag(item.key)}`;
}

function emailOrThrow(item: PublishItem): OutgoingEmail {
  const { email, problems } = outgoingEmail(item);
  if (!email) {
    throw new PublishError('invalid', problems.map((p) => p.message).join('; '), {
      where: item.path,
      problems,
      fix: 'run validate first; the item cannot be sent as it is',
    });
  }
  return email;
}

function calls(item: PublishItem, ctx: Context, campaignId = '{campaign_id}') {
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

/** Our campaign for this key, newest first through the audience's campaigns. */
async function lookup(item: PublishItem, ctx: Context): Promise<Campaign | undefined> {
  const { lookup: page } = calls(item, ctx);
  const tag = titleTag(item.key);
  for (let offset = 0; ; offset += PAGE) {
    const answer = await request<{ campaigns?: Campaign[]; total_items?: number }>(ctx, page(offset));
    const campaigns = answer.campaigns ?? [];
    const ours = campaigns.find((c) => c.settings?.title?.includes(tag));
    if (ours) return ours;
    if (campaigns.length < PAGE || offset + PAGE >= (answer.total_items ?? 0)) return undefined;
  }
}

/** Why Mailchimp will not send it yet, from its send checklist (best effort: an error here adds nothing). */
async function checklistErrors(ctx: Context, call: HttpCall): Promise<string[]> {
  try {
    const answer = await request<{ items?: { type?: string; heading?: string; details?: string }[] }>(
      ctx,
      call,
    );
    return (answer.items ?? [])
      .filter((i) => i.type === 'error')
      .map((i) => [i.heading, i.details].filter(Boolean).join(': '));
  } catch {
    return [];
  }
}

const asPublished = (campaign: Campaign, at: string, note: string): Published => ({
  remoteId: campaign.id,
  ...(campaign.long_archive_url || campaign.archive_url
    ? { url: campaign.long_archive_url ?? campaign.archive_url }
    : {}),
  at,
  note,
});

function roundingNote(item: PublishItem, ctx: Context): string | undefined {
  const at = scheduleTime(item.publishAt, ctx.now());
  if (at.getTime() === Date.parse(item.publishAt)) return undefined;
  return `scheduled at ${mailchimpTime(at)}, not ${item.publishAt}: Mailchimp sends on the quarter hour only (and never in the past), so the time is rounded up`;
}

export const mailchimpPublisher: Publisher<MailchimpConfig> = {
  id: 'mailchimp',
  channel: 'email',
  label: 'Mailchimp (Marketing API campaigns)',
  configSchema: MailchimpConfig,
  secrets: [
    {
      name: KEY_ENV,
      description:
        'A Mailchimp API key (Profile → Extras → API keys → Create A Key), whole, with its data center ending such as "-us21". Keys do not expire; a revoked or leaked key is replaced the same way.',
    },
  ],
  baseUrlEnv: URL_ENV,
  assetTypes: EMAIL_ASSET_TYPES,
  schedulesAhead: true,

  async check(ctx) {
    const { api, headers } = account(ctx);
    const what = `Mailchimp audience ${ctx.config.listId}`;
    try {
      await request(ctx, { method: 'GET', url: `${api}/ping`, headers });
      const list = await request<{ name?: string }>(ctx, {
        method: 'GET',
        url: `${api}/lists/${encodeURIComponent(ctx.config.listId)}?fields=id,name`,
        headers,
      });
      return { ok: true, what: `${what} ("${list.name ?? ''}")` };
    } catch (error) {
      if (!(error instanceof PublishError)) throw error;
      return { ok: false, what, fix: `${error.message}: ${error.fix ?? ''}` };
    }
  },

  async validate(item, ctx) {
    const problems: Problem[] = [...outgoingEmail(item).problems];
    if (Number.isNaN(Date.parse(item.publishAt))) {
      problems.push({
        where: `${item.path}: publishAt`,
        message: `"${item.publishAt}" is not an ISO 8601 time`,
      });
    }
    if (problems.length > 0) return problems;
    const { api, headers } = account(ctx);
    try {
      await request(ctx, {
        method: 'GET',
        url: `${api}/lists/${encodeURIComponent(ctx.config.listId)}?fields=id`,
        headers,
      });
    } catch (error) {
      if (!(error instanceof PublishError) || error.status !== 404) throw error;
      problems.push({
        where: 'publishing.email.listId',
        message: `Mailchimp has no audience "${ctx.config.listId}" in this account`,
      });
    }
    const note = roundingNote(item, ctx);
    if (note) ctx.log(`email: ${note}`);
    return problems;
  },

  async plan(item, ctx) {
    const { lookup: page, create, content, schedule } = calls(item, ctx);
    return [planned(page(0)), planned(create), planned(content), planned(schedule)];
  },

  async publish(item, ctx) {
    const existing = await lookup(item, ctx);
    if (existing && HANDLED.has(existing.status)) {
      throw new PublishError(
        'duplicate',
        `the campaign already exists in Mailchimp (${existing.id}, ${existing.status})`,
        {
          where: `Mailchimp ${existing.id}`,
          fix: 'nothing to do: find() records it',
        },
      );
    }
    const campaign = existing ?? (await request<Campaign>(ctx, calls(item, ctx).create));
    const step = calls(item, ctx, campaign.id);
    await request(ctx, step.content);
    try {
      await request(ctx, step.schedule, true);
    } catch (error) {
      if (error instanceof PublishError && error.code === 'invalid' && error.status === 400) {
        const reasons = await checklistErrors(ctx, step.checklist);
        if (reasons.length > 0) {
          throw new PublishError('invalid', `${error.message}; send checklist: ${reasons.join('; ')}`, {
            where: error.where,
            status: 400,
            cause: error,
            fix: "fix what Mailchimp's send checklist reports; the draft stays in Mailchimp and is reused on the next run",
          });
        }
      }
      throw error;
    }
    const when = (step.schedule.body as { schedule_time: string }).schedule_time;
    ctx.log(`email: Mailchimp campaign ${campaign.id} scheduled for ${when}`);
    return asPublished(
      campaign,
      ctx.now().toISOString(),
      roundingNote(item, ctx) ?? `scheduled in Mailchimp for ${when}`,
    );
  },

  async find(item, ctx) {
    const campaign = await lookup(item, ctx);
    if (!campaign || !HANDLED.has(campaign.status)) return undefined;
    return asPublished(
      campaign,
      campaign.create_time ?? ctx.now().toISOString(),
      `${campaign.status} in Mailchimp${campaign.send_time ? ` for ${campaign.send_time}` : ''}`,
    );
  },
};
