import { describe, expect, it } from 'vitest';
import { readAttributionFiles } from '../../actions/engine/attribution/index.js';
import { JourneyBuilder } from '../../actions/engine/attribution/journeys.js';
import { PathTableBuilder } from '../../actions/engine/attribution/path-table.js';
import type { PathTable } from '../../actions/engine/attribution/schema.js';
import { scratchDir } from './helpers.js';

const file = await scratchDir();
const DAY = 86_400_000;

interface Row {
  user: string;
  time: number;
  channel?: string;
  value?: number;
}

/** Deterministic data big enough to grow every structure: 12,000 users, journeys of up to 14 touches. */
function rows(): Row[] {
  let seed = 7;
  const next = () => {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    return seed / 2 ** 32;
  };
  const channels = ['Ads', 'Email', 'Organic', 'Social', 'Referral', 'Video'];
  const out: Row[] = [];
  for (let u = 0; u < 12_000; u++) {
    const user = `${1_000_000_000 + u * 7919}.${1_700_000_000 + u}`;
    let time = Date.UTC(2024, 0, 1) + next() * 60 * DAY;
    const journeys = 1 + Math.floor(next() * 3);
    for (let j = 0; j < journeys; j++) {
      const touches = 1 + Math.floor(next() * next() * 14);
      for (let k = 0; k < touches; k++) {
        out.push({ user, time: Math.round(time), channel: channels[Math.floor(next() * channels.length)]! });
        time += next() * 3 * DAY;
      }
      if (j < journeys - 1 || next() < 0.4) {
        out.push({ user, time: Math.round(time), value: Math.round(next() * 300) / 4 });
        time += next() * 5 * DAY;
      }
    }
  }
  return out;
}

/** The definition, written plainly: per user, sort by time (stable), cut after each conversion. */
function oracle(data: Row[], lookbackDays = Number.POSITIVE_INFINITY) {
  const byUser = new Map<string, Row[]>();
  for (const r of data) byUser.set(r.user, [...(byUser.get(r.user) ?? []), r]);
  const paths = new Map<string, [number, number, number]>();
  let unattributed = 0;
  const add = (touches: Row[], end: number, conversions: number, value: number) => {
    const kept = touches.filter((t) => end - t.time <= lookbackDays * DAY);
    if (kept.length === 0) {
      unattributed += conversions;
      return;
    }
    const key = kept.map((t) => t.channel).join(' > ');
    const p = paths.get(key) ?? [0, 0, 0];
    paths.set(key, [p[0] + conversions, p[1] + value, p[2] + (conversions ? 0 : 1)]);
  };
  for (const events of byUser.values()) {
    const sorted = events.map((e, i) => ({ e, i })).sort((a, b) => a.e.time - b.e.time || a.i - b.i);
    let open: Row[] = [];
    for (const { e } of sorted) {
      if (e.channel) open.push(e);
      else {
        add(open, e.time, 1, e.value ?? 0);
        open = [];
      }
    }
    if (open.length > 0) add(open, open.at(-1)!.time, 0, 0);
  }
  return { paths, unattributed };
}

function pathsOf(table: PathTable) {
  return new Map(
    table.paths.map((p) => [
      p.channels.map((c) => table.channels[c]).join(' > '),
      [p.conversions, p.value, p.nulls],
    ]),
  );
}

const csv = (data: Row[]) =>
  [
    'user_id,timestamp,event,channel,value',
    ...data.map((r) =>
      r.channel
        ? `${r.user},${new Date(r.time).toISOString()},touch,${r.channel},`
        : `${r.user},${new Date(r.time).toISOString()},conversion,,${r.value}`,
    ),
  ].join('\n');

describe('journeys at scale match the plain definition', () => {
  const data = rows();
  const expected = oracle(data);

  it('streams a time-ordered file (user table growth, long journeys)', async () => {
    const timeOrdered = data.map((r, i) => ({ r, i })).sort((a, b) => a.r.time - b.r.time || a.i - b.i);
    const { table, warnings } = await readAttributionFiles([
      await file('time.csv', csv(timeOrdered.map((x) => x.r))),
    ]);
    expect(warnings.join('\n')).not.toMatch(/read again/);
    expect(pathsOf(table)).toEqual(expected.paths);
    expect(table.unattributed.conversions).toBe(expected.unattributed);
  });

  it('applies the lookback window the same way', async () => {
    const { table } = await readAttributionFiles([await file('user.csv', csv(data))], { lookbackDays: 4 });
    const windowed = oracle(data, 4);
    expect(pathsOf(table)).toEqual(windowed.paths);
    expect(table.unattributed.conversions).toBe(windowed.unattributed);
  });

  /** Feeds rows straight into a JourneyBuilder with a tiny log, so it grows and compacts many times. */
  function feed(ordered: Row[], closeUsers: boolean) {
    const table = new PathTableBuilder(7);
    const journeys = new JourneyBuilder(table, { logCapacity: 16 });
    let current: string | undefined;
    let refused = 0;
    for (const r of ordered) {
      if (closeUsers && current !== undefined && r.user !== current) journeys.closeUser(current);
      current = r.user;
      const ok = r.channel
        ? journeys.touch(r.user, 0, r.user.length, r.time, table.channelId(r.channel))
        : journeys.conversion(r.user, 0, r.user.length, r.time, r.value ?? 0);
      if (!ok) refused++;
    }
    journeys.finish();
    return { table: table.build(), refused };
  }

  it('grows and compacts its log of long journeys without losing a touch', () => {
    const timeOrdered = data.map((r, i) => ({ r, i })).sort((a, b) => a.r.time - b.r.time || a.i - b.i);
    const { table, refused } = feed(
      timeOrdered.map((x) => x.r),
      false,
    );
    expect(refused).toBe(0);
    expect(pathsOf(table)).toEqual(expected.paths);
  });

  it('closes users one by one when the input is sorted by user (the GA4 path), reusing their room', () => {
    const { table, refused } = feed(data, true);
    expect(refused).toBe(0);
    expect(pathsOf(table)).toEqual(expected.paths);
  });
});
