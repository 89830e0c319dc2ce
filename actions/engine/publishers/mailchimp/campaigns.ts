import { type HttpCall, send } from '../http.js';
import { titleTag } from '../key-marker.js';
import { PublishError, type PublishItem } from '../publisher.js';
import { mailchimpFailure } from './errors.js';
import { type Context, calls, PAGE } from './requests.js';

/** Talking to the Marketing API: one call at a time, and finding our campaign by the key in its title. */

/** States in which the campaign is past our hands: scheduled, going out, out, or stopped by a person. */
export const HANDLED = new Set(['schedule', 'sending', 'sent', 'paused', 'canceling', 'canceled']);

export interface Campaign {
  id: string;
  status: string;
  create_time?: string;
  send_time?: string;
  archive_url?: string;
  long_archive_url?: string;
  settings?: { title?: string };
}

export async function request<T>(ctx: Context, call: HttpCall, publishes = false): Promise<T> {
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

/** Our campaign for this key, newest first through the audience's campaigns. */
export async function lookup(item: PublishItem, ctx: Context): Promise<Campaign | undefined> {
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
export async function checklistErrors(ctx: Context, call: HttpCall): Promise<string[]> {
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
