import { accept, ask, type LineRead, quote, refuse } from './result.js';
import { plain } from './text.js';

/** Abbreviations and words people use for a zone; the ones that name two places are asked about. */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  utc: 'UTC',
  gmt: 'UTC',
  z: 'UTC',
  et: 'America/New_York',
  est: 'America/New_York',
  edt: 'America/New_York',
  eastern: 'America/New_York',
  'eastern time': 'America/New_York',
  'us eastern': 'America/New_York',
  ct: 'America/Chicago',
  cdt: 'America/Chicago',
  central: 'America/Chicago',
  'central time': 'America/Chicago',
  'us central': 'America/Chicago',
  mt: 'America/Denver',
  mst: 'America/Denver',
  mdt: 'America/Denver',
  mountain: 'America/Denver',
  'mountain time': 'America/Denver',
  pt: 'America/Los_Angeles',
  pst: 'America/Los_Angeles',
  pdt: 'America/Los_Angeles',
  pacific: 'America/Los_Angeles',
  'pacific time': 'America/Los_Angeles',
  'us pacific': 'America/Los_Angeles',
  bst: 'Europe/London',
  'uk time': 'Europe/London',
  cet: 'Europe/Berlin',
  cest: 'Europe/Berlin',
  'central european time': 'Europe/Berlin',
  eet: 'Europe/Athens',
  aest: 'Australia/Sydney',
  aedt: 'Australia/Sydney',
  jst: 'Asia/Tokyo',
  sgt: 'Asia/Singapore',
  hkt: 'Asia/Hong_Kong',
  nzst: 'Pacific/Auckland',
  nzdt: 'Pacific/Auckland',
};

const AMBIGUOUS: Readonly<Record<string, readonly [places: string, example: string]>> = {
  ist: ['India (Asia/Kolkata), Ireland (Europe/Dublin) or Israel (Asia/Jerusalem)', 'Asia/Kolkata'],
  cst: ['US Central (America/Chicago) or China (Asia/Shanghai)', 'America/Chicago'],
  ast: ['Atlantic (America/Halifax) or Arabia (Asia/Riyadh)', 'America/Halifax'],
};

/** Zone names by their last part, spaces for underscores: "new york" → America/New_York. */
const BY_CITY: ReadonlyMap<string, string> = new Map(
  Intl.supportedValuesOf('timeZone').map((zone) => [
    (zone.split('/').at(-1) ?? zone).replace(/_/g, ' ').toLowerCase(),
    zone,
  ]),
);

/** The runtime's own spelling of a zone name, or undefined when it knows none by that name. */
function canonical(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/**
 * Reads a time zone: an IANA name in any case (`America/New_York`, `europe/london`), a city (`New York`,
 * `Berlin`), an abbreviation (`ET`, `PST`, `CET`, `UTC`) or a whole-hour offset (`UTC+2` → `Etc/GMT-2`).
 * `IST`, `CST` and `AST` name two or three places and are asked about; so is a half-hour offset.
 */
export function readTimeZone(text: string): LineRead<string> {
  const raw = plain(text).replace(/\s*\(.*\)$/, '');
  const key = raw.toLowerCase();
  const ambiguous = AMBIGUOUS[key];
  if (ambiguous) return ask(text, `which zone: ${ambiguous[0]}? Write its name, such as ${ambiguous[1]}`);
  const named = ABBREVIATIONS[key] ?? ABBREVIATIONS[key.replace(/\s+time$/, '')];
  if (named) return accept(named);
  const offset = /^(?:utc|gmt)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/i.exec(raw);
  if (offset) {
    const hours = Number(offset[2]);
    if (offset[3] && offset[3] !== '00') {
      return ask(
        text,
        'which place is that? Half-hour offsets have no zone name of their own; write one, such as Asia/Kolkata',
      );
    }
    if (hours === 0) return accept('UTC');
    // The Etc zones count the other way: UTC+2 is Etc/GMT-2.
    const zone = canonical(`Etc/GMT${offset[1] === '+' ? '-' : '+'}${hours}`);
    if (zone) return accept(zone);
  }
  const zone = canonical(raw.replace(/\s+/g, '_')) ?? BY_CITY.get(raw.toLowerCase());
  if (zone) return accept(zone);
  return refuse(
    `${quote(text)} is not a time zone Crescendo knows; write its name, such as America/New_York, Europe/London or UTC`,
  );
}
