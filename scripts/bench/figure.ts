/** One figure `npm run bench` prints: a measured ratio, its target, and a verdict computed from both. */
export interface BenchFigure {
  /** E.g. "keywords: 100k rows ÷ parse time". */
  name: string;
  value: number;
  /** How the value is shown, e.g. "×" or "%". */
  unit: string;
  /** The target, as a comparison: at most or at least `limit`. */
  target: { atMost: number } | { atLeast: number };
  /** How many repeats the median was taken over (after a warm-up). */
  repeats: number;
  /** How the value is measured (its baseline, what "ideal" means), printed under it. */
  note?: string;
}

export const met = (f: BenchFigure): boolean =>
  'atMost' in f.target ? f.value <= f.target.atMost : f.value >= f.target.atLeast;

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `work` once to warm up, then `repeats` times; the median of `measure` over the repeats. */
export async function medianOf<T>(
  repeats: number,
  work: () => Promise<T>,
  measure: (result: T) => number,
): Promise<number> {
  await work();
  const values: number[] = [];
  for (let i = 0; i < repeats; i++) values.push(measure(await work()));
  return median(values);
}

/**
 * Runs `warmUp` (by default `work` itself) once, then `work` `repeats` times; every repeat's
 * result, for medians of several figures.
 */
export async function repeated<T>(
  repeats: number,
  work: () => Promise<T>,
  warmUp: () => Promise<unknown> = work,
): Promise<T[]> {
  await warmUp();
  const results: T[] = [];
  for (let i = 0; i < repeats; i++) results.push(await work());
  return results;
}
