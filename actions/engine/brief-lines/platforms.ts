import type { PlatformShare, SocialPlatform } from '../artifacts/brief-parts.js';
import { CHANNEL_LABELS, channelOf, SOCIAL_CHANNELS } from '../channels/index.js';
import { findQuantities } from './quantity.js';
import { accept, ask, type LineRead, quote, refuse } from './result.js';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A word pattern for a channel's id, its label's first word and its aliases ("linked in", "twitter"). */
function wordsOf(id: SocialPlatform): RegExp {
  // "x" alone is also a multiplier ("20 x 2"): only when no number touches it.
  if (id === 'x') return /\b(?:twitter|tweets?)\b|(?<![\d.]\s?)\bx\b(?!\s?\d)/i;
  const label = CHANNEL_LABELS[id].split(/[\s(]/)[0] ?? id;
  const words = [id, label, ...(channelOf(id).aliases ?? [])].map((w) =>
    escapeRegExp(w.toLowerCase())
      .replace(/-/g, '[\\s-]?')
      .replace(/^linkedin/, 'linked\\s?in'),
  );
  return new RegExp(`\\b(?:${[...new Set(words)].join('|')})\\b`, 'i');
}

/** Every social channel in the registry, recognised by its words. */
const PLATFORM_WORDS: readonly (readonly [RegExp, SocialPlatform])[] = SOCIAL_CHANNELS.map(
  (id) => [wordsOf(id), id] as const,
);

const KNOWN_NETWORKS = [
  'instagram',
  'facebook',
  'meta',
  'tiktok',
  'threads',
  'bluesky',
  'youtube',
  'mastodon',
  'reddit',
  'pinterest',
  'snapchat',
  'whatsapp',
];
/** Networks people name that have no social channel in the registry (yet). */
const OTHER_NETWORKS = new RegExp(
  `\\b(${KNOWN_NETWORKS.filter((n) => !PLATFORM_WORDS.some(([pattern]) => pattern.test(n))).join('|')})\\b`,
  'i',
);

/** Words that say the split is uneven without saying how. */
const VAGUE_SPLIT = /\b(?:mostly|mainly|primarily|heavy|heavier|focus(?:ed)?|more on|majority|some)\b/i;

/**
 * The network a text names ("LinkedIn", "Twitter", "X", "tweets"), if any. In running text an "x" next to a
 * number is a multiplier ("social posts x 20"); in a list item ("X 20") it is the network.
 */
export function platformIn(text: string, item = false): SocialPlatform | undefined {
  if (item && /(?<![\p{L}])x(?![\p{L}])/iu.test(text)) return 'x';
  return PLATFORM_WORDS.find(([pattern]) => pattern.test(text))?.[1];
}

export function otherNetworkIn(text: string): string | undefined {
  return OTHER_NETWORKS.exec(text)?.[1];
}

interface Wanted {
  platform: SocialPlatform;
  count?: number;
  percent?: number;
}

/**
 * Splits `count` social posts across the networks named in `items` ("LinkedIn", "Twitter" → X): evenly
 * (the first named takes the odd one) unless an item says how many ("LinkedIn 25", "15 on X", "60% LinkedIn").
 * Items that name no network are returned as notes. Networks Crescendo does not post to are refused, and a
 * vague split ("mostly LinkedIn") is asked about.
 */
export function splitPlatforms(
  line: string,
  count: number,
  items: readonly string[],
): LineRead<{ shares: PlatformShare[]; notes: string[] }> {
  const wanted: Wanted[] = [];
  const notes: string[] = [];
  for (const item of items) {
    const platform = platformIn(item, true);
    const other = otherNetworkIn(item);
    if (other && !platform) {
      return refuse(
        `${quote(line)}: Crescendo posts to LinkedIn and X only, not ${other}; drop it or count those posts elsewhere`,
      );
    }
    if (!platform) {
      notes.push(item);
      continue;
    }
    if (VAGUE_SPLIT.test(item)) {
      return ask(
        line,
        `how many of the ${count} posts go to each network? Write it like \`(LinkedIn 25, X 15)\``,
      );
    }
    if (wanted.some((w) => w.platform === platform)) continue;
    const figure = findQuantities(item)[0];
    wanted.push({
      platform,
      ...(figure === undefined ? {} : figure.percent ? { percent: figure.value } : { count: figure.value }),
    });
  }
  if (wanted.length === 0) return accept({ shares: [], notes });

  const percents = wanted.filter((w) => w.percent !== undefined);
  if (percents.length > 0) {
    const total = percents.reduce((s, w) => s + (w.percent ?? 0), 0);
    if (percents.length !== wanted.length || Math.abs(total - 100) > 0.01) {
      return ask(line, `the shares add up to ${total}%, not 100%: how many posts go to each network?`);
    }
    return accept({
      shares: byLargestRemainder(wanted, count, (w) => ((w.percent ?? 0) * count) / 100),
      notes,
    });
  }
  const given = wanted.reduce((s, w) => s + (w.count ?? 0), 0);
  const open = wanted.filter((w) => w.count === undefined);
  const left = count - given;
  if (left < 0 || (open.length === 0 && left !== 0) || (open.length > 0 && left < open.length)) {
    return ask(line, `the networks add up to ${given} posts, not ${count}: how many go to each?`);
  }
  const shares = byLargestRemainder(wanted, count, (w) => w.count ?? left / open.length);
  return accept({ shares, notes });
}

/** Whole counts that add up to `count`, each the floor of its exact share plus one for the largest remainders. */
function byLargestRemainder(
  wanted: readonly Wanted[],
  count: number,
  exact: (w: Wanted) => number,
): PlatformShare[] {
  const raw = wanted.map((w, i) => ({ i, platform: w.platform, value: exact(w) }));
  const floors = raw.map((r) => Math.floor(r.value + 1e-9));
  let left = count - floors.reduce((s, n) => s + n, 0);
  const order = [...raw].sort(
    (a, b) => b.value - Math.floor(b.value) - (a.value - Math.floor(a.value)) || a.i - b.i,
  );
  for (const r of order) {
    if (left <= 0) break;
    floors[r.i] = (floors[r.i] ?? 0) + 1;
    left--;
  }
  return raw.map((r, i) => ({ platform: r.platform, count: floors[i] ?? 0 })).filter((s) => s.count > 0);
}
