/**
 * Measurement reading speed (issue 16): 1M metric rows read and aggregated, against the
 * time to read the same file's lines — both in this run, as a ratio, the median of five
 * repeats after a warm-up.
 *
 * - The file: a year of daily rows in the shape a GA4 pull is saved in (date, channel,
 *   source, medium, campaign, utm_content and five measures), each asset with 7 source/medium
 *   variants a day: 1,000,000 rows (392 assets), ~78 MB, 143,080 (date, channel, utm_content)
 *   keys. A larger file has more assets, the same shape.
 * - The baseline, "reading the file": streaming it from disk, decoding UTF-8 and finding
 *   every line break — the least any reader of its rows must do.
 * - Measured: `aggregateMetricFiles` — recognise the layout, split and read every cell, check
 *   every row (dates, counts, duplicates), and sum by (date, channel, utm_content).
 * - Time is the process's CPU time (user + system, `process.cpuUsage`), which other work on a
 *   busy machine disturbs far less than wall time; both sides are measured the same way.
 *
 * `CRESCENDO_BENCH_5M=1` adds a figure for 5M rows: their time ÷ five times the time of 1M
 * (linear growth), read in the same bounded memory (one chunk of rows at a time).
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { aggregateMetricFiles } from '../../actions/engine/importers/aggregate.js';
import { type BenchFigure, median, medianOf } from './figure.js';

const REPEATS = 5;
const CHANNELS = [
  ['google-ads', 'google', 'cpc'],
  ['linkedin-ads', 'linkedin', 'paid_social'],
  ['email', 'email', 'email'],
  ['linkedin', 'linkedin', 'social'],
  ['x', 'x', 'social'],
  ['blog', 'google', 'organic'],
  ['landing-page', 'landing-page', 'owned'],
] as const;

/** Writes `rows` daily rows over one year: each day, every asset with 7 source/medium variants. */
export async function writeMetricsFile(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('date,channel,source,medium,campaign,utm_content,impressions,clicks,cost,conversions,revenue\n');
  const start = Date.parse('2027-01-01T00:00:00Z');
  const assets = Math.ceil(rows / (365 * 7));
  let written = 0;
  let text = '';
  for (let day = 0; day < 365 && written < rows; day++) {
    const date = new Date(start + day * 86_400_000).toISOString().slice(0, 10);
    for (let asset = 0; asset < assets && written < rows; asset++) {
      const [channel, source, medium] = CHANNELS[asset % CHANNELS.length] as (typeof CHANNELS)[number];
      for (let variant = 0; variant < 7 && written < rows; variant++) {
        const i = written++;
        const cost = channel.endsWith('-ads') ? `${Math.floor((i % 1000) / 7)}.${i % 100}` : '0';
        text += `${date},${channel},${source}${variant || ''},${medium},launch,asset-${asset}-a,${1000 + (i % 997)},${10 + (i % 89)},${cost},${i % 5},${i % 3 === 0 ? '120.50' : '0'}\n`;
        if (text.length > 1 << 20) {
          if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
          text = '';
        }
      }
    }
  }
  await new Promise<void>((resolve, reject) => out.end(text, () => resolve()).once('error', reject));
}

/** The baseline: stream the file, decode it, find every line. */
export async function readLines(path: string): Promise<number> {
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  let lines = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const text = carry + decoder.decode(chunk as Buffer, { stream: true });
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      lines++;
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  return lines;
}

const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function cpuTime(work: () => Promise<unknown>): Promise<number> {
  const start = cpuMs();
  await work();
  return cpuMs() - start;
}

/** Read+aggregate ÷ read lines, per repeat (interleaved, so both see the same machine). */
async function ratio(path: string): Promise<{ ratio: number; aggregateMs: number }> {
  const base = await cpuTime(() => readLines(path));
  const aggregate = await cpuTime(async () => {
    const aggregator = await aggregateMetricFiles([{ source: path, file: 'metrics.csv' }]);
    if (aggregator.stats.rows === 0) throw new Error('bench file read as empty');
  });
  return { ratio: aggregate / base, aggregateMs: aggregate };
}

export async function benchMetrics(options: { fiveMillion?: boolean } = {}): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'crescendo-bench-metrics-'));
  try {
    const oneMillion = join(dir, 'metrics-1m.csv');
    await writeMetricsFile(oneMillion, 1_000_000);
    const aggregateTimes: number[] = [];
    const value = await medianOf(
      REPEATS,
      () => ratio(oneMillion),
      (r) => {
        aggregateTimes.push(r.aggregateMs);
        return r.ratio;
      },
    );
    const figures: BenchFigure[] = [
      {
        name: 'measurement: 1M metric rows read+aggregated ÷ reading the file',
        value,
        unit: '×',
        target: { atMost: 3 },
        repeats: REPEATS,
      },
    ];
    if (options.fiveMillion ?? process.env.CRESCENDO_BENCH_5M === '1') {
      const fiveMillion = join(dir, 'metrics-5m.csv');
      await writeMetricsFile(fiveMillion, 5_000_000);
      const five = await cpuTime(() => aggregateMetricFiles([{ source: fiveMillion, file: 'metrics.csv' }]));
      figures.push({
        name: 'measurement: 5M rows ÷ 5 × 1M rows (linear growth)',
        value: five / (5 * median(aggregateTimes.slice(-REPEATS))),
        unit: '×',
        target: { atMost: 1.25 },
        repeats: 1,
      });
    }
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const f of await benchMetrics({ fiveMillion: process.argv.includes('--5m') || undefined })) {
    const limit = 'atMost' in f.target ? `≤ ${f.target.atMost}` : `≥ ${f.target.atLeast}`;
    console.log(`${f.name}: ${f.value.toFixed(2)}${f.unit} (target ${limit}, median of ${f.repeats})`);
  }
}
