import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportLog } from '../../actions/engine/importers/import-log.js';
import { readMetricRows, readTouchpoints } from '../../actions/engine/importers/read.js';
import { fixturePath, importError, readAll, readFixture, said, utf16 } from './helpers.js';

const header = 'date,channel,utm_content,impressions,clicks,cost,conversions,revenue\n';
const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('reading an export: bad input', () => {
  it('names the file, row and column of every bad cell, and imports nothing from the file', async () => {
    const csv = `${header}2027-04-13,google-ads,a,400,20,12.50,1,0\n2027-04-14,google-ads,a,lots,20,12.50,1,0\n2027-04-15,google-ads,a,400,20,-3.00,1,0\n2027-04-32,google-ads,a,400,20,1,1,0\n`;
    const error = await importError(readAll(bytes(csv), 'metrics.csv'));
    expect(error.code).toBe('bad-rows');
    expect(error.message).toBe('3 rows of metrics.csv (Crescendo metrics CSV) could not be used');
    const text = said(error);
    expect(text).toContain('metrics.csv:3 column "impressions": "lots" is not a whole number');
    expect(text).toContain('metrics.csv:4 column "cost": "-3.00" is negative');
    expect(text).toContain('spend and revenue cannot be negative');
    expect(text).toContain('metrics.csv:5 column "date": "2027-04-32" is not a date');
  });

  it('refuses an empty file, listing the layouts it could have been', async () => {
    const error = await importError(readAll(bytes(''), 'metrics.csv'));
    expect(error.code).toBe('empty');
    const text = said(error);
    expect(text).toContain('metrics.csv');
    expect(text).toContain('GA4 report download (CSV)');
    expect(text).toContain('Crescendo metrics CSV: date, channel, utm_content');
  });

  it('refuses a header without rows, saying how to export it again', async () => {
    const error = await importError(readAll(bytes(header), 'metrics.csv'));
    expect(error.code).toBe('no-rows');
    expect(error.where).toBe('metrics.csv:1');
    expect(error.fix).toContain('campaigns/<id>/data/metrics.csv');
  });

  it('refuses an unknown file with what it starts with and the known layouts', async () => {
    const error = await importError(readAll(bytes('name,age\nAda,36\n'), 'people.csv'));
    expect(error.code).toBe('unknown-layout');
    const text = said(error);
    expect(text).toContain('people.csv:1: reads: name,age');
    expect(text).toContain('Google Ads report download (UI export)');
    expect(text).toContain('HubSpot contacts export');
  });

  it('refuses a known file that holds no daily numbers, pointing at the one that does', async () => {
    const error = await importError(
      readAll(readFileSync(fixturePath('../keywords/search-console-queries.csv')), 'Queries.csv'),
    );
    expect(error.code).toBe('refused-layout');
    expect(error.message).toContain('Search Console Queries export');
    expect(error.fix).toContain('Dates.csv');
  });

  it('leaves out rows outside the campaign and says how many, without refusing the file', async () => {
    const csv = `${header}2027-03-31,blog,a,10,1,0,0,0\n2027-04-13,blog,a,10,1,0,0,0\n2027-07-01,blog,a,10,1,0,0,0\n`;
    const { rows, log } = await readAll(bytes(csv), 'metrics.csv', {
      window: { from: '2027-04-01', to: '2027-06-30' },
    });
    expect(rows.map((r) => r.date)).toEqual(['2027-04-13']);
    expect(log.warningCount('outside-window')).toBe(2);
    expect(log.warnings()[0]).toContain(
      'metrics.csv:2, metrics.csv:4: rows dated outside the campaign (2027-04-01 – 2027-06-30)',
    );
  });

  it('keeps clicks above impressions but flags them', async () => {
    const { rows, log } = await readAll(bytes(`${header}2027-04-13,x,a,5,9,0,0,0\n`), 'metrics.csv');
    expect(rows).toHaveLength(1);
    expect(log.warnings()[0]).toContain('metrics.csv:2: clicks are above impressions');
  });

  it('refuses a quote that never closes, naming where it opens', async () => {
    const error = await importError(
      readAll(bytes(`${header}2027-04-13,blog,"a,10,1,0,0,0\n`), 'metrics.csv'),
    );
    expect(said(error)).toContain('metrics.csv:2: a quote opens here and never closes');
  });
});

describe('reading an export: streaming', () => {
  it('reads the same rows whatever the chunk size, with quoted cells, CRLF and a last line without a break', async () => {
    const csv =
      'date,channel,utm_content,impressions,clicks,cost,conversions,revenue\r\n' +
      '2027-04-13,blog,"guide, part ""one""",10,1,0,0,0\r\n' +
      '2027-04-14,email,"line\r\nbreak",20,2,0,1,"1,200.50"\r\n' +
      '2027-04-15,x,thread-a,30,3,0,0,0';
    const whole = await readAll(bytes(csv), 'm.csv');
    expect(whole.rows.map((r) => [r.row, r.utm_content, r.revenue])).toEqual([
      [2, 'guide, part "one"', 0],
      [3, 'line\r\nbreak', 1200.5],
      [5, 'thread-a', 0],
    ]);
    for (const chunkBytes of [1, 2, 3, 7, 16]) {
      const { rows } = await readAll(bytes(csv), 'm.csv', { chunkBytes });
      expect(rows, `chunks of ${chunkBytes}`).toEqual(whole.rows);
    }
  });

  it('reads UTF-16 (with or without its byte-order mark) and Windows-1252 as the same text', async () => {
    const csv = `${header}2027-04-13,blog,café-a,10,1,0,0,0\n`;
    const utf8 = await readAll(bytes(csv), 'm.csv');
    const withBom = await readAll(utf16(csv), 'm.csv', { log: new ImportLog() });
    const noBom = await readAll(Buffer.from(csv, 'utf16le'), 'm.csv');
    const cp1252 = await readAll(Buffer.from(csv, 'latin1'), 'm.csv');
    expect(withBom.rows).toEqual(utf8.rows);
    expect(noBom.rows).toEqual(utf8.rows);
    expect(cp1252.rows).toEqual(utf8.rows);
    expect(withBom.log.files[0]?.encoding).toBe('utf-16le');
  });

  it('reads from a path, from bytes and from any byte stream alike', async () => {
    const path = fixturePath('metrics-extended.csv');
    const fromPath = await readFixture('metrics-extended.csv');
    async function* stream() {
      yield readFileSync(path);
    }
    const fromStream: unknown[] = [];
    for await (const row of readMetricRows(stream(), 'metrics-extended.csv')) fromStream.push(row);
    expect(fromStream).toEqual(fromPath.rows);
  });

  it('has no journeys to give for a layout without people', async () => {
    const touches: unknown[] = [];
    for await (const t of readTouchpoints(fixturePath('metrics-extended.csv'), 'm.csv')) touches.push(t);
    expect(touches).toEqual([]);
  });
});
