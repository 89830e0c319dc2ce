import type { AssetRequestLine, Objective } from '../../artifacts/brief-parts.js';
import { readAsset } from '../../brief-lines/asset.js';
import { normaliseAssetType } from '../../brief-lines/asset-type.js';
import { type Money, readMoney as readAmount } from '../../brief-lines/money.js';
import { readObjectiveLine as readObjectives } from '../../brief-lines/objectives.js';
import { quote } from '../../brief-lines/result.js';

/**
 * Readers for the free-text answers of the campaign issue form: lists and dropdown codes here; numbers and
 * money, objective lines and asset lines come from `brief-lines/`, which brief files share. Each returns a
 * value or a message saying what to write instead; user text is quoted with `quote` so the message can be
 * shown in an issue comment safely.
 */

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

export { quote };

/** One non-blank line of a textarea, with its 1-based line number as the user sees it. */
export interface NumberedLine {
  line: number;
  text: string;
}

/** Splits a textarea answer into lines, dropping list bullets (`- `, `* `, `1. `) and blank lines. */
export function answerLines(text: string | undefined): NumberedLine[] {
  if (text === undefined) return [];
  const out: NumberedLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = stripBullet(raw);
    if (line !== '') out.push({ line: i + 1, text: line });
  });
  return out;
}

function stripBullet(text: string): string {
  return text
    .trim()
    .replace(/^(?:[-*+•]|\d{1,3}[.)])\s+/, '')
    .replace(/^\[[ xX]\]\s+/, '')
    .trim();
}

/** A comma (or semicolon, or newline) separated list; empty items dropped. */
export function splitList(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text
    .split(/[,;\n]/)
    .map(stripBullet)
    .filter((item) => item !== '');
}

/** One item per line; a single-line answer may also separate items with commas or semicolons. */
export function splitLines(text: string | undefined): string[] {
  const lines = answerLines(text).map((l) => l.text);
  return lines.length === 1 ? splitList(lines[0]) : lines;
}

export type { Money } from '../../brief-lines/money.js';

/**
 * Reads `25000`, `25,000`, `25 000`, `25k`, `1.5m`, `$25,000`, `EUR 25000`, `-500`. Commas and spaces
 * are thousands separators only (`25,5` is refused rather than guessed).
 */
export function readMoney(text: string): Read<Money> {
  return readAmount(text);
}

/** The first ISO 4217 code in a dropdown answer such as `EUR (euro)`. */
export function readCurrencyCode(text: string): string | undefined {
  return /^\s*([A-Za-z]{3})\b/.exec(text)?.[1]?.toUpperCase();
}

export type ObjectiveLine = Objective;

/**
 * Reads one objective line in a marketer's words (see `brief-lines/objective.ts`): `500 mqls by 2025-06-30 —
 * Pipeline for Q3`, `Generate 400 marketing-qualified leads by 2025-06-30`. Revenue is in the currency written
 * with the number, else `defaultCurrency`. A line holding several objectives gives the first.
 */
export function readObjectiveLine(text: string, defaultCurrency: string | undefined): Read<ObjectiveLine> {
  const read = readObjectives(text, defaultCurrency === undefined ? {} : { currency: defaultCurrency });
  if (!read.ok) return read;
  const [first] = read.value;
  return first ? { ok: true, value: first } : { ok: false, message: `${quote(text)} holds no objective` };
}

export { normaliseAssetType };

export type AssetLine = AssetRequestLine;

/**
 * Reads one asset line (see `brief-lines/asset.ts`): `blog-post: 3`, `3 blog posts`, `LinkedIn ads x 4`,
 * `40 social posts (LinkedIn, Twitter)`, a bare `ebook` for one. Counts are checked later by the Brief schema.
 */
export function readAssetLine(text: string): Read<AssetLine> {
  const read = readAsset(text);
  return read.ok ? { ok: true, value: read.value.request } : read;
}
