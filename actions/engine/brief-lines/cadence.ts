import type { Cadence } from '../artifacts/brief-parts.js';
import type { Channel } from '../channels/index.js';
import { findQuantities } from './quantity.js';
import { accept, ask, type LineRead, type LinesRead, quote, refuse, type SourceLine } from './result.js';
import { plain } from './text.js';

export interface CadenceContext {
  /** The campaign's social networks, for "daily social"; LinkedIn and X when none are known. */
  socialChannels?: readonly Channel[];
}

export const CADENCE_EXAMPLE = 'Blog: 2 posts/week';

/** Words that name where a cadence runs; "social" means every social network of the campaign. */
const CHANNEL_WORDS: readonly (readonly [RegExp, Channel | 'social'])[] = [
  [/\blinked\s?in ads?\b/i, 'linkedin-ads'],
  [/\bgoogle ads?\b/i, 'google-ads'],
  [/\b(?:meta|facebook) ads?\b/i, 'meta-ads'],
  [/\b(?:blog|seo|articles?|blog posts?)\b/i, 'blog'],
  [/\b(?:email|e-mail|newsletters?|nurtures?|sequences?|digest)\b/i, 'email'],
  [/\bsocial\b/i, 'social'],
  [/\blinked\s?in\b/i, 'linkedin'],
  [/\b(?:twitter|tweets?)\b|(?<!\d\s?)\bx\b(?!\s?\d)/i, 'x'],
  [/\bwebinars?\b/i, 'webinar'],
];

type Rate = Pick<Cadence, 'times' | 'every' | 'unit' | 'weekdaysOnly'>;
const UNIT = '(?<unit>day|week|month|wk|mo)';

/** Frequencies, most specific first. */
const RATES: readonly (readonly [RegExp, (g: Record<string, string | undefined>) => Rate | 'ask'])[] = [
  [/\b(?:bi-?weekly|bi-?monthly)\b/i, () => 'ask'],
  [
    /\bevery (?:other|second) (?<unit>day|week|month)\b/i,
    (g) => ({ times: 1, every: 2, unit: unitOf(g.unit) }),
  ],
  [/\b(?:fortnightly|every (?:two|2) weeks)\b/i, () => ({ times: 1, every: 2, unit: 'week' })],
  [/\b(?:quarterly|every (?:three|3) months)\b/i, () => ({ times: 1, every: 3, unit: 'month' })],
  [/\b(?:every |each |on )?weekdays?\b/i, () => ({ times: 1, unit: 'day', weekdaysOnly: true })],
  [
    new RegExp(
      `(?<n>\\d+|once|twice|thrice|one|two|three|four|five|six|seven)\\s*(?:x|times)?\\s*(?:[a-z-]+\\s*){0,2}?(?:/|per|a|an|each|every)\\s*${UNIT}\\b`,
      'i',
    ),
    (g) => ({ times: timesOf(g.n), unit: unitOf(g.unit) }),
  ],
  [/\b(?:daily|every day|each day|a day)\b/i, () => ({ times: 1, unit: 'day' })],
  [/\b(?:weekly|every week|each week)\b/i, () => ({ times: 1, unit: 'week' })],
  [/\b(?:monthly|every month|each month)\b/i, () => ({ times: 1, unit: 'month' })],
];

const TIMES: Readonly<Record<string, number>> = {
  once: 1,
  one: 1,
  twice: 2,
  two: 2,
  thrice: 3,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
};

function timesOf(text: string | undefined): number {
  const t = (text ?? '').toLowerCase();
  return TIMES[t] ?? Number(t);
}

function unitOf(text: string | undefined): Cadence['unit'] {
  const t = (text ?? '').toLowerCase();
  return t.startsWith('w') ? 'week' : t.startsWith('m') ? 'month' : 'day';
}

/** What goes out, when the line names it plainly. */
function whatOf(text: string): string | undefined {
  return /\b(newsletter|digest|posts?|articles?|emails?|tweets?|webinars?)\b/i.exec(text)?.[1]?.toLowerCase();
}

/**
 * Reads a cadence line: `Blog: 2 posts/week`, `weekly newsletter`, `daily social`, `Social: daily posts`,
 * `LinkedIn 3x a week`, `Email: weekly newsletter + nurture sequences`, `X every weekday`, `fortnightly
 * webinar`. "Social" becomes one cadence per social network of the campaign. A line with no frequency or
 * no channel, and "biweekly" (twice a week, or every two weeks?), are asked about.
 */
export function readCadence(text: string, context: CadenceContext = {}): LineRead<Cadence[]> {
  const line = plain(text);
  const parts = line.split(/\s*[+;]\s*|,\s+|\s+and\s+/i).filter((p) => p !== '');
  const prefix = /^([^:]+):/.exec(line)?.[1];
  const lineChannel = channelsIn(prefix ?? line, context);
  const out: Cadence[] = [];
  for (const part of parts) {
    const rate = rateOf(part);
    if (rate === 'ask') {
      return ask(line, 'twice a week, or every two weeks? Write `2 posts/week` or `every other week`');
    }
    if (!rate) continue;
    const own = channelsIn(part.replace(/^[^:]+:/, ''), context);
    const channels = own.length > 0 ? own : lineChannel;
    if (channels.length === 0) {
      return ask(
        line,
        `which channel publishes this? Write it like \`${CADENCE_EXAMPLE}\` or \`LinkedIn: daily\``,
      );
    }
    const what = whatOf(part.replace(/^[^:]+:/, ''));
    for (const channel of channels) {
      if (out.some((c) => c.channel === channel && c.what === what)) continue;
      out.push({
        channel,
        times: rate.times,
        unit: rate.unit,
        ...(rate.every && rate.every > 1 ? { every: rate.every } : {}),
        ...(rate.weekdaysOnly ? { weekdaysOnly: true } : {}),
        ...(what === undefined ? {} : { what }),
      });
    }
  }
  if (out.length > 0) return accept(out);
  if (/\b(?:ads?|campaigns?)\b/i.test(line) && findQuantities(line).length === 0) {
    return refuse(
      `${quote(line)} asks for ads, not a cadence; list them under Assets requested, like \`LinkedIn ads for both lead magnets\``,
    );
  }
  return ask(
    line,
    `how often? Write it like \`${CADENCE_EXAMPLE}\`, \`weekly newsletter\` or \`daily social\``,
  );
}

function rateOf(text: string): Rate | 'ask' | undefined {
  for (const [pattern, make] of RATES) {
    const m = pattern.exec(text);
    if (m) return make(m.groups ?? {});
  }
  return undefined;
}

function channelsIn(text: string, context: CadenceContext): Channel[] {
  const found: Channel[] = [];
  for (const [pattern, channel] of CHANNEL_WORDS) {
    if (!pattern.test(text)) continue;
    const add = channel === 'social' ? socialOf(context) : [channel];
    for (const c of add) if (!found.includes(c)) found.push(c);
    // "LinkedIn Ads" is not also organic LinkedIn.
    if (channel === 'linkedin-ads') text = text.replace(/\blinked\s?in ads?\b/gi, ' ');
  }
  return found;
}

function socialOf(context: CadenceContext): Channel[] {
  const known = (context.socialChannels ?? []).filter((c) => c === 'linkedin' || c === 'x');
  return known.length > 0 ? known : ['linkedin', 'x'];
}

/** Every cadence of an answer, each with the line it came from. */
export function readCadenceLines(
  lines: readonly SourceLine[],
  context: CadenceContext = {},
  field = 'cadence',
): LinesRead<Cadence> {
  const result: LinesRead<Cadence> = { values: [], problems: [] };
  for (const { line, text } of lines) {
    const read = readCadence(text, context);
    if (read.ok) for (const value of read.value) result.values.push({ line, value });
    else result.problems.push({ field, line, text, message: read.message, question: read.question });
  }
  return result;
}
