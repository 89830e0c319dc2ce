/**
 * Keyword import at scale: a generated 100k-row Semrush export (tests/keywords/generated-export.ts)
 * through `keywordsReport` (decode, read, merge, rank, cluster), against reading the same file with
 * csv-parse, and against 10k rows of the same export. CPU time of this process (user + system, GC
 * threads included), paired within each repeat: on a shared machine, other processes' load moves
 * wall time far more than the work itself.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parse } from 'csv-parse/sync';
import { decodeExport } from '../../actions/engine/keywords/decode.js';
import { keywordsReport } from '../../actions/engine/keywords/index.js';
import { generatedSemrushExport } from '../../tests/keywords/generated-export.js';
import { type BenchFigure, median, repeated } from './figure.js';

const ROWS = 100_000;
const SMALL = 10_000;
const REPEATS = 5;

// A full collection before each measurement, so each one pays for its own garbage only.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function cpuMs<T>(work: () => T): number {
  collectGarbage();
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** The baseline: the file as text, split into rows of cells by csv-parse (no other work). */
function parseOnly(bytes: Uint8Array): unknown {
  return parse(decodeExport(bytes).text, {
    delimiter: ',',
    relax_column_count: true,
    skip_empty_lines: true,
  });
}

export async function benchKeywords(): Promise<BenchFigure[]> {
  const large = Buffer.from(generatedSemrushExport(ROWS));
  const small = Buffer.from(generatedSemrushExport(SMALL));
  const runs = await repeated(REPEATS, async () => ({
    parse: cpuMs(() => parseOnly(large)),
    large: cpuMs(() => keywordsReport([{ path: 'generated.csv', bytes: large }])),
    small: cpuMs(() => keywordsReport([{ path: 'generated.csv', bytes: small }])),
  }));
  return [
    {
      name: 'keywords: 100k rows ÷ parse time',
      value: median(runs.map((r) => r.large / r.parse)),
      unit: '×',
      target: { atMost: 3 },
      repeats: REPEATS,
      note: `keywordsReport on a generated ${ROWS}-row Semrush export ÷ csv-parse reading the same file (CPU time)`,
    },
    {
      name: 'keywords: growth, 100k ÷ 10k rows',
      value: median(runs.map((r) => r.large / r.small)),
      unit: '×',
      target: { atMost: 11 },
      repeats: REPEATS,
      note: 'linear is 10×',
    },
  ];
}
