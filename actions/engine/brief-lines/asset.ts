import type { AssetRequestLine, LandingPage, SocialPlatform } from '../artifacts/brief-parts.js';
import { AssetType } from '../assets/asset-type.js';
import { NAMED_TYPES, readItems } from './asset-items.js';
import { findAssetTypes, NOT_ASSETS } from './asset-type.js';
import { platformIn } from './platforms.js';
import { findQuantities, type Quantity } from './quantity.js';
import { accept, ask, type LineRead, quote, refuse } from './result.js';
import { blank, meaningfulWords, plain, splitItems, takeBrackets } from './text.js';

export const ASSET_EXAMPLE = '8 blog posts (SEO-optimized)';

/** One asset line read: the request, landing pages it gave addresses for, and what it promotes. */
export interface AssetRead {
  request: AssetRequestLine;
  landingPages: LandingPage[];
  /** "for each lead magnet": the count (and names) come from the promoted line, set when the list is read. */
  countFromPromoted?: 'all' | 'both';
}

/** "for both lead magnets", "promoting the ebook and the template": what each item promotes. */
const PROMOTES =
  /\b(?:for|promoting|to promote|that promote|driving to|pointing to|behind)\s+(?:(?<q>both|all|each|every|the|our|\d+|two|three|four|five)\s+)?(?:of\s+(?:the|our)\s+)?(?<what>.+)$/i;

/** Numbers that size an asset rather than count them ("1,500 words", "a 20-page ebook"). */
const SIZE_AFTER =
  /^[\s-]*(?:words?|characters?|chars?|pages?|minutes?|mins?|seconds?|secs?|emails?|steps?|slides?)\b/i;

/**
 * Reads one asset line with the count anywhere and the detail kept: `8 blog posts (SEO-optimized)`,
 * `40 social posts (LinkedIn, Twitter)`, `3 email sequences (welcome, nurture, promotional)`,
 * `2 landing pages (trial: https://…, demo: https://…)`, `Lead magnets: ebook, template`, `blog-post: 3`,
 * `LinkedIn ads x 4`, `LinkedIn Ads for both lead magnets`, `20 tweets`, a bare `ebook` (one).
 */
export function readAsset(text: string, line = text): LineRead<AssetRead> {
  const { outside, inside } = takeBrackets(plain(text));
  let head = outside;
  let listed: string[] = [];
  const colon = /^(?<left>[^:=]+?)\s*[:=]\s*(?<right>.*)$/.exec(outside);
  if (
    colon?.groups &&
    !/https?$/i.test(colon.groups.left ?? '') &&
    findAssetTypes(colon.groups.left ?? '').length
  ) {
    head = colon.groups.left ?? '';
    const right = colon.groups.right ?? '';
    const counts = findQuantities(right, { words: true });
    const words = meaningfulWords(blank(right, counts));
    if (counts.length > 0) head = `${head} ${right}`;
    else if (words !== '') listed = splitItems(right);
  }
  const leftType = listed.length > 0 ? findAssetTypes(head)[0]?.type : undefined;
  if (
    leftType &&
    !NAMED_TYPES.has(leftType) &&
    !(leftType === 'social-post' && listed.some((item) => platformIn(item, true)))
  ) {
    return refuse(
      `${quote(colon?.groups?.right ?? '')} is not a count; write how many as a whole number, like \`${ASSET_EXAMPLE}\``,
    );
  }

  let promotes: AssetType | undefined;
  let quantifier: string | undefined;
  const clause = PROMOTES.exec(head);
  const promoted = clause?.groups?.what ? findAssetTypes(clause.groups.what)[0] : undefined;
  if (clause?.groups?.what && promoted && clause.groups.what.slice(0, promoted.start).trim() === '') {
    promotes = promoted.type;
    quantifier = clause.groups.q?.toLowerCase();
    head = head.slice(0, clause.index);
  }

  const types = findAssetTypes(head);
  const distinct = [...new Set(types.map((t) => t.type))];
  const impliedPlatforms = types.map((t) => t.platform).filter((p): p is SocialPlatform => p !== undefined);
  let type = distinct[0];
  if (distinct.length > 1) {
    return ask(
      line,
      `which asset is it, ${types.map((t) => `\`${t.phrase}\``).join(' or ')}? Put each type on its own line`,
    );
  }
  const bare = blank(head, types);
  if (type === undefined && /\bposts?\b/i.test(bare)) {
    if (platformIn(bare) || inside.some((i) => platformIn(i))) type = 'social-post';
    else return ask(line, 'blog posts or social posts? Write `blog posts` or `social posts (LinkedIn, X)`');
  }
  const numbers = findQuantities(bare, { words: true });
  const sizes = numbers.filter((q) => SIZE_AFTER.test(bare.slice(q.end)));
  const counts = numbers.filter((q) => !sizes.includes(q));
  const sizeNotes = sizes.map((q) => `${q.raw}${SIZE_AFTER.exec(bare.slice(q.end))?.[0] ?? ''}`.trim());
  if (type === undefined) {
    const words = colon?.groups?.left?.trim() || meaningfulWords(blank(bare, counts)) || text.trim();
    const advice =
      NOT_ASSETS.find(([pattern]) => pattern.test(text))?.[1] ??
      `use one of ${AssetType.options.join(', ')} (or a plain name such as "blog posts"), like \`${ASSET_EXAMPLE}\``;
    return refuse(`${quote(words)} is not an asset type Crescendo writes; ${advice}`);
  }
  if (counts.length > 1) {
    return ask(line, `how many, ${counts.map((q) => `\`${q.raw}\``).join(' or ')}? Write one count`);
  }
  const written = countOf(counts[0]);
  const platformWords = type === 'social-post' ? platformMentions(bare) : [];
  const quantified =
    quantifier === 'both' ? 2 : /^\d+$/.test(quantifier ?? '') ? Number(quantifier) : undefined;
  const items = [...inside.flatMap(splitItems), ...listed, ...platformWords, ...sizeNotes];
  const parts = readItems(line, type, written ?? quantified, items, impliedPlatforms);
  if (!parts.ok) return parts;
  const { count, landingPages, ...detail } = parts.value;
  const request: AssetRequestLine = { type, count, ...detail, ...(promotes ? { promotes } : {}) };
  const pending = written === undefined && promotes && quantified === undefined;
  return accept({
    request,
    landingPages,
    ...(pending ? { countFromPromoted: 'all' as const } : {}),
    ...(promotes && quantifier === 'both' && written === undefined
      ? { countFromPromoted: 'both' as const }
      : {}),
  });
}

function countOf(q: Quantity | undefined): number | undefined {
  if (!q) return undefined;
  return q.percent ? undefined : q.value;
}

/** "on LinkedIn and Twitter", "across LinkedIn & X": the networks named outside the brackets. */
function platformMentions(text: string): string[] {
  const m = /\b(?:on|across|for|to)\s+(.+)$/i.exec(text);
  if (!m?.[1]) return [];
  return splitItems(m[1]).filter((item) => platformIn(item) !== undefined);
}

/** Splits `8 blog posts, 2 lead magnets (ebook, template)` at the commas outside brackets, if each part names a type. */
export function splitAssetLine(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  const flat = plain(text);
  for (let i = 0; i < flat.length; i++) {
    const c = flat[i] ?? '';
    if (c === '(' || c === '[') depth++;
    if (c === ')' || c === ']') depth = Math.max(0, depth - 1);
    const rest = flat.slice(i);
    const separator = depth === 0 ? /^(?:;\s*|,\s+|\s+and\s+(?=\d))/.exec(rest) : null;
    if (separator) {
      parts.push(current);
      current = '';
      i += separator[0].length - 1;
    } else {
      current += c;
    }
  }
  parts.push(current);
  const trimmed = parts.map((p) => p.trim()).filter((p) => p !== '');
  const types = trimmed.map((p) => findAssetTypes(takeBrackets(p).outside)[0]?.type);
  const distinct = types.every((t, i) => t !== undefined && types.indexOf(t) === i);
  const listAfterColon = /^[^:(]+:/.test(flat) && findAssetTypes(flat.split(':')[0] ?? '').length > 0;
  return trimmed.length > 1 && distinct && !listAfterColon ? trimmed : [flat];
}
