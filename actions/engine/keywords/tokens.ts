import { isPrintableAscii, nfkc } from './normalise.js';

/** Words of a keyword, lower case, split on anything that is not a letter or digit. */
export function tokenize(keyword: string): string[] {
  const text = nfkc(keyword)
    .toLowerCase()
    .replace(/['’]s\b/g, '');
  // In printable ASCII the letters and digits are a-z and 0-9; the Unicode classes are slower.
  return text.split(isPrintableAscii(text) ? /[^a-z0-9]+/ : /[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
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
  if (word.length <= 3 || /\d/.test(word)) return word;
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
  const tokens = tokenize(keyword).filter((w) => !STOPWORDS.has(w));
  const core = tokens.filter((w) => !MODIFIERS.has(w) && !/^(19|20)\d\d$/.test(w));
  const chosen = core.length > 0 ? core : tokens.length > 0 ? tokens : tokenize(keyword);
  return [...new Set(chosen.map(stem))];
}

/** A set from a space-separated word list (easier to read and edit than an array literal). */
export function wordSet(list: string): Set<string> {
  return new Set(list.split(' '));
}
