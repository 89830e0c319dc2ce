import { describe, expect, it } from 'vitest';
import {
  attribute,
  attributeCommand,
  type PathTable,
  queryGa4Files,
  readAttributionFiles,
} from '../../actions/engine/attribution/index.js';
import { GA4_DAY_1, GA4_DAY_2, GA4_PATHS, ndjson } from './ga4-export.js';
import { captureIo, scratchDir } from './helpers.js';

const file = await scratchDir();
const day1 = await file('events_20240501.ndjson', ndjson(GA4_DAY_1));
const day2 = await file('events_20240502.json', ndjson(GA4_DAY_2));

function pathsOf(table: PathTable): Record<string, [number, number, number]> {
  return Object.fromEntries(
    table.paths.map((p) => [
      p.channels.map((c) => table.channels[c]).join(' > '),
      [p.conversions, p.value, p.nulls],
    ]),
  );
}

/** Writes the NDJSON days as Parquet with DuckDB itself (as BigQuery's Parquet export would hold them). */
async function toParquet(from: string[], name: string): Promise<string> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const out = await file(name);
  const list = from.map((f) => `'${f}'`).join(', ');
  await connection.run(
    `COPY (SELECT * FROM read_json([${list}], format = 'newline_delimited')) TO '${out}' (FORMAT parquet)`,
  );
  connection.closeSync();
  instance.closeSync();
  return out;
}

describe('GA4 BigQuery export through DuckDB', () => {
  it('turns sessions into touches and key events into conversions, across daily files', async () => {
    const { table, warnings } = await readAttributionFiles([day1, day2]);
    expect(pathsOf(table)).toEqual(GA4_PATHS);
    expect(table.unattributed).toEqual({ conversions: 1, value: 10 });
    expect(warnings).toEqual([
      '1 conversion had no touch before it (or none inside the lookback window) and is left out of the totals',
    ]);
    expect('halfLifeDays' in table.timeDecay).toBe(true);
  });

  it('reads the same export as Parquet', async () => {
    const parquet = await toParquet([day1, day2], 'events_202405.parquet');
    const { table } = await readAttributionFiles([parquet]);
    expect(pathsOf(table)).toEqual(GA4_PATHS);
  });

  it('reads Parquet and NDJSON days together', async () => {
    const parquet = await toParquet([day1], 'events_20240501.parquet');
    const { table } = await readAttributionFiles([parquet, day2]);
    expect(pathsOf(table)).toEqual(GA4_PATHS);
  });

  it('reads Parquet files that lack a column as if it were empty', async () => {
    const old = await file(
      'events_20240430.ndjson',
      ndjson(GA4_DAY_1.filter((e) => e.user_pseudo_id === 'erin.5')),
    );
    const parquet = await toParquet([old], 'events_20240430.parquet');
    const { table } = await readAttributionFiles([parquet]);
    expect(pathsOf(table)).toEqual({ 'bing / organic': [0, 0, 1] });
  });

  it('counts only the key events it is told to', async () => {
    const { table } = await readAttributionFiles([day1, day2], { conversionEvents: ['purchase'] });
    expect(pathsOf(table)['facebook / social']).toEqual([0, 0, 1]);
  });

  it('groups journeys in SQL exactly as the touchpoint stream does (paths output)', async () => {
    for (const lookbackDays of [undefined, 0.5]) {
      const { table } = await readAttributionFiles([day1, day2], { lookbackDays });
      const rows: Record<string, [number, number, number]> = {};
      let unattributed = 0;
      await queryGa4Files(
        [day1, day2],
        { conversionEvents: ['purchase', 'generate_lead'], output: 'paths', lookbackDays },
        ([path, conversions, value, nulls]) => {
          if (path === null) unattributed += Number(conversions);
          else rows[String(path)] = [Number(conversions), Number(value), Number(nulls)];
          return true;
        },
      );
      expect(rows).toEqual(pathsOf(table));
      expect(unattributed).toBe(table.unattributed.conversions);
    }
  });

  it('drops touches outside the lookback window (alice’s google / cpc touch is 23 hours old)', async () => {
    const { table } = await readAttributionFiles([day1, day2], { lookbackDays: 0.5 });
    expect(pathsOf(table)['newsletter / email']).toEqual([1, 120, 0]);
    const result = attribute(table);
    expect(result.totalConversions).toBe(3);
  });

  it('crescendo attribute reads the export, with the key events given on the command line', async () => {
    const { io, out } = captureIo();
    expect(await attributeCommand([day1, day2, '--json', '--conversion-event', 'purchase'], io)).toBe(0);
    const json = JSON.parse(out[0]!);
    expect(json.totalConversions).toBe(2);
    expect(json.totalValue).toBe(150.5);
    const bad = captureIo();
    expect(await attributeCommand([day1, '--conversion-event', 'add to cart'], bad.io)).toBe(1);
    expect(bad.err.join('\n')).toMatch(/conversion event names must be GA4 event names: add to cart/);
  });

  it('refuses a file that is not a GA4 export, naming it', async () => {
    const broken = await file('events_broken.ndjson', '{"user_pseudo_id": "x", "event_timestamp": \n');
    await expect(readAttributionFiles([broken])).rejects.toMatchObject({
      where: broken,
      message: expect.stringMatching(/^cannot read the GA4 export/),
    });
  });
});
