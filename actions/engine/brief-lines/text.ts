/** Small text helpers shared by the line readers. */

/** Curly quotes, non-breaking spaces and the minus sign as plain characters; spaces collapsed. */
export function plain(text: string): string {
  return text
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\u2212/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A case-insensitive pattern for a phrase whose words may be joined by spaces, hyphens or underscores. */
export function phrasePattern(phrase: string, flags = 'gi'): RegExp {
  const words = phrase
    .split(/[\s_-]+/)
    .map(escapeRegExp)
    .join('[\\s_-]+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${words}(?![\\p{L}\\p{N}])`, `${flags}u`);
}

export interface Span {
  start: number;
  end: number;
}

/** The text with the spans blanked out (same length, so other spans still point at the same places). */
export function blank(text: string, spans: readonly Span[]): string {
  let out = text;
  for (const { start, end } of spans) out = out.slice(0, start) + ' '.repeat(end - start) + out.slice(end);
  return out;
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** `(…)` and `[…]` groups of a line: their inner texts, and the line without them. */
export function takeBrackets(text: string): { outside: string; inside: string[] } {
  const inside: string[] = [];
  const outside = text.replace(/\(([^()]*)\)|\[([^[\]]*)\]/g, (_, round?: string, square?: string) => {
    const inner = (round ?? square ?? '').trim();
    if (inner !== '') inside.push(inner);
    return ' ';
  });
  return { outside: plain(outside), inside };
}

const URL_PATTERN = /https?:\/\/[^\s,;()<>]+[^\s,;()<>.:!?]/gi;

/**
 * Splits a list written as `a, b and c`, `a / b`, `a + b` or `a; b` into trimmed items. URLs are kept whole
 * (their slashes and commas are not separators).
 */
export function splitItems(text: string): string[] {
  const urls: string[] = [];
  const guarded = text.replace(URL_PATTERN, (url) => {
    urls.push(url);
    return `\uE000${urls.length - 1}\uE000`;
  });
  return guarded
    .split(/\s*[,;+&/]\s*|\s+(?:and|or|plus)\s+/i)
    .map((item) => item.replace(/\uE000(\d+)\uE000/g, (_, i: string) => urls[Number(i)] ?? '').trim())
    .filter((item) => item !== '');
}

/** The first http(s) URL in a text, and the text around it. */
export function takeUrl(text: string): { url?: string; rest: string } {
  const match = new RegExp(URL_PATTERN.source, 'i').exec(text);
  if (!match) return { rest: text };
  return {
    url: match[0],
    rest: plain(text.slice(0, match.index) + text.slice(match.index + match[0].length)),
  };
}

/** Words that carry no meaning on their own in a brief line ("generate", "new", "of"). */
export const FILLER_WORDS = new Set([
  'a',
  'an',
  'the',
  'of',
  'in',
  'new',
  'more',
  'additional',
  'extra',
  'total',
  'to',
  'for',
  'from',
  'at',
  'least',
  'about',
  'around',
  'approximately',
  'roughly',
  'some',
  'our',
  'we',
  'want',
  'need',
  'aim',
  'goal',
  'target',
  'objective',
  'generate',
  'get',
  'drive',
  'book',
  'reach',
  'achieve',
  'hit',
  'grow',
  'increase',
  'boost',
  'win',
  'acquire',
  'add',
  'deliver',
  'attract',
  'capture',
  'land',
  'secure',
  'earn',
  'bring',
  'produce',
  'create',
  'write',
  'publish',
  'make',
  'launch',
  'run',
  'and',
  'with',
  'each',
  'per',
]);

/** The words of a text that are not filler, joined by spaces. */
export function meaningfulWords(text: string): string {
  return text
    .split(/[\s:=,.;!?]+/)
    .filter((w) => w !== '' && !FILLER_WORDS.has(w.toLowerCase()))
    .join(' ');
}
