import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BenchFigure } from '../../scripts/bench/figure.js';
import { median, met } from '../../scripts/bench/figure.js';
import { BENCHES } from '../../scripts/bench/index.js';
import { formatFigure } from '../../scripts/bench/print.js';

const folder = fileURLToPath(new URL('../../scripts/bench/', import.meta.url));

/** Bench files: those exporting `async function bench<Name>()`, keyed by file name. */
const benchFiles = readdirSync(folder)
  .filter((f) => f.endsWith('.ts'))
  .filter((f) => /export async function bench[A-Z]\w*\(/.test(readFileSync(`${folder}${f}`, 'utf8')))
  .map((f) => f.replace(/\.ts$/, ''));

describe('bench registry', () => {
  it('registers every bench file of scripts/bench under its file name', async () => {
    expect(benchFiles.sort()).toEqual(Object.keys(BENCHES).sort());
    for (const name of benchFiles) {
      const url = pathToFileURL(`${folder}${name}.ts`).href;
      const module = (await import(/* @vite-ignore */ url)) as Record<string, unknown>;
      const exported = Object.entries(module).find(([key]) => /^bench[A-Z]/.test(key))?.[1];
      expect(BENCHES[name]).toBe(exported);
    }
  });
});

describe('bench figures', () => {
  const figure = (value: number, target: BenchFigure['target']): BenchFigure => ({
    name: 'x',
    value,
    unit: '×',
    target,
    repeats: 5,
  });

  it('computes the verdict from the value and the target', () => {
    expect(met(figure(1.1, { atMost: 1.1 }))).toBe(true);
    expect(met(figure(1.11, { atMost: 1.1 }))).toBe(false);
    expect(met(figure(3.8, { atLeast: 3.8 }))).toBe(true);
    expect(met(figure(3.79, { atLeast: 3.8 }))).toBe(false);
    expect(formatFigure(figure(3.79, { atLeast: 3.8 }))).toMatch(
      /3\.79×\s+target ≥ 3\.80×\s+MISSED\s+median of 5$/,
    );
    expect(formatFigure({ ...figure(38.46, { atMost: 40 }), unit: '%', note: 'how' })).toMatch(
      /38\.5 %\s+target ≤ 40\.0 %\s+ok\s+median of 5\n {4}how$/,
    );
  });

  it('takes the median', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
