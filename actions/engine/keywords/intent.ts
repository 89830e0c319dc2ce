import type { Intent } from './schema.js';
import { tokenize, wordSet } from './tokens.js';

/** Fixed order, so intents print the same way whichever tool listed them first. */
const ORDER: readonly Intent[] = ['transactional', 'commercial', 'informational', 'navigational'];

const WORDS: Record<string, Intent> = {
  informational: 'informational',
  info: 'informational',
  i: 'informational',
  navigational: 'navigational',
  n: 'navigational',
  commercial: 'commercial',
  c: 'commercial',
  transactional: 'transactional',
  t: 'transactional',
};

/** Semrush API and older exports write intent as codes. */
const SEMRUSH_CODES: Record<string, Intent> = {
  '0': 'commercial',
  '1': 'informational',
  '2': 'navigational',
  '3': 'transactional',
};

/**
 * Intents from a tool's cell: Semrush "Commercial, Transactional" (or codes "0,3"), Ahrefs
 * "Informational,Commercial,Non-branded,Non-local". Ahrefs' branded/local flags and labels
 * not known here are dropped: they are not search intents and must not fail an import.
 */
export function parseIntents(raw: string | undefined): Intent[] | undefined {
  if (raw === undefined) return undefined;
  // An export repeats a handful of intent cells across every row: read each once.
  const known = READ_INTENTS.get(raw);
  if (known !== undefined) return known === null ? undefined : [...known];
  const intents = readIntents(raw);
  if (READ_INTENTS.size < 1000) READ_INTENTS.set(raw, intents ?? null);
  return intents && [...intents];
}

const READ_INTENTS = new Map<string, readonly Intent[] | null>();

function readIntents(raw: string): Intent[] | undefined {
  const found = new Set<Intent>();
  for (const part of raw.split(/[,;|/]/)) {
    const word = part.trim().toLowerCase();
    const intent = WORDS[word] ?? SEMRUSH_CODES[word];
    if (intent) found.add(intent);
  }
  return found.size === 0 ? undefined : sortIntents(found);
}

export function sortIntents(intents: Iterable<Intent>): Intent[] {
  // At most four kinds: a list scan is cheaper than building a Set for every keyword.
  const list = Array.isArray(intents) ? (intents as readonly Intent[]) : [...intents];
  return ORDER.filter((i) => list.includes(i));
}

const TRANSACTIONAL = wordSet(
  'buy order purchase price pricing prices cost costs cheap cheapest deal deals discount ' +
    'coupon coupons quote hire subscribe trial download shop sale rent booking book',
);
const COMMERCIAL = wordSet(
  'best top vs versus review reviews compare comparison alternative alternatives software ' +
    'tool tools platform app apps service services provider providers agency company companies ' +
    'vendor vendors',
);
const INFORMATIONAL = wordSet(
  'how what why when who which guide tutorial examples example ideas tips definition meaning ' +
    'learn template templates checklist',
);

/**
 * A guess at intent from the words of a keyword, for sources that give none (Keyword Planner,
 * Search Console). Deliberately small word lists: a wrong guess changes the score, so only
 * strong, common signals count ("buy", "pricing" → transactional; "best", "vs", "software" →
 * commercial; "how", "guide" → informational). "near me" counts as transactional.
 */
export function inferIntents(keyword: string): Intent[] | undefined {
  const tokens = tokenize(keyword);
  const found = new Set<Intent>();
  if (tokens.some((w) => TRANSACTIONAL.has(w)) || /\bnear me\b/i.test(keyword)) found.add('transactional');
  if (tokens.some((w) => COMMERCIAL.has(w))) found.add('commercial');
  if (tokens.some((w) => INFORMATIONAL.has(w))) found.add('informational');
  return found.size === 0 ? undefined : sortIntents(found);
}
