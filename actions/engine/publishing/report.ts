import type { Ledger, LedgerEntry } from '../artifacts/ledger.js';
import { table } from '../files/markdown.js';
import type { EntryResult } from './entry-run.js';
import { formatRequest } from './setup-notes.js';

/*
 * What people are told: one line per entry a run touched (the command line, the job summary), and one
 * comment on the campaign issue that shows where publishing stands, edited in place on every run that
 * changed the ledger and never posted twice.
 */

export const PUBLISHING_MARKER = '<!-- crescendo:publishing -->';

const MARK: Record<string, string> = {
  published: '✓ published',
  found: '✓ recorded',
  failed: '✗ failed',
  unknown: '? unknown',
  'dry-run': '· dry run',
  planned: '· would send',
  skipped: '– skipped',
};

const name = (e: LedgerEntry): string => `${e.path}${e.email ? ` email ${e.email}` : ''} (${e.variant})`;

/** One line (and the fix, when there is one) for an entry a run worked on. */
export function resultLines(result: EntryResult): string[] {
  const e = result.entry;
  const head = `${MARK[result.action] ?? result.action} ${e.channel.padEnd(12)} ${name(e)}`;
  switch (e.status) {
    case 'published':
      return [`${head} → ${e.url ?? e.remoteId}${e.note ? ` (${e.note})` : ''}`];
    case 'failed':
    case 'unknown':
      if (result.action === 'planned' || result.action === 'skipped') break;
      return [`${head}: ${e.reason}`, `    fix: ${e.fix}`];
    case 'dry-run':
      return [`${head}: nothing sent; the requests are in ${e.requests}`];
    default:
      break;
  }
  const lines = [`${head}${result.detail ? `: ${result.detail}` : ''}`];
  if (result.action === 'planned')
    for (const request of result.requests ?? []) lines.push(...formatRequest(request).map((l) => `    ${l}`));
  return lines;
}

export function statusCounts(ledger: Ledger): Record<LedgerEntry['status'], number> {
  const counts = { scheduled: 0, publishing: 0, published: 0, failed: 0, unknown: 0, 'dry-run': 0 };
  for (const e of ledger.entries) counts[e.status] += 1;
  return counts;
}

/** The campaign issue's publishing comment: counts, what needs a person, what went out. */
export function publishingComment(ledger: Ledger, where: string): string {
  const counts = statusCounts(ledger);
  const lines = [
    PUBLISHING_MARKER,
    `### 📣 Publishing \`${ledger.campaign}\``,
    '',
    Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([status, n]) => `${n} ${status}`)
      .join(' · '),
    '',
  ];
  const attention = ledger.entries.filter((e) => e.status === 'failed' || e.status === 'unknown');
  if (attention.length > 0) {
    lines.push(
      '**Needs a person**',
      '',
      table(
        ['Status', 'Entry', 'Channel', 'Reason', 'Fix'],
        attention.map((e) => [e.status, `${name(e)} \`${e.key}\``, e.channel, e.reason, e.fix]),
      ),
      '',
      'Failed entries are tried again on every run; unknown ones only after you have looked on the platform and set their status in the ledger.',
      '',
    );
  }
  const out = ledger.entries.filter((e) => e.status === 'published');
  if (out.length > 0) {
    lines.push(
      '<details><summary>Published</summary>',
      '',
      table(
        ['When', 'Entry', 'Channel', 'Where'],
        out.map((e) => [
          e.status === 'published' ? e.at : '',
          name(e),
          e.channel,
          e.status === 'published' ? (e.url ?? e.remoteId) : '',
        ]),
      ),
      '',
      '</details>',
      '',
    );
  }
  const next = ledger.entries
    .filter((e) => e.status === 'scheduled')
    .sort((a, b) => Date.parse(a.publishAt) - Date.parse(b.publishAt))[0];
  if (next) lines.push(`Next: ${name(next)} on ${next.channel} at ${next.publishAt}.`, '');
  lines.push(`The live ledger: ${where}.`);
  return lines.join('\n');
}
