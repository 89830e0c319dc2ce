import type { Ledger } from '../../artifacts/ledger.js';
import { CHANNEL_LABELS, type Channel } from '../../channels/index.js';
import type { PublishingConfig } from '../../config/publishing.js';
import type { Problem } from '../../errors.js';
import { bullets, table } from '../../files/markdown.js';
import { setupNote } from '../../publishing/setup-notes.js';
import type { NotSent } from '../../publishing/slots.js';

/*
 * The distribution pull request is the human view of the ledger: what goes out where and when, with each
 * variant's tracked link and what the publisher will do, all written by code from the ledger and the
 * configuration. The ledger file itself stays the one place the data lives.
 */

const entryName = (e: Ledger['entries'][number]) => `${e.path}${e.email ? ` · email ${e.email}` : ''}`;

export function distributionSummary(
  ledger: Ledger,
  publishing: PublishingConfig,
  linkProblems: readonly Problem[],
  notSent: readonly NotSent[],
): string {
  const channels = [...new Set(ledger.entries.map((e) => e.channel))];
  const first = ledger.entries[0]?.publishAt;
  const last = ledger.entries.at(-1)?.publishAt;
  const parts = [
    `**${ledger.entries.length} entries** on ${channels.length} channel${channels.length === 1 ? '' : 's'}${first ? `, from ${first} to ${last}` : ''}. They are all in \`campaigns/${ledger.campaign}/ledger.yml\`: merging approves it, and the publisher sends each entry when it is due (every 15 minutes on GitHub, or \`crescendo publish\`). Links carry \`utm_campaign=${ledger.campaign}\` and a \`utm_content\` per asset, variant and email.`,
  ];
  for (const channel of channels) {
    const entries = ledger.entries.filter((e) => e.channel === channel);
    parts.push(
      `### ${CHANNEL_LABELS[channel as Channel] ?? channel}`,
      table(
        ['Publish at', 'Asset', 'Variant', 'Tracked link', 'What happens', 'Status'],
        entries.map((e) => [
          e.publishAt,
          entryName(e),
          e.variant,
          e.link ?? '(own site: no UTM)',
          setupNote(e, publishing),
          e.status,
        ]),
      ),
    );
  }
  parts.push(
    '### Link check',
    linkProblems.length === 0
      ? 'Every link is well-formed, and every link to a page Crescendo made reaches it, anchors included.'
      : `**Fix before these entries go out** (the publisher refuses an entry with a broken link):\n\n${bullets(linkProblems.map((p) => `${p.where}: ${p.message}`))}`,
  );
  if (notSent.length > 0) {
    parts.push(
      '### Not sent by Crescendo',
      bullets(notSent.map((n) => `${n.path}${n.variant ? ` (variant ${n.variant})` : ''}: ${n.reason}`)),
    );
  }
  return parts.join('\n\n');
}
