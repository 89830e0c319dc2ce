import type { PlannedEntry } from '../artifacts/ledger.js';
import type { PublishingConfig } from '../config/publishing.js';
import { publisherById } from '../publishers/index.js';
import type { PlannedRequest } from '../publishers/publisher.js';

/*
 * What the publisher will do with an entry, said by code from the configuration (never by the model): the
 * distribution pull request shows it next to each entry, so a reviewer approves exactly what will happen.
 */

type Settings = Record<string, unknown>;

const str = (value: unknown, fallback = '?'): string =>
  Array.isArray(value) ? value.join(', ') : value === undefined || value === null ? fallback : String(value);

const NOTES: Record<string, (entry: PlannedEntry, s: Settings) => string> = {
  'static-site': (_e, s) =>
    `writes the post into the ${str(s.format)} site ${s.repository ? `${str(s.repository)} (branch ${str(s.branch)})` : `folder ${str(s.dir)}`} when due; the site's own build puts it online`,
  wordpress: (_e, s) =>
    `creates the post on ${str(s.url, 'CRESCENDO_WORDPRESS_URL')} as "future" up to a day ahead; WordPress publishes it at the time`,
  ghost: (_e, s) =>
    `creates the post on ${str(s.url, 'CRESCENDO_GHOST_URL')} as "scheduled" up to a day ahead`,
  smtp: (e, s) =>
    `sends email ${e.email ?? 1} to ${str(s.to)} from ${str(s.from)} over SMTP when due, with one-click unsubscribe and the postal address`,
  mailchimp: (e, s) =>
    `creates email ${e.email ?? 1} as a regular campaign to audience ${str(s.listId)} and schedules it up to a day ahead (Mailchimp rounds up to the quarter hour)`,
  linkedin: (_e, s) =>
    `posts on the company page ${str(s.organizationId)} when due (LinkedIn-Version ${str(s.version)})`,
  x: () => 'posts on the X account of the token when due',
  'google-ads': (e, s) =>
    `creates the Search campaign PAUSED (daily budget ${str(e.dailyBudget ?? s.dailyBudget)}, ${e.keywords?.length ?? 0} keywords, ad ${e.variant}); a person enables it in Google Ads`,
  'linkedin-ads': (e, s) =>
    `creates the campaign and creative ${e.variant} as DRAFTS (daily budget ${str(e.dailyBudget ?? s.dailyBudget)} ${str(s.currency, '')}); a person launches them in Campaign Manager`,
};

/** Publisher ids that have a note: a test holds this to the publisher registry. */
export const NOTED_PUBLISHERS = Object.keys(NOTES);

/** One line a person reads next to the entry. */
export function setupNote(entry: PlannedEntry, publishing: PublishingConfig): string {
  const configured = publishing[entry.channel];
  const publisher = configured?.publisher ?? entry.publisher;
  const label = publisherById(publisher)?.label ?? publisher;
  if (!configured) {
    const secrets = publisherById(publisher)?.secrets.map((s) => s.name) ?? [];
    return `not set up yet: add publishing.${entry.channel} to .github/crescendo.yml (${label})${secrets.length ? ` and the secret${secrets.length > 1 ? 's' : ''} ${secrets.join(', ')}` : ''} before ${entry.publishAt.slice(0, 10)}`;
  }
  if (configured.dryRun)
    return `dry run: records the exact requests next to the ledger and sends nothing (publishing.${entry.channel}.dryRun)`;
  return NOTES[publisher]?.(entry, configured.settings as Settings) ?? label;
}

/** A planned request as `crescendo publish --dry-run` prints it: secrets already redacted by the publisher. */
export function formatRequest(request: PlannedRequest): string[] {
  const lines = [`${request.method} ${request.url}`];
  for (const [name, value] of Object.entries(request.headers)) lines.push(`  ${name}: ${value}`);
  if (request.body !== undefined) {
    const body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body, null, 2);
    lines.push('', ...body.split('\n').map((line) => `  ${line}`));
  }
  return lines;
}
