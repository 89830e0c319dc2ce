import { wordsOf } from './copy.js';

/** Words that carry no claim, left out when comparing a sentence with a product fact. */
const STOPWORDS = new Set(
  `a an and are as at be been but by can could do does for from has have how i if in into is it its just
  more most no not of on one or our so than that the their them then there these they this those to up us
  was we what when where which who will with you your yours our ours all any each every also only very`
    .split(/\s+/)
    .filter(Boolean),
);

export const contentWords = (text: string, drop: ReadonlySet<string> = new Set()): string[] =>
  wordsOf(text)
    .map((w) => (w.length > 4 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w))
    .filter((w) => !STOPWORDS.has(w) && !drop.has(w));
