/**
 * Large keyword exports made up deterministically, shaped like a real Keyword Magic Tool
 * export for one seed: every keyword holds the seed ("crm"), words are drawn from a long-tailed
 * (Zipf) vocabulary so a few words ("software", "free") are in many keywords and most in few,
 * keywords run 1–6 words, volumes are heavy-tailed. Used by the linear-growth test and by
 * `npm run bench`; never presented as real data.
 */

/** A small, fast, seedable PRNG (mulberry32): the same rows on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMON =
  'software free best small business for sales management system tool online open source app ' +
  'marketing email cloud pricing real estate companies platform vs examples meaning what is how to ' +
  'integration database customer service automation pipeline lead tracking enterprise nonprofit ' +
  'startups template dashboard reports mobile ios android salesforce hubspot alternatives';
const SYLLABLES = 'ka lo mi ra te sun vel dor pix ban tro lin gar fes mo qui zen wal hep cor'.split(' ');

/**
 * The vocabulary, most frequent first: real words, then made-up words for the long tail. Its
 * size is fixed, so exports of every size are drawn from one distribution.
 */
const VOCABULARY = 30_000;

function vocabulary(size: number): string[] {
  const words = COMMON.split(' ');
  const rng = random(7);
  const seen = new Set(words);
  while (words.length < size) {
    const parts = 2 + Math.floor(rng() * 3);
    let word = '';
    for (let i = 0; i < parts; i++) word += SYLLABLES[Math.floor(rng() * SYLLABLES.length)];
    if (!seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  }
  return words;
}

/** Cumulative Zipf weights (exponent 1) over `size` ranks, for sampling by binary search. */
function zipf(size: number): Float64Array {
  const cumulative = new Float64Array(size);
  let sum = 0;
  for (let r = 0; r < size; r++) {
    sum += 1 / (r + 1);
    cumulative[r] = sum;
  }
  for (let r = 0; r < size; r++) cumulative[r]! /= sum;
  return cumulative;
}

function sample(cumulative: Float64Array, u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `count` distinct keywords around the seed "crm", with a volume each (highest first). */
export function generatedKeywords(count: number, seed = 1): { keyword: string; volume: number }[] {
  const words = vocabulary(VOCABULARY);
  const weights = zipf(words.length);
  const rng = random(seed);
  const seen = new Set<string>();
  const out: { keyword: string; volume: number }[] = [];
  while (out.length < count) {
    const length = 1 + Math.floor(rng() * rng() * 6);
    const picked = ['crm'];
    for (let i = 0; i < length; i++)
      picked.splice(Math.floor(rng() * (picked.length + 1)), 0, words[sample(weights, rng())]!);
    const keyword = picked.join(' ');
    if (seen.has(keyword)) continue;
    seen.add(keyword);
    out.push({ keyword, volume: 10 + Math.floor(1e6 * rng() ** 8) });
  }
  return out;
}

/** A Semrush Keyword Magic Tool CSV of `count` rows (UTF-8 with BOM, every column filled). */
export function generatedSemrushExport(count: number, seed = 1): string {
  const rng = random(seed + 1000);
  const intents = ['Commercial', 'Informational', '"Commercial, Transactional"', 'Navigational'];
  const lines = [
    '\uFEFFKeyword,Intent,Volume,Trend,Keyword Difficulty,CPC (USD),Competitive Density,SERP Features,Number of Results',
  ];
  for (const { keyword, volume } of generatedKeywords(count, seed)) {
    const kd = Math.floor(rng() * 100);
    const cpc = (rng() * 40).toFixed(2);
    const density = rng().toFixed(2);
    const intent = intents[Math.floor(rng() * intents.length)];
    lines.push(
      `${keyword},${intent},${volume},"0.81,0.81,1.00,0.81",${kd},${cpc},${density},"Sitelinks, Reviews",${Math.floor(rng() * 1e9)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
