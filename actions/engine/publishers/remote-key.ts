import { createHash } from 'node:crypto';

/**
 * A short, stable tag for a publish key or an asset, embedded in the names of what the ad platforms create
 * (campaign and creative names), so `find` recognises them. 12 hex characters of SHA-256: readable in a
 * name, and a collision inside one ad account is out of reach (2^48).
 */
export function keyTag(...parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 12);
}

/** `text` cut to `max` characters, on a character boundary. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('');
}
