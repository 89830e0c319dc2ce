import { grownTarget } from '../artifacts/brief-checks.js';
import type { Objective } from '../artifacts/brief-parts.js';
import { type DeadlineMatch, findDeadlines, type Timeframe } from './deadline.js';
import { findPeriod, sortNumbers } from './growth.js';
import { findMetrics, type MetricMatch, notPlannedAdvice } from './metric.js';
import { findQuantities, formatNumber, isCurrencyCode, type Quantity } from './quantity.js';
import { accept, ask, type LineRead, quote, refuse } from './result.js';
import { blank, FILLER_WORDS, meaningfulWords, plain } from './text.js';

export interface ObjectiveContext {
  /** The budget's currency: revenue written without one is in it. */
  currency?: string;
  /** The campaign's dates, for deadlines such as "end of Q2" or "June 30". */
  timeframe?: Timeframe;
}

export const OBJECTIVE_EXAMPLE = '500 MQLs by 2025-06-30 — Pipeline for Q3';

/** Separates the objective from its business goal: an em or en dash, ` -- ` or a spaced hyphen. */
export const GOAL_SEPARATOR = /\s*[—–]\s*|\s+--?\s+/;

/** The objective and its business goal; a dash right after the metric ("Demo requests — 40 by …") is not one. */
export function splitGoal(text: string): { main: string; goal?: string } {
  const separator = GOAL_SEPARATOR.exec(text);
  if (!separator) return { main: text.trim() };
  const main = text.slice(0, separator.index).trim();
  const goal = text.slice(separator.index + separator[0].length).trim();
  if (findQuantities(main).length === 0 && findQuantities(goal).length > 0) return { main: text.trim() };
  return { main, ...(goal === '' ? {} : { goal }) };
}

/** Pick the deadline of an objective: the one after `by`/`before`/`until` when there are several. */
export function chooseDeadline(found: readonly DeadlineMatch[]): DeadlineMatch[] {
  const strong = found.filter((d) => d.strong);
  return strong.length > 0 ? strong : [...found];
}

export interface ObjectiveOptions {
  /** The deadline written once for several objectives on one line. */
  sharedDeadline?: DeadlineMatch;
  /** The business goal written once after the dash for several objectives. */
  goal?: string;
  /** The whole line, quoted in questions when `text` is a part of it. */
  line?: string;
}

/**
 * Reads one objective with its number anywhere: `Generate 400 marketing-qualified leads by 2025-06-30`,
 * `MQLs: 500 by end of Q2`, `50K website visitors this quarter`, `$250k revenue by June 30 — Q3 bookings`,
 * `Grow organic sessions by 30% from 12,000 by 2025-06-30`, `5% blog growth (baseline 20K a month) in Q2`.
 * A growth goal without a baseline, a missing number or deadline, and a line naming two metrics or two
 * targets come back as one question quoting the line.
 */
export function readObjective(
  text: string,
  context: ObjectiveContext = {},
  options: ObjectiveOptions = {},
): LineRead<Objective> {
  const line = options.line ?? text;
  const split = splitGoal(plain(text));
  const main = split.main;
  const goal = split.goal ?? options.goal;

  const deadlines = chooseDeadline(findDeadlines(main, context.timeframe));
  if (deadlines.length > 1) {
    return ask(line, `which is the deadline, ${deadlines.map((d) => `\`${d.raw}\``).join(' or ')}? Keep one`);
  }
  const own = deadlines[0];
  const deadline = own ?? options.sharedDeadline;
  if (deadline?.question) return ask(line, deadline.question);

  let rest = own ? blank(main, [own]) : main;
  const period = findPeriod(rest);
  if (period) rest = blank(rest, [period.span]);
  const quantities = findQuantities(rest);
  const numbers = sortNumbers(rest, quantities);
  const metrics = findMetrics(rest);

  if (numbers.percents.length > 1) {
    const listed = numbers.percents.map((q) => `\`${q.raw}\``).join(' or ');
    return ask(line, `which is the growth you aim for, ${listed}? Keep one percentage`);
  }
  if (!numbers.growth && numbers.targets.length > 1) {
    const listed = numbers.targets.map((q) => `\`${q.raw}\``).join(' or ');
    return ask(line, `which number is the target, ${listed}? Put each objective on its own line`);
  }
  const target = numbers.targets[0];
  const anchor = target ?? numbers.growth ?? numbers.baseline;

  const chosen = chooseMetric(rest, metrics, anchor);
  if (chosen === 'ambiguous') {
    const names = [...new Set(metrics.map((m) => `\`${m.phrase}\``))].join(' or ');
    return ask(line, `which do you count, ${names}? Put each objective on its own line`);
  }
  const phrase = chosen?.phrase ?? 'results';

  const hasNumber = target !== undefined || numbers.growth !== undefined;
  if (!hasNumber || !deadline?.date) {
    return missing(line, main, phrase, hasNumber, deadline, context.timeframe);
  }
  if (!chosen) {
    const words = meaningfulWords(blank(rest, quantities)) || main;
    const advice =
      notPlannedAdvice(rest) ??
      `use a metric such as MQLs, leads, demo requests, signups, trials, website visitors, organic sessions or revenue, like \`${OBJECTIVE_EXAMPLE}\``;
    return refuse(`${quote(words)} is not a metric Crescendo can measure; ${advice}`);
  }

  const growth = numbers.growth?.value;
  const baseline = numbers.baseline?.value;
  if (growth !== undefined && baseline === undefined && target === undefined) {
    const noun = phrase.replace(/\bgrowth\b/i, 'visitors');
    return ask(
      line,
      `${formatNumber(growth)}% more ${noun} than what? Add the figure it grows from, like \`${growthExample(main, own, noun)}\``,
    );
  }
  const value = target?.value ?? grownTarget(baseline ?? 0, growth ?? 0);
  const description = own ? main : `${main} ${deadline.written}`;
  return accept({
    metric: chosen.metric,
    target: value,
    unit: unitOf(chosen, target ?? numbers.baseline, rest, context.currency),
    deadline: deadline.date,
    description,
    ...(goal === undefined ? {} : { businessGoal: goal }),
    ...(chosen.channel === undefined ? {} : { channel: chosen.channel }),
    ...(baseline === undefined ? {} : { baseline }),
    ...(growth === undefined ? {} : { growth }),
    ...(period === undefined ? {} : { period: period.period }),
  });
}

/** The metric the target counts: the only one named, or the one written next to the number. */
function chooseMetric(
  text: string,
  metrics: readonly MetricMatch[],
  anchor: Quantity | undefined,
): MetricMatch | undefined | 'ambiguous' {
  const distinct = new Set(metrics.map((m) => m.metric));
  if (distinct.size <= 1) return metrics[0];
  if (!anchor) return 'ambiguous';
  const next = metrics.filter((m) => {
    const gap = m.start >= anchor.end ? text.slice(anchor.end, m.start) : text.slice(m.end, anchor.start);
    return gap
      .split(/[\s:=,(]+/)
      .filter((w) => w !== '')
      .every((w) => FILLER_WORDS.has(w.toLowerCase()) || w === 'by');
  });
  const nearest = new Set(next.map((m) => m.metric));
  return nearest.size === 1 ? next[0] : 'ambiguous';
}

function unitOf(metric: MetricMatch, figure: Quantity | undefined, text: string, currency?: string): string {
  if (metric.metric !== 'revenue') return 'count';
  const written = figure?.currency ?? /\b[A-Z]{3}\b/.exec(text)?.[0];
  if (written && isCurrencyCode(written)) return written;
  return currency ?? 'count';
}

/** The line with a made-up baseline where it belongs: before the deadline, else at the end. */
function growthExample(main: string, deadline: DeadlineMatch | undefined, noun: string): string {
  const baseline = `from 20,000 ${noun} a month`;
  if (!deadline) return `${main} ${baseline}`;
  return `${main.slice(0, deadline.start).trimEnd()} ${baseline} ${main.slice(deadline.start).trimStart()}`;
}

function missing(
  line: string,
  main: string,
  phrase: string,
  hasNumber: boolean,
  deadline: DeadlineMatch | undefined,
  timeframe: Timeframe | undefined,
): LineRead<Objective> {
  const by = timeframe?.end ?? '2025-06-30';
  if (!hasNumber && !deadline) {
    return ask(
      line,
      `needs a target number and a deadline: how many ${phrase}, by when? Write it like \`${OBJECTIVE_EXAMPLE}\``,
    );
  }
  if (!hasNumber) {
    const when = deadline ? `by ${deadline.raw}` : `by ${by}`;
    return ask(line, `needs a target number: how many ${phrase}? Write it like \`500 ${phrase} ${when}\``);
  }
  return ask(
    line,
    `needs a deadline: by when? Write it like \`${main} by ${by}\` or \`${main} by end of Q2\``,
  );
}
