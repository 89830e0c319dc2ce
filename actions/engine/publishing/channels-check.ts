import type { PublishingConfig } from '../config/publishing.js';
import { formatError } from '../errors.js';
import { publisherById } from '../publishers/index.js';
import { publisherContext, type RunEnvironment } from './context.js';

/*
 * `crescendo channels check`: for every configured channel, the publisher's read-only call that proves its
 * credentials work (a LinkedIn token dies after 60 days, an X token after 2 hours without its refresh), and
 * exactly what to fix. The result is one comment on each live campaign's issue, edited in place.
 */

export const CHANNELS_CHECK_MARKER = '<!-- crescendo:channels-check -->';
/** A credential that expires within this many days is reported before it breaks a publish. */
export const EXPIRY_WARNING_DAYS = 14;

export interface ChannelCheck {
  channel: string;
  publisher: string;
  state: 'ok' | 'warning' | 'failed' | 'dry-run';
  what: string;
  fix?: string;
  expiresAt?: string;
}

export async function checkChannels(
  publishing: PublishingConfig,
  run: RunEnvironment,
  now: Date,
): Promise<ChannelCheck[]> {
  const checks: ChannelCheck[] = [];
  for (const channel of Object.values(publishing)) {
    const publisher = publisherById(channel.publisher);
    if (!publisher) continue;
    const base = { channel: channel.channel, publisher: publisher.id };
    if (channel.dryRun) {
      checks.push({
        ...base,
        state: 'dry-run',
        what: `${publisher.label}: dry run, nothing is sent, no credential needed`,
      });
      continue;
    }
    try {
      const result = await publisher.check(publisherContext(publisher, channel, run, now));
      const soon =
        result.expiresAt !== undefined &&
        Date.parse(result.expiresAt) - now.getTime() < EXPIRY_WARNING_DAYS * 86_400_000;
      checks.push({
        ...base,
        state: !result.ok ? 'failed' : soon ? 'warning' : 'ok',
        what: result.what,
        ...(result.fix
          ? { fix: result.fix }
          : soon
            ? {
                fix: `the credential expires on ${result.expiresAt?.slice(0, 10)}: renew it before then (docs/publishing.md says how)`,
              }
            : {}),
        ...(result.expiresAt ? { expiresAt: result.expiresAt } : {}),
      });
    } catch (error) {
      checks.push({ ...base, state: 'failed', what: publisher.label, fix: formatError(error) });
    }
  }
  return checks;
}

const ICON = { ok: '✓', warning: '!', failed: '✗', 'dry-run': '·' } as const;

export const checkLine = (c: ChannelCheck): string =>
  `${ICON[c.state]} ${c.channel.padEnd(12)} ${c.publisher.padEnd(12)} ${c.what}${c.fix ? `\n    fix: ${c.fix}` : ''}`;

/** The issue comment: no times in it, so an unchanged result never edits it. */
export function channelsCheckComment(checks: readonly ChannelCheck[]): string {
  const bad = checks.filter((c) => c.state === 'failed' || c.state === 'warning');
  const lines = [
    CHANNELS_CHECK_MARKER,
    bad.length === 0
      ? '### ✅ Every publishing channel works'
      : `### ⚠️ ${bad.length} publishing channel${bad.length === 1 ? '' : 's'} need${bad.length === 1 ? 's' : ''} attention`,
    '',
  ];
  for (const c of checks) {
    lines.push(
      `- ${ICON[c.state]} **${c.channel}** (${c.publisher}): ${c.what}${c.fix ? `. **Fix:** ${c.fix}` : ''}`,
    );
  }
  if (checks.length === 0)
    lines.push('No channel is configured under `publishing:` in `.github/crescendo.yml`.');
  lines.push(
    '',
    'Checked with a read-only call per channel (`crescendo channels check`); this comment is edited in place.',
  );
  return lines.join('\n');
}
