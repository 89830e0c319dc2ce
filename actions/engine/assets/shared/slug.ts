/** A URL and file slug: lower-case ASCII letters and digits in words joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Is `value` a real calendar day written yyyy-mm-dd? (2026-02-30 is not.) */
export function isIsoDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * "Q2 Launch: Café & Co!" → "q2-launch-cafe-co". Accents are folded to ASCII; other scripts drop out, so
 * a title with no Latin letters or digits gives `fallback`.
 */
export function slugify(text: string, maxLength = 60, fallback = 'untitled'): string {
  const folded = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const words = folded
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  let slug = '';
  for (const word of words) {
    const next = slug === '' ? word : `${slug}-${word}`;
    if (next.length > maxLength) {
      // Cut on a word boundary; only a single over-long first word is truncated.
      if (slug === '') slug = word.slice(0, maxLength);
      break;
    }
    slug = next;
  }
  return slug === '' ? fallback : slug;
}
