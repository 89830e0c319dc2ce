/** Text matching that respects word edges in any script: "AI" is not found in "paid". */

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A case-insensitive pattern for a word or phrase, whitespace-tolerant, on word boundaries. */
export function phrasePattern(phrase: string, flags = 'iu'): RegExp {
  const body = phrase.trim().split(/\s+/).map(escapeRegExp).join('[\\s\\u00a0]+');
  return new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`, flags);
}

export const containsPhrase = (text: string, phrase: string): boolean =>
  phrasePattern(phrase).test(text.normalize('NFC'));

export function firstWords(text: string, count: number): string {
  return text
    .split(/\s+/)
    .filter((w) => w !== '')
    .slice(0, count)
    .join(' ');
}
