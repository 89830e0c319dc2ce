import type { z } from 'zod';
import { CrescendoError, type CrescendoErrorOptions, type Problem } from '../errors.js';

/**
 * The contract every channel publisher implements (blog, LinkedIn, X, email, ads). A publisher talks to
 * exactly one platform's published API, never retries an irreversible call on its own, and can recognise
 * what it already created (`find`), because no social API offers an idempotency key.
 */

/** One HTTP request as a publisher would send it: what `crescendo publish --dry-run` prints. */
export interface PlannedRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'SMTP';
  url: string;
  /** Headers with every secret replaced by `<redacted>`. */
  headers: Record<string, string>;
  body?: unknown;
}

/** What is published: one variant of one approved asset on one channel at one time. */
export interface PublishItem {
  /**
   * Stable key derived from campaign, asset, variant and channel (see `publishKey`). Embedded in the
   * remote item wherever the platform allows (slug, name, custom field, header), so `find` recognises it.
   */
  key: string;
  campaign: string;
  /** The asset file, e.g. `content/q2/blog/2027-04-06-lead-scoring.md`. */
  path: string;
  /** Asset type id (`blog-post`, `social-post`, `email-sequence`, `google-rsa`, `linkedin-ad`, ...). */
  type: string;
  channel: string;
  /** `a` is the asset as written; `b`, `c`, ... its A/B alternatives. */
  variant: string;
  /** ISO 8601 with offset: when it is due. */
  publishAt: string;
  title: string;
  slug: string;
  /** The asset body as markdown (front matter removed). */
  markdown: string;
  /** Ready-to-send HTML when the asset has it (emails, landing pages); one per email of a sequence. */
  html?: string;
  /**
   * For an `email-sequence`: which email (1-based) this item sends. A sequence is published as one item per
   * email, due at the sequence start plus the email's `sendOffsetDays`, each with its own key, and `html` is
   * that email's HTML. Left out only when the sequence has a single email.
   */
  emailNumber?: number;
  /** The validated asset data (the front matter's `asset:`), shaped by the asset type's schema. */
  data: unknown;
  /** The tracked link of this variant (UTM parameters already applied), when the asset links anywhere. */
  link?: string;
  /** An image to attach, when the asset has one. */
  image?: { path: string; bytes: Uint8Array; alt: string; mimeType: string };
  /** From the brand file: the sender's legal name and postal address (CAN-SPAM), the site's base URL. */
  brand: { name: string; postalAddress?: string; siteUrl?: string };
  /** Search ads: the keywords the ad group targets (the asset's target keyword, the strategy's keywords). */
  keywords?: readonly string[];
  /** Ads: the daily budget the strategy proposes, in the ad account's currency; else the publisher's config. */
  dailyBudget?: number;
}

/** The platform's record of a published item. */
export interface Published {
  remoteId: string;
  url?: string;
  /** ISO 8601: when the platform accepted it. */
  at: string;
  /** E.g. "created PAUSED: enable it in Google Ads to start spending". */
  note?: string;
}

export interface CredentialCheck {
  ok: boolean;
  /** What was checked, e.g. "LinkedIn token for organization 123 (version 202611)". */
  what: string;
  /** When not ok: exactly what to fix. */
  fix?: string;
  /** When known: when the credential expires (ISO 8601), so a person is warned in time. */
  expiresAt?: string;
}

export interface PublisherContext<C> {
  /** The publisher's validated settings from `.github/crescendo.yml` (`publishing.<channel>`). */
  config: C;
  /** Credentials and base-URL overrides (`CRESCENDO_<CHANNEL>_API_URL`); never logged. */
  env: Readonly<Record<string, string | undefined>>;
  /** The repository working tree that relative paths in the config resolve against (default: the cwd). */
  root?: string;
  fetch: typeof fetch;
  now: () => Date;
  log: (line: string) => void;
  /**
   * Keeps a credential the platform replaced: X rotates its refresh token on every refresh, so the new one
   * must be stored before the old one is lost. Without it, such a publisher refuses to refresh.
   */
  saveSecret?: (name: string, value: string) => Promise<void>;
}

export interface Publisher<C = unknown> {
  /** `static-site`, `wordpress`, `ghost`, `linkedin`, `x`, `smtp`, `mailchimp`, `google-ads`, `linkedin-ads`. */
  id: string;
  /** The channel id it publishes to (`blog`, `linkedin`, `x`, `email`, `google-ads`, `linkedin-ads`). */
  channel: string;
  label: string;
  /** Settings under `publishing.<channel>` in `.github/crescendo.yml`. */
  configSchema: z.ZodType<C>;
  /** Environment variables holding credentials, with where to get each and how to refresh it. */
  secrets: readonly { name: string; description: string }[];
  /** The environment variable that overrides the API base URL (tests, proxies). */
  baseUrlEnv: string;
  /** Asset types it can publish. */
  assetTypes: readonly string[];
  /**
   * True when the platform itself holds an item until `publishAt` (WordPress `future`, Ghost `scheduled`, a
   * scheduled Mailchimp campaign): the ledger may publish such an item before it is due, so people see it
   * scheduled on the platform. False or absent: `publish` makes the item live at once.
   */
  schedulesAhead?: boolean;
  /**
   * Files this publisher keeps as its own record, relative to the repository (the SMTP sent log). The publish
   * run commits them with each ledger write, and puts them in place before a run where the working tree is
   * fresh (GitHub), so `find` still knows what an earlier run sent.
   */
  stateFiles?(campaign: string, config: C): string[];
  /** A read-only call that proves the credentials work. */
  check(ctx: PublisherContext<C>): Promise<CredentialCheck>;
  /** Preflight: everything that can be known wrong before the irreversible call. Sends nothing that creates. */
  validate(item: PublishItem, ctx: PublisherContext<C>): Promise<Problem[]>;
  /** The exact requests `publish` would send, secrets redacted. Sends nothing. */
  plan(item: PublishItem, ctx: PublisherContext<C>): Promise<PlannedRequest[]>;
  /** The irreversible call(s). Throws `PublishError`; never retries a call whose outcome is unknown. */
  publish(item: PublishItem, ctx: PublisherContext<C>): Promise<Published>;
  /** Reads the platform back: the item it already created for this key, if any. */
  find(item: PublishItem, ctx: PublisherContext<C>): Promise<Published | undefined>;
}

/**
 * Why a publish failed, as a code the ledger acts on (never a message to match):
 * - `unknown-outcome`: the call may have gone through (timeout, connection lost, 5xx after sending); the
 *   entry becomes `unknown` and is reconciled with `find`, never retried blindly.
 * - `rate-limited`: try on a later run (`retryAfter` seconds when the platform said).
 * - everything else fails the entry with its reason and fix.
 */
export type PublishErrorCode =
  | 'missing-credentials'
  | 'auth'
  | 'expired'
  | 'forbidden'
  | 'version-retired'
  | 'invalid'
  | 'duplicate'
  | 'rate-limited'
  | 'unavailable'
  | 'unknown-outcome';

export class PublishError extends CrescendoError<PublishErrorCode> {
  override readonly code: PublishErrorCode;
  readonly retryAfter?: number;
  readonly status?: number;

  constructor(
    code: PublishErrorCode,
    message: string,
    options: Omit<CrescendoErrorOptions<PublishErrorCode>, 'code'> & {
      retryAfter?: number;
      status?: number;
    } = {},
  ) {
    super(message, { ...options, code });
    this.name = 'PublishError';
    this.code = code;
    this.retryAfter = options.retryAfter;
    this.status = options.status;
  }
}

export const REDACTED = '<redacted>';
