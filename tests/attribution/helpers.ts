import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { pathTableFromPaths } from '../../actions/engine/attribution/index.js';
import type { AttributionResult, ModelId, PathTable } from '../../actions/engine/attribution/schema.js';

/** `['C1 > C2', conversions, value?, nulls?]` rows as a path table. */
export function pathsTable(rows: [string, number, number?, number?][]): PathTable {
  return pathTableFromPaths(
    rows.map(([path, conversions, value = 0, nulls = 0]) => ({
      path: path.split('>').map((c) => c.trim()),
      conversions,
      value,
      nulls,
    })),
  ).table;
}

/** The worked example of attribution/README.md: C1 > C2 > C3 (1 conversion, 1000), C1 (1 null), C2 > C3 (1 null). */
export const WORKED_EXAMPLE: [string, number, number?, number?][] = [
  ['C1 > C2 > C3', 1, 1000, 0],
  ['C1', 0, 0, 1],
  ['C2 > C3', 0, 0, 1],
];

/** One model's credit as `{channel: conversions}` (or value). */
export function creditOf(
  result: AttributionResult,
  model: ModelId,
  field: 'conversions' | 'value' = 'conversions',
) {
  const credit = result.models[model];
  if (!credit) throw new Error(`${model} was not computed`);
  return Object.fromEntries(Object.entries(credit).map(([channel, c]) => [channel, c[field]]));
}

/** A temporary folder, removed after the test file. */
export async function scratchDir(): Promise<
  (name: string, content?: string | Uint8Array) => Promise<string>
> {
  const dir = await mkdtemp(join(tmpdir(), 'crescendo-attribution-'));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return async (name, content) => {
    const path = join(dir, name);
    if (content !== undefined) await writeFile(path, content);
    return path;
  };
}

/** Captures a command's output lines. */
export function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}
