import { describe, expect, it } from 'vitest';
import {
  attribute,
  pathTableFromTouchpoints,
  readAttributionFiles,
  type TouchpointRow,
} from '../../actions/engine/attribution/index.js';
import type { PathTable } from '../../actions/engine/attribution/schema.js';
import { scratchDir } from './helpers.js';

const file = await scratchDir();

/** Paths as `"A > B": [conversions, value, nulls]`, for readable assertions. */
function pathsOf(table: PathTable): Record<string, [number, number, number]> {
  return Object.fromEntries(
    table.paths.map((p) => [
      p.channels.map((c) => table.channels[c]).join(' > '),
      [p.conversions, p.value, p.nulls],
    ]),
  );
}

const csv = (rows: string[]) => ['user_id,timestamp,event,channel,value', ...rows].join('\n');

describe('journeys built from touchpoints', () => {
  it('ends a journey at a conversion; later touches start the next; unconverted touches end without one', async () => {
    const path = await file(
      'basic.csv',
      csv([
        'u1,2024-05-01T10:00:00Z,touch,Email,',
        'u2,2024-05-01T11:00:00Z,touch,Social',
        'u1,2024-05-02T10:00:00Z,touch,Search,',
        'u1,2024-05-03T10:00:00Z,conversion,,120',
        'u1,2024-05-04T10:00:00Z,touch,Social,',
      ]),
    );
    const { table, warnings } = await readAttributionFiles([path]);
    expect(pathsOf(table)).toEqual({ 'Email > Search': [1, 120, 0], Social: [0, 0, 2] });
    expect(table.journeys).toBe(3);
    expect(warnings).toEqual([]);
  });

  it('sorts a user’s touches that arrive out of order, without re-reading', async () => {
    const path = await file(
      'unsorted-open.csv',
      csv([
        'u1,2024-05-02T10:00:00Z,touch,Search,',
        'u1,2024-05-01T10:00:00Z,touch,Email,',
        'u1,2024-05-03T10:00:00Z,conversion,,1',
      ]),
    );
    const { table, warnings } = await readAttributionFiles([path]);
    expect(pathsOf(table)).toEqual({ 'Email > Search': [1, 1, 0] });
    expect(warnings).toEqual([]);
  });

  it('re-reads in sorted mode when a row goes back past a conversion, with the sorted answer', async () => {
    const rows = [
      'u1,2024-05-01T10:00:00Z,touch,Email,',
      'u1,2024-05-02T10:00:00Z,conversion,,10',
      'u1,2024-05-03T10:00:00Z,touch,Social,',
      'u1,2024-05-04T10:00:00Z,conversion,,20',
      'u2,2024-05-01T10:00:00Z,touch,Search,',
    ];
    const sorted = await readAttributionFiles([await file('sorted.csv', csv(rows))]);
    const shuffled = await readAttributionFiles([
      await file('shuffled.csv', csv([rows[3]!, rows[4]!, rows[0]!, rows[2]!, rows[1]!])),
    ]);
    expect(pathsOf(shuffled.table)).toEqual(pathsOf(sorted.table));
    expect(pathsOf(sorted.table)).toEqual({ Email: [1, 10, 0], Social: [1, 20, 0], Search: [0, 0, 1] });
    expect(shuffled.warnings[0]).toMatch(/read again with every row held and sorted/);
    expect(JSON.stringify(attribute(shuffled.table))).toBe(JSON.stringify(attribute(sorted.table)));
  });

  it('joins a user’s rows across files (daily exports)', async () => {
    const a = await file('day1.csv', csv(['u1,2024-05-01T10:00:00Z,touch,Email,']));
    const b = await file(
      'day2.csv',
      csv(['u1,2024-05-02T10:00:00Z,touch,Search,', 'u1,2024-05-02T11:00:00Z,conversion,,5']),
    );
    const { table } = await readAttributionFiles([a, b]);
    expect(pathsOf(table)).toEqual({ 'Email > Search': [1, 5, 0] });
  });

  it('drops touches outside the lookback window, and credits nobody when none is left', async () => {
    const path = await file(
      'lookback.csv',
      csv([
        'u1,2024-04-01T00:00:00Z,touch,Display,',
        'u1,2024-05-01T00:00:00Z,touch,Email,',
        'u1,2024-05-08T00:00:00Z,conversion,,50',
        'u2,2024-01-01T00:00:00Z,touch,Display,',
        'u2,2024-05-01T00:00:00Z,conversion,,7',
        'u3,2024-05-01T00:00:00Z,conversion,,3',
      ]),
    );
    const all = await readAttributionFiles([path]);
    expect(pathsOf(all.table)).toEqual({ 'Display > Email': [1, 50, 0], Display: [1, 7, 0] });
    const windowed = await readAttributionFiles([path], { lookbackDays: 30 });
    expect(pathsOf(windowed.table)).toEqual({ Email: [1, 50, 0] });
    expect(windowed.table.unattributed).toEqual({ conversions: 2, value: 10 });
    expect(windowed.warnings).toContain(
      '2 conversions had no touch before them (or none inside the lookback window) and are left out of the totals',
    );
    expect(attribute(windowed.table).totalConversions).toBe(1);
  });

  it('keeps file order for equal timestamps: a touch written after a conversion starts the next journey', async () => {
    const path = await file(
      'ties.csv',
      csv([
        'u1,2024-05-01T10:00:00Z,touch,Email,',
        'u1,2024-05-01T10:00:00Z,conversion,,1',
        'u1,2024-05-01T10:00:00Z,touch,Search,',
      ]),
    );
    const { table } = await readAttributionFiles([path]);
    expect(pathsOf(table)).toEqual({ Email: [1, 1, 0], Search: [0, 0, 1] });
  });

  it('gives the same table from a file streamed in time order as from rows sorted in memory', async () => {
    let seed = 42;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const channels = ['Ads', 'Email', 'Organic', 'Social'];
    const rows: TouchpointRow[] = [];
    for (let i = 0; i < 400; i++) {
      const time = Date.UTC(2024, 0, 1) + Math.floor(next() * 90 * 86_400_000);
      const userId = `user-${Math.floor(next() * 60)}`;
      if (next() < 0.2) rows.push({ userId, time, event: 'conversion', value: Math.round(next() * 100) });
      else rows.push({ userId, time, event: 'touch', channel: channels[Math.floor(next() * 4)]! });
    }
    rows.sort((a, b) => (a.time as number) - (b.time as number));
    const text = csv(
      rows.map(
        (r) =>
          `${r.userId},${new Date(r.time as number).toISOString()},${r.event},${r.channel ?? ''},${r.value ?? ''}`,
      ),
    );
    const streamed = await readAttributionFiles([await file('time-ordered.csv', text)], { lookbackDays: 30 });
    expect(streamed.warnings.join('\n')).not.toMatch(/read again/);
    const inMemory = pathTableFromTouchpoints([...rows].reverse(), { lookbackDays: 30 });
    expect(pathsOf(streamed.table)).toEqual(pathsOf(inMemory.table));
    expect(JSON.stringify(attribute(streamed.table))).toBe(JSON.stringify(attribute(inMemory.table)));
  });
});
