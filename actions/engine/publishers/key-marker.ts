import { createHash } from 'node:crypto';

/*
 * How a publish key travels inside what a platform stores, so `find` can tell our item from one a person
 * made with the same slug or title. Keys are opaque strings; each carrier accepts a different alphabet.
 */

const MARKER = /<!--\s*crescendo:key=([^\s>]+)\s*-->/;

/** An HTML comment carrying the key (WordPress keeps comments in `content.raw`, Ghost in code injection). */
export const keyComment = (key: string): string => `<!-- crescendo:key=${encodeURIComponent(key)} -->`;

/** The key of the first marker in a text, if any. */
export function keyInComment(text: string | undefined): string | undefined {
  const found = text === undefined ? null : MARKER.exec(text);
  if (!found?.[1]) return undefined;
  try {
    return decodeURIComponent(found[1]);
  } catch {
    return undefined;
  }
}

/**
 * The key as RFC 5322 `atext` (letters, digits, `_` and `-` kept; every other byte as `=XX`), for the left
 * side of a Message-ID. Injective, so two keys never share a Message-ID, and still readable.
 */
export function atextKey(key: string): string {
  return Array.from(Buffer.from(key, 'utf8'))
    .map((byte) => {
      const ch = String.fromCharCode(byte);
      return /[A-Za-z0-9_-]/.test(ch) ? ch : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/** The text a title carries, e.g. `[crescendo:q2.blog.a]`: visible to people, unique per key. */
export const titleTag = (key: string): string => `[crescendo:${key}]`;

/** A short stable digest, for names that must stay short (recipient ids in Message-IDs). */
export const shortDigest = (text: string): string =>
  createHash('sha256').update(text).digest('hex').slice(0, 12);
