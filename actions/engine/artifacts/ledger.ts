import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AssetType } from '../assets/asset-type.js';
import { Channel } from '../channels/index.js';
import type { Problem } from '../errors.js';
import { parseYaml, toYaml, validateWith } from '../files/yaml.js';

/*
 * The publication ledger: what goes out where and when, one entry per (approved asset × variant × email of a
 * sequence), and what became of it. It is the only place distribution data lives: the distribution stage
 * writes it (every entry `scheduled`), merging its pull request approves it, and the publisher moves each
 * entry through its states:
 *
 *   scheduled → publishing (claimed by one run) → published {remoteId, url, at}
 *                                               → failed {reason, fix}     (nothing was created; tried again)
 *                                               → unknown {reason, fix}    (the call may have gone through)
 *   scheduled → dry-run {requests, at}          (the channel is set to dry-run: the requests are kept, none sent)
 *
 * `unknown` is never retried automatically: a later run reads the platform back (`find`) and records what it
 * finds; when it finds nothing, a person decides (set the entry back to `scheduled`, or to `published`).
 */

/** A stable short id for one (campaign, asset, variant, channel, email): 12 hex digits of SHA-256. */
export function publishKey(parts: {
  campaign: string;
  path: string;
  variant: string;
  channel: string;
  email?: number;
}): string {
  const fields = [parts.campaign, parts.path, parts.variant, parts.channel, String(parts.email ?? '')];
  return createHash('sha256').update(fields.join('\u0000')).digest('hex').slice(0, 12);
}

const Iso = z.iso.datetime({ offset: true });

/** What the distribution stage decides, and what a person approves by merging it. */
const Planned = z.object({
  key: z.string().regex(/^[0-9a-f]{12}$/, 'must be the 12-hex-digit publish key'),
  path: z.string().min(1),
  type: AssetType,
  channel: Channel,
  /** `a` is the asset as written; `b`, `c`, … its A/B alternatives. */
  variant: z.string().min(1),
  /** For an email sequence: which email (1-based). */
  email: z.number().int().positive().optional(),
  /** The publisher that sends it (`publishing.<channel>.publisher` in .github/crescendo.yml wins). */
  publisher: z.string().min(1),
  publishAt: Iso,
  /** The tracked link of this variant (this email), when the asset sends people somewhere. */
  link: z.url().optional(),
  /** Search ads: the keywords of the ad group. */
  keywords: z.array(z.string().min(1)).optional(),
  /** Ads: the daily budget proposed from the strategy, in the campaign currency (created paused or draft). */
  dailyBudget: z.number().positive().optional(),
});

export const LedgerEntry = z.discriminatedUnion('status', [
  Planned.extend({ status: z.literal('scheduled') }),
  Planned.extend({
    status: z.literal('publishing'),
    /** The run that claimed it, and when (wall-clock time of that run). */
    run: z.string().min(1),
    claimedAt: Iso,
  }),
  Planned.extend({
    status: z.literal('published'),
    remoteId: z.string().min(1),
    url: z.string().min(1).optional(),
    at: Iso,
    note: z.string().optional(),
  }),
  Planned.extend({
    status: z.literal('failed'),
    /** The publisher's error code (`auth`, `rate-limited`, `unavailable`, …). */
    code: z.string().min(1),
    reason: z.string().min(1),
    fix: z.string().min(1),
    at: Iso,
    /** A rate limit said when to try again; earlier runs leave the entry alone. */
    retryAt: Iso.optional(),
  }),
  Planned.extend({
    status: z.literal('unknown'),
    reason: z.string().min(1),
    fix: z.string().min(1),
    at: Iso,
  }),
  Planned.extend({
    status: z.literal('dry-run'),
    /** The file holding the exact requests that would have been sent. */
    requests: z.string().min(1),
    at: Iso,
  }),
]);
export type LedgerEntry = z.infer<typeof LedgerEntry>;
export type LedgerStatus = LedgerEntry['status'];
export type PlannedEntry = z.infer<typeof Planned>;

export const Ledger = z.object({
  campaign: z.string().min(1),
  entries: z.array(LedgerEntry),
});
export type Ledger = z.infer<typeof Ledger>;

export const ledgerPath = (id: string): string => `campaigns/${id}/ledger.yml`;
/** Where a dry-run entry's requests are kept, next to the ledger. */
export const dryRunPath = (id: string, key: string): string => `campaigns/${id}/dry-run/${key}.json`;

/** The planned part of an entry: what the approval covers, without any outcome. */
export function plannedOf(entry: LedgerEntry): PlannedEntry {
  const { key, path, type, channel, variant, email, publisher, publishAt, link, keywords, dailyBudget } =
    entry;
  return Planned.parse({
    key,
    path,
    type,
    channel,
    variant,
    email,
    publisher,
    publishAt,
    link,
    keywords,
    dailyBudget,
  });
}

/** Rules beyond the shape: keys are the hash of what they name, links carry the campaign. */
export function ledgerCheckpoints(ledger: Ledger): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  ledger.entries.forEach((entry, i) => {
    const where = `entries[${i}]`;
    const expected = publishKey({ campaign: ledger.campaign, ...entry });
    if (entry.key !== expected) {
      problems.push({
        where: `${where}.key`,
        message: `is ${entry.key}, but campaign, path, variant, channel and email give ${expected}; an entry's identity is not edited by hand`,
      });
    }
    if (seen.has(entry.key))
      problems.push({ where: `${where}.key`, message: `${entry.key} is listed twice` });
    seen.add(entry.key);
    const campaign = entry.link ? new URL(entry.link).searchParams.get('utm_campaign') : null;
    if (campaign !== null && campaign !== ledger.campaign) {
      problems.push({
        where: `${where}.link`,
        message: `utm_campaign is ${campaign}, not the campaign id ${ledger.campaign}`,
      });
    }
  });
  return problems;
}

const HEADER = `# Publication ledger (Crescendo). One entry per asset, variant and email; merging the distribution
# pull request approves it. Each entry's status: scheduled → publishing (claimed by a run) → published
# (remoteId, url, at) | failed (reason, fix; tried again on the next run) | unknown (the call may have gone
# through: never retried by itself; set status to scheduled to publish it again, or to published, once you
# have looked on the platform) | dry-run (the requests that would have been sent are in the file named).
`;

export function renderLedger(ledger: Ledger): string {
  return `${HEADER}${toYaml(Ledger.parse(ledger))}`;
}

/** Reads a ledger file; a hand-edit that breaks it is reported with the field and line. */
export function parseLedger(text: string, path: string): Ledger {
  const yaml = parseYaml(text, path);
  return validateWith(Ledger, yaml.value, path, yaml.lineOf, 'is not a valid publication ledger');
}
