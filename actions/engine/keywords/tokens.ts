import { isPrintableAscii, nfkc } from './normalise.js';

/** Words of a keyword, lower case, split on anything that is not a letter or digit. */
export function tokenize(keyword: string): string[] {
  const lower = nfkc(keyword).toLowerCase();
  const text = lower.includes("'") || lower.includes('’') ? lower.replace(/['’]s\b/g, '') : lower;
  // In printable ASCII the letters and digits are a-z and 0-9; the Unicode classes are slower.
  const words = text.split(isPrintableAscii(text) ? /[^a-z0-9]+/ : /[^\p{L}\p{N}]+/u);
  // Splitting on runs leaves an empty word only at either end.
  if (words[0] === '') words.shift();
  if (words.at(-1) === '') words.pop();
  return words;
}

/** Function words: they join a phrase, they do not say what it is about. */
const STOPWORDS = wordSet(
  'a an the and or of for to in on at by with without from into about as is are be was do ' +
    'does can i my me you your it its this that these those vs versus near what how why when ' +
    'who which where should will get use using',
);

/**
 * Words that change how a searcher asks but not what about ("best crm", "crm meaning" and
 * "crm" are one topic): quality, price, freshness and definition modifiers, plus years.
 */
const MODIFIERS = wordSet(
  'best top free cheap cheapest online buy price pricing cost review reviews good great new ' +
    'latest vs list near compare comparison meaning definition define',
);

/**
 * Light stemming: plural and possessive endings only ("tools" → "tool", "companies" →
 * "company", "businesses" → "business"), so that singular and plural share a topic without
 * the surprises of a full Porter stemmer ("marketing" stays "marketing").
 */
export function stem(word: string): string {
  // Every rule below removes an "s"; most words do not end in one.
  if (!word.endsWith('s') || word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ss|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/**
 * The stems that say what a keyword is about: tokens without stopwords, modifiers and years,
 * stemmed. Falls back to stems without stopwords when nothing else is left ("best free"),
 * so no keyword ends up with an empty topic.
 */
export function topicStems(keyword: string): string[] {
  const words = tokenize(keyword);
  // One pass and few arrays: this runs for every keyword of an export.
  const core: string[] = [];
  let tokens = 0;
  for (const w of words) {
    if (STOPWORDS.has(w)) continue;
    tokens++;
    if (!MODIFIERS.has(w) && !/^(19|20)\d\d$/.test(w)) core.push(w);
  }
  const chosen = core.length > 0 ? core : tokens > 0 ? words.filter((w) => !STOPWORDS.has(w)) : words;
  const stems: string[] = [];
  for (const w of chosen) {
    const s = stem(w);
    if (!stems.includes(s)) stems.push(s);
  }
  return stems;
}

/** A set from a space-separated word list (easier to read and edit than an array literal). */
export function wordSet(list: string): Set<string> {
  return new Set(list.split(' '));
}

/** How a word counts in `topicStems`: a topic word, a modifier or year, a stopword. */
const CORE = 0;
const MODIFIER = 1;
const STOPWORD = 2;

/**
 * `topicStems` for every keyword of an export, as sorted stem numbers, each word classified
 * and stemmed once: an export repeats the same few thousand words across 100k keywords. Also
 * counts how many keywords hold each stem.
 */
export class StemNumbers {
  /** word → stem number × 4 + its kind. */
  private readonly words = new Map<string, number>();
  private readonly numbers = new Map<string, number>();
  /** Stem number → how many keywords hold it. */
  readonly counts: number[] = [];
  private readonly codes: number[] = [];

  /** Appends the keyword's stem numbers, ascending, to `into`; returns how many. */
  append(keyword: string, into: number[]): number {
    // Scratch lists reused across keywords: fresh ones for each of 100k keywords were most of
    // what clustering allocated (Array.prototype.sort, too, allocates per call).
    const codes = this.codes;
    codes.length = 0;
    let kind = STOPWORD;
    for (const word of tokenize(keyword)) {
      const code = this.code(word);
      codes.push(code);
      kind = Math.min(kind, code & 3);
    }
    const start = into.length;
    for (const code of codes) {
      if ((code & 3) > kind) continue;
      const n = code >> 2;
      // Insertion into the sorted tail, skipping a stem already there.
      let j = into.length - 1;
      while (j >= start && into[j]! > n) j--;
      if (j >= start && into[j] === n) continue;
      into.push(n);
      for (let k = into.length - 1; k > j + 1; k--) into[k] = into[k - 1]!;
      into[j + 1] = n;
      this.counts[n]!++;
    }
    return into.length - start;
  }

  private code(word: string): number {
    let code = this.words.get(word);
    if (code === undefined) {
      const kind = STOPWORDS.has(word)
        ? STOPWORD
        : MODIFIERS.has(word) || /^(19|20)\d\d$/.test(word)
          ? MODIFIER
          : CORE;
      const text = stem(word);
      let n = this.numbers.get(text);
      if (n === undefined) {
        n = this.counts.length;
        this.numbers.set(text, n);
        this.counts.push(0);
      }
      code = n * 4 + kind;
      this.words.set(word, code);
    }
    return code;
  }
}
