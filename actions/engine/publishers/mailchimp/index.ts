import type { Problem } from '../../errors.js';
import { EMAIL_ASSET_TYPES, outgoingEmail } from '../email-message.js';
import { failedCheck, planned } from '../http.js';
import { PublishError, type Published, type Publisher, type PublishItem } from '../publisher.js';
import { type Campaign, checklistErrors, HANDLED, lookup, request } from './campaigns.js';
import { MailchimpConfig } from './config.js';
import { account, type Context, calls, KEY_ENV, URL_ENV } from './requests.js';
import { mailchimpTime, scheduleTime } from './schedule-time.js';

/*
 * Mailchimp Marketing API v3: each email of a sequence is a regular campaign (create → content →
 * schedule), its title carrying the publish key, so `find` pages through the audience's campaigns and
 * recognises it. Only the schedule call commits anything: a draft left by a failed run is found by its
 * key and reused, never doubled. See README.md for why Mailchimp and why one campaign per email.
 */

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
    const what = `Mailchimp audience ${ctx.config.listId}`;
    try {
      const { api, headers } = account(ctx);
      await request(ctx, { method: 'GET', url: `${api}/ping`, headers });
      const list = await request<{ name?: string }>(ctx, {
        method: 'GET',
        url: `${api}/lists/${encodeURIComponent(ctx.config.listId)}?fields=id,name`,
        headers,
      });
      return { ok: true, what: `${what} ("${list.name ?? ''}")` };
    } catch (error) {
      return failedCheck(what, error);
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
