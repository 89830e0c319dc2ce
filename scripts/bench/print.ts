import { type BenchFigure, met } from './figure.js';

const shown = (value: number, unit: string) =>
  unit === '%' ? `${value.toFixed(1)} %` : `${value.toFixed(2)}${unit}`;

/** One figure as the bench prints it: value, target, a verdict from the numbers, then how it is measured. */
export function formatFigure(f: BenchFigure): string {
  const [sign, limit] = 'atMost' in f.target ? ['≤', f.target.atMost] : ['≥', f.target.atLeast];
  const verdict = met(f) ? 'ok' : 'MISSED';
  const line = `${f.name.padEnd(56)} ${shown(f.value, f.unit).padStart(9)}   target ${sign} ${shown(limit, f.unit).padEnd(8)} ${verdict.padEnd(6)} median of ${f.repeats}`;
  return f.note ? `${line}\n    ${f.note}` : line;
}
