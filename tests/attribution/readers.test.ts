import { describe, expect, it } from 'vitest';
import { ExactSum } from '../../actions/engine/attribution/exact-sum.js';
import { attribute, readAttributionFiles } from '../../actions/engine/attribution/index.js';
import { detectDelimiter, splitFields } from '../../actions/engine/attribution/read/lines.js';
import { parseTimestamp } from '../../actions/engine/attribution/read/timestamps.js';
import { creditOf, scratchDir } from './helpers.js';

const file = await scratchDir();

describe('aggregated path files', () => {
  const expected = { C1: 0.2, C2: 0.4, C3: 0.4 };
  const layouts: [string, string | Uint8Array][] = [
    [
      'semicolon.csv',
      'path;total_conversions;total_conversion_value;total_null\nC1 > C2 > C3;1;1000;0\nC1;0;0;1\nC2 > C3;0;0;1\n',
    ],
    ['comma.csv', 'path,conversions,value,nulls\r\n"C1 > C2 > C3",1,1000,0\r\nC1,0,0,1\r\nC2 > C3,0,0,1\r\n'],
    ['tab.tsv', 'Path\tConversions\tValue\tNulls\nC1>C2>C3\t1\t1000\t0\nC1\t0\t0\t1\nC2>C3\t0\t0\t1'],
    [
      'bom.csv',
      '\uFEFFpath;total_conversions;total_conversion_value;total_null\nC1 > C2 > C3;1;1000,0;0\nC1;0;0;1\nC2 > C3;0;0;1\n',
    ],
    [
      'utf16.csv',
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(
          'path\tconversions\tvalue\tnulls\nC1 > C2 > C3\t1\t1000\t0\nC1\t0\t0\t1\nC2 > C3\t0\t0\t1\n',
          'utf16le',
        ),
      ]),
    ],
    [
      'split-rows.csv',
      '# exported 2024-05-01\npath,conversions,value,nulls\nC1 > C2 > C3,1,600,0\nC1,0,0,1\nC1 > C2 > C3,0,400,0\n,,,\nC2 > C3,0,0,1\n',
    ],
  ];

  for (const [name, content] of layouts)
    it(`reads ${name} into the worked example`, async () => {
      const { table, warnings } = await readAttributionFiles([await file(name, content)]);
      expect(warnings).toEqual([]);
      expect(table.paths).toHaveLength(3);
      const result = attribute(table, { models: ['markov'] });
      for (const [channel, share] of Object.entries(expected)) {
        expect(creditOf(result, 'markov')[channel]).toBeCloseTo(share, 12);
        expect(creditOf(result, 'markov', 'value')[channel]).toBeCloseTo(share * 1000, 9);
      }
    });

  it('warns about columns it does not read', async () => {
    const { warnings } = await readAttributionFiles([
      await file('extra.csv', 'path,conversions,campaign\nA,1,spring\n'),
    ]);
    expect(warnings).toEqual([expect.stringMatching(/extra\.csv:1: columns ignored: campaign/)]);
  });
});

describe('reading cells', () => {
  it('detects the separator from the header, ignoring quoted text', () => {
    expect(detectDelimiter('path;conversions;value')).toBe(';');
    expect(detectDelimiter('"a;b",c,d')).toBe(',');
    expect(detectDelimiter('a\tb;c\td')).toBe('\t');
    expect(detectDelimiter('path')).toBeUndefined();
  });

  it('splits quoted fields with escaped quotes and separators inside', () => {
    expect(splitFields('"Paid, Brand",1,"say ""hi"""', ',')).toEqual(['Paid, Brand', '1', 'say "hi"']);
    expect(splitFields('"open,1', ',')).toBeUndefined();
  });

  it('reads ISO 8601 timestamps as UTC and Unix time by magnitude', () => {
    const at = Date.UTC(2024, 4, 1, 10, 0, 0);
    expect(parseTimestamp('2024-05-01T10:00:00Z')).toBe(at);
    expect(parseTimestamp('2024-05-01 10:00:00')).toBe(at);
    expect(parseTimestamp('2024-05-01T12:00:00+02:00')).toBe(at);
    expect(parseTimestamp('2024-05-01T05:30-0430')).toBe(at);
    expect(parseTimestamp('2024-05-01T10:00:00.250Z')).toBe(at + 250);
    expect(parseTimestamp('2024-05-01')).toBe(Date.UTC(2024, 4, 1));
    expect(parseTimestamp(String(at / 1000))).toBe(at);
    expect(parseTimestamp(String(at))).toBe(at);
    expect(parseTimestamp(String(at * 1000))).toBe(at);
    for (const bad of [
      '2024-02-30',
      '2024-13-01',
      '2023-02-29T00:00Z',
      '01/05/2024',
      'yesterday',
      '',
      '2024-05-01T25:00',
    ])
      expect(parseTimestamp(bad)).toBeUndefined();
  });

  it('sums exactly, whatever the order', () => {
    const terms = [1e16, 0.1, -1e16, 0.2, 0.3, 1e-10];
    const forward = new ExactSum();
    const backward = new ExactSum();
    for (const t of terms) forward.add(t);
    for (const t of [...terms].reverse()) backward.add(t);
    expect(forward.valueOf()).toBe(backward.valueOf());
    expect(forward.valueOf()).toBe(0.6000000001);
  });
});

describe('bad input', () => {
  async function failure(
    name: string,
    content: string,
  ): Promise<{ message: string; where?: string; lines: string[] }> {
    const path = await file(name, content);
    try {
      await readAttributionFiles([path]);
    } catch (error) {
      const e = error as {
        message: string;
        where?: string;
        problems: { where: string; line?: number; message: string }[];
      };
      return {
        message: e.message,
        where: e.where?.replace(path, name),
        lines: e.problems.map(
          (p) => `${p.where.replace(path, name)}${p.line ? `:${p.line}` : ''}: ${p.message}`,
        ),
      };
    }
    throw new Error('expected the file to be refused');
  }

  it('names file, line and field of every malformed path row', async () => {
    const result = await failure(
      'bad-paths.csv',
      'path;total_conversions;total_conversion_value;total_null\nA > B;two;0;0\nA >  > B;1;0;0\nB;1;0;-3\nC;1\nD;;0;0\n',
    );
    expect(result.where).toBe('bad-paths.csv');
    expect(result.message).toMatch(/^5 rows could not be read \(first at line 2\)/);
    expect(result.lines).toEqual([
      'bad-paths.csv:2: total_conversions: "two" is not a number ≥ 0',
      'bad-paths.csv:3: path: "A >  > B" has an empty channel between ">"',
      'bad-paths.csv:4: total_null: "-3" is not a number ≥ 0',
      'bad-paths.csv:5: row: has 2 fields, the header has 4',
      'bad-paths.csv:6: total_conversions: is empty; write 0 for a path that did not convert',
    ]);
  });

  it('names file, line and field of every malformed touchpoint row', async () => {
    const result = await failure(
      'bad-touchpoints.csv',
      [
        'user_id,timestamp,event,channel,value',
        'u1,2024-05-01T10:00:00Z,touch,Email,',
        ',2024-05-01T10:00:00Z,touch,Email,',
        'u1,01/05/2024,touch,Email,',
        'u1,2024-05-02T10:00:00Z,click,Email,',
        'u1,2024-05-02T10:00:00Z,touch,,',
        'u1,2024-05-03T10:00:00Z,conversion,,lots',
        'u1,"2024-05-03,touch,Email,',
      ].join('\n'),
    );
    expect(result.lines).toEqual([
      'bad-touchpoints.csv:3: user_id: is empty',
      'bad-touchpoints.csv:4: timestamp: "01/05/2024" is not a timestamp (ISO 8601 such as 2024-05-01T10:00:00Z, or Unix seconds, milliseconds or microseconds)',
      'bad-touchpoints.csv:5: event: "click" is neither touch nor conversion',
      'bad-touchpoints.csv:6: channel: is empty on a touch row',
      'bad-touchpoints.csv:7: value: "lots" is not a number',
      'bad-touchpoints.csv:8: row: has a quote (") that is never closed',
    ]);
  });

  it('lists the first 20 problems and counts the rest', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `P${i};x;0;0`);
    const result = await failure('many.csv', ['path;conversions;value;nulls', ...rows].join('\n'));
    expect(result.message).toBe('25 rows could not be read (first at line 2); the first 20 are listed');
    expect(result.lines).toHaveLength(20);
  });

  it('lists what was expected for an unknown header', async () => {
    const result = await failure('unknown.csv', 'keyword,volume\ncrm,100\n');
    expect(result.message).toBe('unrecognised header: "keyword", "volume"');
    expect(result.where).toBe('unknown.csv:1');
    expect(result.lines.join('\n')).toMatch(/path, conversions \(or total_conversions\)/);
    expect(result.lines.join('\n')).toMatch(/user_id, timestamp, event \(touch or conversion\), channel/);
  });

  it('names the missing column of a layout it recognises', async () => {
    expect((await failure('no-conversions.csv', 'path;value\nA;1\n')).message).toBe(
      'header lacks conversions (or total_conversions)',
    );
    expect((await failure('no-time.csv', 'user_id,event,channel\nu,touch,A\n')).message).toBe(
      'header lacks timestamp',
    );
  });

  it('refuses an empty file', async () => {
    expect((await failure('empty.csv', '\n\n')).message).toBe('no header row');
  });

  it('reports channels that differ only in case or spacing', async () => {
    const path = await file(
      'lookalike.csv',
      'path,conversions\nPaid Search > Email,1\npaid search,1\nPaidSearch,0\n',
    );
    const { warnings } = await readAttributionFiles([path]);
    expect(warnings).toEqual([
      `channels "Paid Search" (first at ${path}:2), "paid search" (first at ${path}:3), "PaidSearch" (first at ${path}:4) differ only in case or spacing; they are counted as different channels — rename them in the source if they are one`,
    ]);
  });
});
