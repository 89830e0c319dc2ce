import { normaliseSpace } from '../social-post-item.js';

/*
 * Post commentary is LinkedIn's "little" text format: `\ | { } @ [ ] ( ) < > # * _ ~` are markup and must
 * be backslash-escaped, or LinkedIn silently cuts the post at the first one (the API still answers 201).
 * URLs are left as they are so they stay links (their `_` in utm_source must not become `\_`), and
 * `#word` stays a hashtag. Read back, hashtags may come as the template `{hashtag|\#|word}`.
 */

const URL_PATTERN = /https?:\/\/[^\s]*[^\s).,;:!?'"]/g;
const RESERVED = /[\\|{}@[\]()<>*_~#]/g;

function escapePlain(text: string): string {
  return text.replace(RESERVED, (char, offset: number, whole: string) => {
    if (char === '#' && /[\p{L}\p{N}_]/u.test(whole[offset + 1] ?? '')) return char;
    return `\\${char}`;
  });
}

/** Plain text as little text: markup escaped outside URLs and hashtags. */
export function toLittleText(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    out += escapePlain(text.slice(last, start)) + match[0];
    last = start + match[0].length;
  }
  return out + escapePlain(text.slice(last));
}

/** Little text as plain text: hashtag templates as `#word`, escapes removed. */
export function fromLittleText(little: string): string {
  return little
    .replace(/\{hashtag\|\\?#\|([^}]*)\}/g, '#$1')
    .replace(/@\[([^\]]*)\]\(urn:li:[^)]*\)/g, '@$1')
    .replace(/\\([\\|{}@[\]()<>*_~#])/g, '$1');
}

/** The links in a post, as written. */
export const linksIn = (text: string): string[] => Array.from(text.matchAll(URL_PATTERN), (m) => m[0]);

/** Whether two commentaries say the same thing, whatever LinkedIn did to escapes and spacing. */
export const sameCommentary = (found: string, ours: string): boolean =>
  normaliseSpace(fromLittleText(found)) === normaliseSpace(ours);
