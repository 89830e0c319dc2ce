/**
 * Attribution at scale: one million journeys (3.6 million touchpoint rows, ~220 MB of CSV with
 * GA4-style user ids, sorted by time as an export is) through every model, against the time Node
 * needs just to read the same file and split its lines and fields. Both are medians of 5 runs after a
 * warm-up, in one process, in CPU time, so the ratio depends neither on the machine nor on what else
 * runs on it. Also reported: the heap + buffers the run grows by, against the file's size (the reader
 * holds open journeys, never the file).
 *
 *   npx tsx scripts/bench/attribution.ts
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attribute, readAttributionFiles } from '../../actions/engine/attribution/index.js';
import { type BenchFigure, medianOf } from './figure.js';

const REPEATS = 5;
const CHANNELS = [
  'Paid Search',
  'Organic Search',
  'Email',
  'Social',
  'Display',
  'Referral',
  'Direct',
  'Affiliate',
];
/** Skewed like real traffic: search and email carry most journeys. */
const CHANNEL_WEIGHTS = [0.26, 0.22, 0.16, 0.12, 0.09, 0.07, 0.05, 0.03];
const HOUR = 3_600_000;

export async function benchAttribution(journeys = 1_000_000): Promise<BenchFigure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'crescendo-bench-attribution-'));
  try {
    const file = join(dir, 'touchpoints.csv');
    const rows = await writeSyntheticTouchpoints(file, journeys);
    const bytes = (await stat(file)).size;
    const baseline = await medianOf(
      REPEATS,
      () => timed(() => readAndSplit(file)),
      (r) => r.ms,
    );
    let peak = 0;
    const full = await medianOf(
      REPEATS,
      () =>
        timed(async () => {
          const before = heapAndBuffers();
          const sampler = setInterval(() => {
            peak = Math.max(peak, heapAndBuffers() - before);
          }, 10);
          try {
            const { table } = await readAttributionFiles([file]);
            const result = attribute(table);
            if (Math.round(result.journeys) !== journeys) throw new Error(`read ${result.journeys} journeys`);
            return result;
          } finally {
            clearInterval(sampler);
          }
        }),
      (r) => r.ms,
    );
    const label = `${(journeys / 1e6).toFixed(journeys % 1e6 ? 2 : 0)}M journeys, ${(rows / 1e6).toFixed(1)}M rows`;
    return [
      {
        name: `attribution: all 7 models on ${label} ÷ read+split (CPU time)`,
        value: full / baseline,
        unit: '×',
        target: { atMost: 3 },
        repeats: REPEATS,
      },
      {
        name: 'attribution: peak heap + buffers growth ÷ file size',
        value: peak / bytes,
        unit: '×',
        target: { atMost: 1 },
        repeats: REPEATS,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** JS heap plus ArrayBuffers: the journey state lives in typed arrays, outside the heap. */
function heapAndBuffers(): number {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/**
 * CPU time of the work (user + system, all of the process's threads), not wall time: the ratio then
 * holds on a machine shared with other jobs. Everything measured here runs on the main thread and
 * libuv's file reads, for the baseline and the full run alike.
 */
async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(started);
  return { ms: (used.user + used.system) / 1000, result };
}

/** The floor: stream the file, cut it into lines, split every line into fields. Nothing else. */
async function readAndSplit(file: string): Promise<number> {
  let carry = '';
  let fields = 0;
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const lines = (carry + (chunk as string)).split('\n');
    carry = lines.pop() ?? '';
    for (const line of lines) fields += line.split(',').length;
  }
  return fields + (carry ? carry.split(',').length : 0);
}

/** mulberry32: the same synthetic file on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Users with one or two journeys over 90 days: 1–12 touches each (about 3.3 on average), every
 * journey but a user's last converts, the last one converts 15 % of the time. Rows are written in
 * time order across users. Returns the number of data rows.
 */
export async function writeSyntheticTouchpoints(file: string, journeys: number): Promise<number> {
  const next = random(2024);
  const pickChannel = () => {
    let r = next();
    for (let c = 0; c < CHANNELS.length; c++) {
      r -= CHANNEL_WEIGHTS[c]!;
      if (r <= 0) return c;
    }
    return CHANNELS.length - 1;
  };
  const capacity = journeys * 5;
  const user = new Int32Array(capacity);
  const time = new Float64Array(capacity);
  const channel = new Int8Array(capacity); // −1: conversion
  const value = new Float64Array(capacity);
  let n = 0;
  const start = Date.UTC(2024, 0, 1);
  for (let u = 0, left = journeys; left > 0; u++) {
    const count = Math.min(left, next() < 0.3 ? 2 : 1);
    left -= count;
    let t = start + next() * 90 * 24 * HOUR;
    for (let j = 0; j < count; j++) {
      let touches = 1;
      while (touches < 12 && next() < 0.7) touches++;
      for (let k = 0; k < touches; k++) {
        if (n === capacity) throw new Error('synthetic data outgrew its buffers');
        user[n] = u;
        time[n] = Math.round(t);
        channel[n++] = pickChannel();
        t += next() * 48 * HOUR;
      }
      if (j < count - 1 || next() < 0.15) {
        t += next() * 12 * HOUR;
        user[n] = u;
        time[n] = Math.round(t);
        channel[n] = -1;
        value[n++] = Math.round(20 + next() * 480);
        t += next() * 72 * HOUR;
      }
    }
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => time[a]! - time[b]! || a - b);
  // GA4's user_pseudo_id: a random number, a dot, the first visit in Unix seconds.
  const ids = Array.from(
    { length: user[n - 1]! + 1 },
    (_, u) => `${1_000_000_000 + ((u * 2_654_435_761) % 999_999_999)}.${Math.floor(start / 1000) + u}`,
  );
  const out = createWriteStream(file);
  let text = 'user_id,timestamp,event,channel,value\n';
  for (let i = 0; i < n; i++) {
    const r = order[i]!;
    const at = new Date(time[r]!).toISOString().slice(0, 19);
    text +=
      channel[r] === -1
        ? `${ids[user[r]!]},${at}Z,conversion,,${value[r]}\n`
        : `${ids[user[r]!]},${at}Z,touch,${CHANNELS[channel[r]!]},\n`;
    if (text.length > 1 << 20) {
      if (!out.write(text)) await once(out, 'drain');
      text = '';
    }
  }
  out.end(text);
  await once(out, 'finish');
  return n;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const journeys = Number(process.argv[2] ?? 1_000_000);
  for (const f of await benchAttribution(journeys))
    console.log(`${f.name.padEnd(60)} ${f.value.toFixed(2)}${f.unit}  target ${JSON.stringify(f.target)}`);
}
