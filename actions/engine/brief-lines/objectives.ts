import type { Objective } from '../artifacts/brief-parts.js';
import { findDeadlines } from './deadline.js';
import { findMetrics } from './metric.js';
import { chooseDeadline, type ObjectiveContext, readObjective, splitGoal } from './objective.js';
import { findQuantities } from './quantity.js';
import { accept, ask, type LineRead, type LinesRead, type SourceLine } from './result.js';
import { plain } from './text.js';

const PART_SEPARATOR = /\s*;\s*|,\s+|\s+and\s+|\s*\+\s*|\s+&\s+/i;

/**
 * Reads an objectives line, which may hold several objectives sharing one deadline and business goal:
 * `500 MQLs, 50K website visitors and 5% blog growth (from 20K a month) by end of Q2`. A line is split
 * only when every part names its own number and metric; otherwise it is one objective.
 */
export function readObjectiveLine(text: string, context: ObjectiveContext = {}): LineRead<Objective[]> {
  const line = plain(text);
  const { main, goal } = splitGoal(line);
  const deadlines = findDeadlines(main, context.timeframe);
  // Dates hold commas ("June 30, 2027"): hide them while splitting.
  let guarded = main;
  for (const d of [...deadlines].reverse()) {
    guarded = `${guarded.slice(0, d.start)}\uE001${deadlines.indexOf(d)}\uE001${guarded.slice(d.end)}`;
  }
  const restore = (part: string) =>
    part.replace(/\uE001(\d+)\uE001/g, (_, i: string) =>
      main.slice(deadlines[Number(i)]?.start, deadlines[Number(i)]?.end),
    );
  const parts = guarded
    .split(PART_SEPARATOR)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const objectiveLike = (part: string) => {
    const bare = part.replace(/\uE001\d+\uE001/g, ' ');
    return findQuantities(bare).length > 0 && findMetrics(bare).length > 0;
  };
  if (parts.length < 2 || !parts.every(objectiveLike)) {
    const one = readObjective(line, context);
    return one.ok ? accept([one.value]) : one;
  }
  const own = parts.map((p) => [...p.matchAll(/\uE001(\d+)\uE001/g)].map((m) => deadlines[Number(m[1])]));
  const shared = chooseDeadline(deadlines);
  const sharedDeadline = shared.length === 1 ? shared[0] : undefined;
  const out: Objective[] = [];
  for (const [i, part] of parts.entries()) {
    if ((own[i] ?? []).length === 0 && !sharedDeadline && shared.length > 1) {
      return ask(line, `which deadline does \`${restore(part)}\` have? Give each objective its own line`);
    }
    const read = readObjective(restore(part), context, {
      line,
      ...(goal === undefined ? {} : { goal }),
      ...(sharedDeadline === undefined ? {} : { sharedDeadline: { ...sharedDeadline, start: 0, end: 0 } }),
    });
    if (!read.ok) return read;
    out.push(read.value);
  }
  return accept(out);
}

/** Every objective of an answer, each with the line it came from; problems located by line. */
export function readObjectiveLines(
  lines: readonly SourceLine[],
  context: ObjectiveContext = {},
  field = 'objectives',
): LinesRead<Objective> {
  const result: LinesRead<Objective> = { values: [], problems: [] };
  for (const { line, text } of lines) {
    const read = readObjectiveLine(text, context);
    if (read.ok) for (const value of read.value) result.values.push({ line, value });
    else result.problems.push({ field, line, text, message: read.message, question: read.question });
  }
  return result;
}
