import { Brief } from '../artifacts/brief.js';
import { BRIEF_LIMITS } from '../artifacts/brief-limits.js';
import type { LandingPage } from '../artifacts/brief-parts.js';
import { type Channel, normaliseChannel } from '../channels/index.js';
import { knownKeysAt, unknownKeyMessage } from '../files/strict-object.js';
import { isIsoDate } from '../planning/dates.js';
import { readAssetLines } from './assets.js';
import { readCadenceLines } from './cadence.js';
import type { Timeframe } from './deadline.js';
import { readBudget } from './money.js';
import { readObjectiveLines } from './objectives.js';
import { readLandingPage, readMqlDefinition, readRegion } from './profile.js';
import type { LineRead, LinesRead, SourceLine } from './result.js';
import { readTimeZone } from './time-zone.js';
import { readTimeframe } from './timeframe.js';

export type BriefPath = (string | number)[];

/** A problem with a brief file, at the path of the field as the file writes it (`objectives[1]`). */
export interface BriefProblem {
  path: BriefPath;
  message: string;
  question: boolean;
}

export type BriefTextResult = { ok: true; brief: Brief } | { ok: false; problems: BriefProblem[] };

type Raw = Record<string, unknown>;
const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A list field as lines: a list of items (strings read, others kept), or one string of lines. */
function itemsOf(value: unknown): unknown[] | undefined {
  if (typeof value === 'string') return value.split(/\r?\n/).filter((l) => l.trim() !== '');
  return Array.isArray(value) ? value : undefined;
}

function stringLines(items: readonly unknown[]): SourceLine[] {
  return items.flatMap((item, i) => (typeof item === 'string' ? [{ line: i + 1, text: item }] : []));
}

class Expansion {
  readonly problems: BriefProblem[] = [];
  /** Schema issues under these paths are left out: the problem already raised says it better. */
  readonly covered: BriefPath[] = [];
  /** Schema issues at exactly these paths are left out (a list left empty by lines that failed). */
  readonly coveredExactly: BriefPath[] = [];
  /** For lists whose items became several (or one from several): expanded index → index in the file. */
  readonly sources: Record<string, number[]> = {};

  fail(path: BriefPath, read: { message: string; question: boolean }, cover = true): void {
    this.problems.push({ path, message: read.message, question: read.question });
    if (cover) this.covered.push(path);
  }

  /**
   * Reads one text field in place. An optional field that cannot be read is left out, so the rest of the
   * brief is still checked in the same round; a required one stays for the schema to refuse.
   */
  field<T>(input: Raw, key: string, read: (text: string) => LineRead<T>, optional = true): void {
    const value = input[key];
    if (typeof value !== 'string') return;
    const result = read(value);
    if (result.ok) input[key] = result.value;
    else {
      this.fail([key], result);
      if (optional) delete input[key];
    }
  }

  /**
   * Replaces the string items of a list with what they were read as, keeping other items and mapping
   * indices. Items that cannot be read are left out so the others are still checked in this round.
   */
  list<T>(input: Raw, key: string, items: readonly unknown[], read: LinesRead<T>): void {
    const out: unknown[] = [];
    const source: number[] = [];
    const failed = new Set(read.problems.map((p) => p.line));
    items.forEach((item, i) => {
      if (typeof item !== 'string') {
        out.push(item);
        source.push(i);
      } else if (!failed.has(i + 1)) {
        for (const v of read.values.filter((v) => v.line === i + 1)) {
          out.push(v.value);
          source.push(i);
        }
      }
    });
    for (const p of read.problems) this.fail([key, p.line - 1], p, false);
    if (failed.size > 0 && out.length === 0) this.coveredExactly.push([key]);
    input[key] = out;
    this.sources[key] = source;
  }
}

/**
 * Reads the text a hand-written brief may hold in place of structured fields, with the same readers as
 * the issue form: `budget: "$45K"`, `timeframe: Q2 2027`, `objectives:` and `assets:` as lists of lines
 * (or one block of lines), `channels: [Content marketing, SEO]`, `cadence:`, `timeZone: ET`,
 * `landingPages: ["trial: https://…"]`. Structured values are left as they are for the schema to check.
 */
export function expandBriefText(raw: unknown): { input: unknown; expansion: Expansion } {
  const x = new Expansion();
  if (!isRecord(raw)) return { input: raw, expansion: x };
  const input: Raw = { ...raw };

  x.field(input, 'timeframe', readTimeframe, false);
  const tf = input.timeframe;
  const timeframe: Timeframe | undefined =
    isRecord(tf) &&
    typeof tf.start === 'string' &&
    typeof tf.end === 'string' &&
    isIsoDate(tf.start) &&
    isIsoDate(tf.end)
      ? { start: tf.start, end: tf.end }
      : undefined;

  if (typeof input.budget === 'string' || typeof input.budget === 'number') {
    const read = readBudget(String(input.budget));
    if (read.ok) input.budget = read.value;
    else x.fail(['budget'], read);
  } else if (isRecord(input.budget) && typeof input.budget.amount === 'string') {
    const currency = typeof input.budget.currency === 'string' ? input.budget.currency : undefined;
    const read = readBudget(input.budget.amount, currency);
    if (read.ok) input.budget = read.value;
    else x.fail(['budget', 'amount'], read);
  }
  const budget = input.budget;
  const currency = isRecord(budget) && typeof budget.currency === 'string' ? budget.currency : undefined;

  const channelItems = typeof input.channels === 'string' ? input.channels.split(/[,;\n]/) : input.channels;
  if (Array.isArray(channelItems)) {
    const channels: unknown[] = [];
    for (const item of channelItems) {
      const channel = typeof item === 'string' ? (normaliseChannel(item) ?? item.trim()) : item;
      if (channel !== '' && !channels.includes(channel)) channels.push(channel);
    }
    input.channels = channels;
  }
  const socialChannels = (Array.isArray(input.channels) ? input.channels : []).filter(
    (c): c is Channel => c === 'linkedin' || c === 'x',
  );

  const objectives = itemsOf(input.objectives);
  if (objectives) {
    const read = readObjectiveLines(stringLines(objectives), {
      ...(currency ? { currency } : {}),
      ...(timeframe ? { timeframe } : {}),
    });
    x.list(input, 'objectives', objectives, read);
  }

  const pages: unknown[] = [];
  const pageItems = itemsOf(input.landingPages);
  if (pageItems) {
    pageItems.forEach((item, i) => {
      const read = typeof item === 'string' ? readLandingPage(item) : undefined;
      if (read && !read.ok) x.fail(['landingPages', i], read, false);
      else pages.push(read?.ok ? read.value : item);
    });
  }
  const assets = itemsOf(input.assets);
  if (assets) {
    const read = readAssetLines(stringLines(assets));
    x.list(input, 'assets', assets, read);
    for (const { line, value } of read.landingPages) {
      const same = pages.find((p): p is LandingPage => isRecord(p) && p.purpose === value.purpose);
      if (same && same.url !== value.url) {
        x.fail(['assets', line - 1], {
          message: `the ${value.purpose} landing page is ${value.url} here but ${same.url} under landingPages; keep one`,
          question: false,
        });
      } else if (!same) pages.push(value);
    }
  }
  if (pages.length > 0) input.landingPages = pages;

  const cadence = itemsOf(input.cadence);
  if (cadence) x.list(input, 'cadence', cadence, readCadenceLines(stringLines(cadence), { socialChannels }));

  x.field(input, 'timeZone', readTimeZone);
  x.field(input, 'region', readRegion);
  x.field(input, 'mqlDefinition', readMqlDefinition);
  return { input, expansion: x };
}

function startsWith(path: readonly PropertyKey[], prefix: readonly PropertyKey[]): boolean {
  return prefix.length <= path.length && prefix.every((key, i) => path[i] === key);
}

/**
 * Reads a brief file's value (YAML already parsed) through `expandBriefText` and the `Brief` schema.
 * Every problem is located at the field and item as the file writes them.
 */
export function parseBriefText(raw: unknown): BriefTextResult {
  // Refused whole before any field is read: its size alone would make every model call expensive.
  const size = JSON.stringify(raw)?.length ?? 0;
  if (size > BRIEF_LIMITS.briefChars) {
    const n = (v: number) => v.toLocaleString('en-US');
    return {
      ok: false,
      problems: [
        {
          path: [],
          message: `the brief is ${n(size)} characters; at most ${n(BRIEF_LIMITS.briefChars)} are read: shorten it (long research belongs in the data folder, not the brief)`,
          question: false,
        },
      ],
    };
  }
  const { input, expansion } = expandBriefText(raw);
  const result = Brief.safeParse(input);
  if (result.success && expansion.problems.length === 0) return { ok: true, brief: result.data };
  const problems = [...expansion.problems];
  for (const issue of result.success ? [] : result.error.issues) {
    if (expansion.covered.some((c) => startsWith(issue.path, c))) continue;
    if (expansion.coveredExactly.some((c) => c.length === issue.path.length && startsWith(issue.path, c)))
      continue;
    const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
    const [list, index] = path;
    const source =
      typeof list === 'string' && typeof index === 'number' ? expansion.sources[list]?.[index] : undefined;
    const at = source === undefined ? path : [list as string, source, ...path.slice(2)];
    if (issue.code === 'unrecognized_keys') {
      // One problem per unknown key, located at the key itself, naming the field it probably meant.
      const known = knownKeysAt(Brief, issue.path);
      for (const key of issue.keys)
        problems.push({
          path: [...at, key],
          message: unknownKeyMessage(key, known, 'brief field'),
          question: false,
        });
      continue;
    }
    problems.push({ path: at, message: issue.message, question: false });
  }
  return { ok: false, problems };
}
