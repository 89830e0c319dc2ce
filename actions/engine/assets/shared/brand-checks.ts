import type { BrandVoice } from '../../artifacts/brand.js';
import { formatPath } from '../../files/yaml.js';
import type { AssetType } from '../asset-type.js';
import { containsPhrase, phrasePattern } from './phrase.js';
import { type ContentProblem, error, warning } from './problems.js';

/** A piece of copy a reader will see, with where it sits in the asset. */
export interface CopyText {
  where: string;
  text: string;
}

// Fields that hold identifiers, URLs or enum values rather than copy: brand words in them are no violation.
const NON_COPY_KEYS = new Set([
  'variantId',
  'slug',
  'url',
  'finalUrl',
  'link',
  'platform',
  'kind',
  'type',
  'name',
  'callToAction',
  'path1',
  'path2',
]);

/** Every string of copy in a parsed asset, in document order. */
export function copyTexts(data: unknown): CopyText[] {
  const out: CopyText[] = [];
  const walk = (value: unknown, path: PropertyKey[]): void => {
    if (typeof value === 'string') {
      out.push({ where: formatPath(path, '(asset)'), text: value });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => {
        walk(item, [...path, i]);
      });
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (NON_COPY_KEYS.has(key) || /url$/i.test(key)) continue;
        walk(child, [...path, key]);
      }
    }
  };
  walk(data, []);
  return out;
}

/**
 * Brand rules over all copy: words to avoid (error, naming word and field), required disclaimers (error),
 * and percentages that no product fact backs (warning: the reviewer must verify the claim).
 */
export function checkBrand(type: AssetType, data: unknown, brand: BrandVoice): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const texts = copyTexts(data);
  for (const { where, text } of texts) {
    for (const word of brand.wordsToAvoid) {
      const match = phrasePattern(word).exec(text.normalize('NFC'));
      if (match) {
        problems.push(error(where, `uses "${match[0]}"; brand.yml lists "${word}" under wordsToAvoid`));
      }
    }
  }
  const allCopy = texts.map((t) => t.text).join('\n');
  for (const disclaimer of brand.requiredDisclaimers) {
    if (disclaimer.appliesTo && !disclaimer.appliesTo.includes(type)) continue;
    if (!containsPhrase(allCopy, disclaimer.text)) {
      problems.push(error('(asset)', `the required disclaimer "${disclaimer.text}" is missing`));
    }
  }
  problems.push(...unbackedPercentages(texts, brand.productFacts));
  return problems;
}

const PERCENTAGE = /\d+(?:[.,]\d+)?\s?%/g;

/** A percentage is a checkable claim: it should come from a product fact (or a cited source). */
function unbackedPercentages(texts: readonly CopyText[], facts: readonly string[]): ContentProblem[] {
  const backed = new Set(facts.flatMap((f) => (f.match(PERCENTAGE) ?? []).map(normalisePercentage)));
  const problems: ContentProblem[] = [];
  for (const { where, text } of texts) {
    // Cited statistics (landing page proof) carry their own source.
    if (/(^|\.)source$/.test(where) || /stats\[\d+\]/.test(where)) continue;
    for (const found of text.match(PERCENTAGE) ?? []) {
      if (backed.has(normalisePercentage(found))) continue;
      problems.push(
        warning(
          where,
          `states ${found.trim()}, which no product fact in brand.yml backs; verify it or remove it`,
        ),
      );
    }
  }
  return problems;
}

const normalisePercentage = (text: string): string => text.replace(/\s/g, '').replace(',', '.');
