import type { AssetRequestLine, LandingPage, SocialPlatform } from '../artifacts/brief-parts.js';
import type { AssetType } from '../assets/asset-type.js';
import { assetNoun } from './asset-type.js';
import { splitPlatforms } from './platforms.js';
import { accept, ask, type LineRead } from './result.js';
import { plain, takeUrl } from './text.js';

/** Types whose items each have a name: a sequence's name, a lead magnet's kind, a landing page's purpose. */
export const NAMED_TYPES: ReadonlySet<AssetType> = new Set(['email-sequence', 'lead-magnet', 'landing-page']);

/** Types whose main text has a platform limit, so "(max 200 characters)" is a `maxLength`. */
const LIMITED_TYPES: ReadonlySet<AssetType> = new Set(['social-post', 'google-rsa', 'linkedin-ad']);

/** What the items of a line add to its request. */
export type ItemParts = Pick<AssetRequestLine, 'platform' | 'platforms' | 'names' | 'notes' | 'maxLength'> & {
  count: number;
  landingPages: LandingPage[];
};

const KIND_SPELLINGS: Readonly<Record<string, string>> = {
  'e-book': 'ebook',
  'e book': 'ebook',
  ebooks: 'ebook',
};

function nameOf(type: AssetType, text: string): string {
  const name = text
    .replace(/\s*[:=→-]+\s*$/, '')
    .replace(/^\s*[:=→-]+\s*/, '')
    .trim();
  if (type !== 'lead-magnet') return name;
  return KIND_SPELLINGS[name.toLowerCase()] ?? name;
}

/**
 * Interprets the parenthesised (or after-the-colon) items of an asset line for its type:
 * - social posts: the networks and how many on each ("LinkedIn, Twitter" → 20 and 20 of 40);
 * - email sequences, lead magnets, landing pages: one name per item ("welcome, nurture, promotional"),
 *   a landing page's URL after its purpose ("trial: https://…"); a single descriptor for several items
 *   ("3 sequences (automated)") is a note;
 * - everything else, and anything unrecognised: notes, as written.
 * `count` is the line's number when it wrote one; otherwise the items count.
 */
export function readItems(
  line: string,
  type: AssetType,
  count: number | undefined,
  items: readonly string[],
  impliedPlatforms: readonly SocialPlatform[],
): LineRead<ItemParts> {
  const notes: string[] = [];
  const sizeLimit = items.map((item) =>
    /\b(?:max(?:imum)?|up to|under|≤|<=)?\s*(\d+)\s*(?:characters|chars)\b/i.exec(item),
  );
  let maxLength: number | undefined;
  const rest: string[] = [];
  items.forEach((item, i) => {
    const limit = sizeLimit[i];
    if (limit && LIMITED_TYPES.has(type)) maxLength = Number(limit[1]);
    else rest.push(item);
  });
  const extra = { ...(maxLength === undefined ? {} : { maxLength }) };

  if (type === 'social-post') {
    const total = count ?? 1;
    const named = [...impliedPlatforms.map((p) => (p === 'x' ? 'X' : 'LinkedIn')), ...rest];
    const split = splitPlatforms(line, total, named);
    if (!split.ok) return split;
    const { shares } = split.value;
    notes.push(...split.value.notes);
    return accept({
      count: total,
      landingPages: [],
      ...(shares.length === 1 && shares[0] ? { platform: shares[0].platform } : {}),
      ...(shares.length > 1 ? { platforms: shares } : {}),
      ...(notes.length ? { notes } : {}),
      ...extra,
    });
  }

  if (
    !NAMED_TYPES.has(type) ||
    rest.length === 0 ||
    (rest.length === 1 && (count ?? 1) > 1 && !/https?:/i.test(rest[0] ?? ''))
  ) {
    notes.push(...rest);
    return accept({ count: count ?? 1, landingPages: [], ...(notes.length ? { notes } : {}), ...extra });
  }

  if (count !== undefined && rest.length !== count) {
    const listed = rest.map((r) => takeUrl(r).rest || r).join(', ');
    return ask(
      line,
      `${count} ${assetNoun(type, count)} but ${rest.length} named (${listed}): name each one, or change the count to ${rest.length}?`,
    );
  }
  const names: string[] = [];
  const landingPages: LandingPage[] = [];
  for (const item of rest) {
    const { url, rest: words } = takeUrl(plain(item));
    const name = nameOf(type, words);
    if (url && name === '') {
      return ask(line, `what is the page at ${url} for? Write its purpose before it, like \`trial: ${url}\``);
    }
    names.push(name);
    if (url && type === 'landing-page') landingPages.push({ purpose: name, url });
    else if (url) notes.push(item);
  }
  return accept({ count: names.length, names, landingPages, ...(notes.length ? { notes } : {}), ...extra });
}
