import type { ReviewedAsset } from './reviewed-asset.js';

/*
 * Lines in an asset file. Findings point at the line a person edits: the copy in the front matter's
 * `asset:` (the body below is rendered from it), found from a field path (`emails[0].subject`) or from the
 * words a finding quotes.
 */

/** `emails[0].subject` → `['emails', 0, 'subject']`; `(asset)` → `[]`. */
export function parseFieldPath(where: string): (string | number)[] {
  if (where === '' || where.startsWith('(')) return [];
  const segments: (string | number)[] = [];
  for (const match of where.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[1] !== undefined) segments.push(match[1]);
  }
  return segments;
}

/** The line of a field of the asset's copy; the `asset:` line when the field has none of its own. */
export function fieldLine(asset: ReviewedAsset, where: string): number | undefined {
  if (where === '(context)') return asset.lineOf(['channel']) ?? asset.statusLine;
  const path = parseFieldPath(where);
  for (let depth = path.length; depth >= 0; depth--) {
    const line = asset.lineOf(['asset', ...path.slice(0, depth)]);
    if (line !== undefined) return line;
  }
  return undefined;
}

/** Text as compared for finding a quote: no markup, one kind of quote and dash, single spaces, lower case. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\\(["\\])/g, '$1')
    .replace(/[’‘`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/[*_]+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Line ranges to search, 1-based inclusive: the copy in the front matter first, then the body. */
function regions(asset: ReviewedAsset): [number, number][] {
  const close = asset.lines.indexOf('---', 1) + 1;
  const copyStart = asset.lineOf(['asset']) ?? 1;
  if (close <= 0) return [[1, asset.lines.length]];
  return [
    [copyStart, close - 1],
    [close + 1, asset.lines.length],
  ];
}

function searchLines(asset: ReviewedAsset, needle: string, from: number, to: number): number | undefined {
  if (needle === '') return undefined;
  for (let line = Math.max(1, from); line <= Math.min(to, asset.lines.length); line++) {
    if (normaliseText(asset.lines[line - 1] ?? '').includes(needle)) return line;
  }
  return undefined;
}

/** Shorter and shorter beginnings of a quote, for one that spans lines or was cut by the writer. */
function needles(quote: string): string[] {
  const words = normaliseText(quote).split(' ').filter(Boolean);
  const out = [words.join(' ')];
  for (const n of [12, 8, 5]) if (words.length > n) out.push(words.slice(0, n).join(' '));
  return out;
}

/**
 * The line where the asset says `quote` (case, quote marks and markup aside), searching from `near` when
 * given; undefined when the asset does not contain it.
 */
export function quoteLine(asset: ReviewedAsset, quote: string, near?: number): number | undefined {
  for (const needle of needles(quote)) {
    if (needle.split(' ').length < 3 && needle.length < 12 && needle !== normaliseText(quote)) continue;
    if (near !== undefined) {
      // Near a field: within its region (the copy in the front matter, or the body).
      const region = regions(asset).find(([from, to]) => near >= from && near <= to);
      const found = searchLines(asset, needle, near, region?.[1] ?? asset.lines.length);
      if (found !== undefined) return found;
    }
    for (const [from, to] of regions(asset)) {
      const found = searchLines(asset, needle, from, to);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** The line of `text` inside the field `where` (a sentence of a long section), else the field's line. */
export function textLine(asset: ReviewedAsset, where: string, text: string): number | undefined {
  const field = fieldLine(asset, where);
  return quoteLine(asset, text, field) ?? field;
}
