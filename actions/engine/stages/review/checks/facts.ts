import { containsPhrase } from '../../../assets/shared/phrase.js';
import { type CheckResult, type CodeCheck, type CodeClaim, noResult } from '../code-check.js';
import { copyOf, sentences } from '../copy.js';
import { normaliseText, textLine } from '../locate.js';
import type { ReviewedAsset } from '../reviewed-asset.js';
import { contentWords } from '../words.js';

/** A sentence backed by a product fact says (nearly) nothing the fact does not: 75% of its words. */
const BACKED_SHARE = 0.75;
const NUMBER = /\d+(?:[.,]\d+)?\s?%|\b\d+(?:\.\d+)?x\b|\b\d+ times\b/i;
/** Copy that is about the product wherever it stands: a landing page's promise, benefits and proof. */
const PRODUCT_FIELDS = /^(hero\.subheadline|benefits\[\d+\]\.description)$/;
/** Titles and headings name things; they claim only with a figure in them. */
const HEADINGS = /(^|\.)(title|h1|heading|benefitsHeading|proofHeading|subject)$|headlines\[\d+\]$/;
/** A sentence that asks the reader to act is not a statement of fact. */
const IMPERATIVE =
  /^(see|read|get|download|book|start|try|join|learn|discover|explore|sign|register|watch|contact|talk|request|find|grab|claim)\b/i;
/** Fields that state no claim (form labels, hashtags, display paths), or that are read below (stats). */
const NOT_CLAIMS = /^form\.|hashtags|^path[12]$|^slug$|outline|^name$|^proof\.stats/;

/**
 * Product facts come only from brand.yml. Every other sentence about the product (it names the product or
 * speaks as "we"/"our", or it is a landing page's promise, benefit or proof), every statistic, and every
 * testimonial becomes a claim a person must verify before the asset goes out.
 */
export const factsCheck: CodeCheck = {
  id: 'facts',
  rule: 'Product facts only from brand.yml; every other product claim, statistic or testimonial is a claim to verify',
  run({ assets, brand, brief }) {
    const names = [brand.name, brief.product].filter((n): n is string => Boolean(n));
    const nameWords = new Set(names.flatMap((n) => contentWords(n)));
    const facts = brand.productFacts.map((f) => ({ text: f, words: new Set(contentWords(f, nameWords)) }));
    const backed = (sentence: string): boolean => {
      if (facts.some((f) => containsPhrase(sentence, f.text))) return true;
      const numbers = sentence.match(new RegExp(NUMBER, 'gi')) ?? [];
      if (numbers.length > 0) return numbers.every((n) => facts.some((f) => f.text.includes(n.trim())));
      const words = contentWords(sentence, nameWords);
      if (words.length === 0) return true;
      return facts.some((f) => words.filter((w) => f.words.has(w)).length / words.length >= BACKED_SHARE);
    };
    const result: CheckResult = noResult();
    for (const asset of assets) result.claims.push(...claimsOf(asset, names, backed));
    return result;
  },
};

function claimsOf(
  asset: ReviewedAsset,
  names: readonly string[],
  backed: (s: string) => boolean,
): CodeClaim[] {
  const claims: CodeClaim[] = [];
  const seen = new Set<string>();
  const add = (where: string, text: string, kind: CodeClaim['kind']) => {
    const key = normaliseText(text);
    if (seen.has(key)) return;
    seen.add(key);
    const line = textLine(asset, where, text);
    claims.push({ path: asset.path, text, kind, ...(line ? { line } : {}) });
  };
  for (const { where, text } of copyOf(asset)) {
    if (NOT_CLAIMS.test(where)) continue;
    if (/^proof\.testimonials\[\d+\]\.quote$/.test(where)) {
      add(where, `Testimonial: “${text.trim()}”`, 'fact');
      continue;
    }
    for (const sentence of sentences(text)) {
      const productField = asset.type === 'landing-page' && PRODUCT_FIELDS.test(where);
      if (sentence.endsWith('?') || contentWords(sentence).length < 4) continue;
      if (!productField && IMPERATIVE.test(sentence)) continue;
      const statistic = NUMBER.test(sentence);
      if (HEADINGS.test(where) && !statistic) continue;
      const aboutProduct =
        productField || names.some((n) => containsPhrase(sentence, n)) || /\b(we|our|us)\b/i.test(sentence);
      if ((aboutProduct || statistic) && !backed(sentence))
        add(where, sentence, statistic ? 'statistic' : 'product');
    }
  }
  if (asset.type === 'landing-page' && asset.data) {
    const stats = (asset.data as { proof: { stats: { value: string; label: string }[] } }).proof.stats;
    stats.forEach((s, i) => {
      const text = `${s.value} ${s.label}`;
      if (!backed(text)) add(`proof.stats[${i}].value`, text, 'statistic');
    });
  }
  return claims;
}
