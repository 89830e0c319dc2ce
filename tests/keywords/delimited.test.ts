import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readDelimited as readWith } from '../../actions/engine/keywords/delimited.js';
import { random } from './generated-export.js';

/** The rows `readDelimited` hands out, or undefined when it declines the text. */
function readDelimited(text: string, headerLine: number, delimiter: string) {
  const rows: { line: number; cells: string[] }[] = [];
  return readWith(text, headerLine, delimiter, (cells, line) => rows.push({ line, cells }))
    ? rows
    : undefined;
}

/** csv-parse with the importer's options, each record's start line from its `info`. */
function csvParse(text: string, headerLine: number, delimiter: string) {
  try {
    const records = parse(text, {
      delimiter,
      from_line: headerLine + 1,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as { info: { lines: number }; record: string[] }[];
    return records.map(({ info, record }) => ({
      line: info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0),
      cells: record,
    }));
  } catch {
    return 'error';
  }
}

const PLAIN = ['a', 'b c', ',', ';', '\t', '\n', '\n', ' ', '12'];
const QUOTED = ['""', '"x"', '"y,\nz"', '"say ""hi"""', '"\t;"'];
const STRAY = ['"', '\r', 'q"'];

/** Text made of the pieces that matter to a CSV reader, now and then a malformed one. */
function noise(rng: () => number, length: number): string {
  let text = '';
  let atCellStart = true;
  for (let i = 0; i < length; i++) {
    const roll = rng();
    const pool = roll < 0.03 ? STRAY : roll < 0.25 && atCellStart ? QUOTED : PLAIN;
    const piece = pool[Math.floor(rng() * pool.length)]!;
    text += piece;
    atCellStart = /[,;\t\n]$/.test(piece);
  }
  return text;
}

describe('readDelimited', () => {
  it('reads well-formed text exactly as csv-parse does, lines included', () => {
    const text = '"Title, quoted"\nKeyword,Volume\n\ncrm,"1,200"\n"two\nlines",5\n\n"say ""hi""",7\nlast,';
    expect(readDelimited(text, 2, ',')).toEqual(csvParse(text, 2, ','));
    expect(readDelimited(text, 2, ',')?.map((r) => r.line)).toEqual([4, 5, 8, 9]);
  });

  it('hands malformed text back', () => {
    for (const text of ['a,b\n"open,1\n', 'a,b\nx"y,1\n', 'a,b\n"c"d,1\n', 'a,b\r\nc,d\r\n'])
      expect(readDelimited(text, 1, ',')).toBeUndefined();
  });

  it('agrees with csv-parse on every input it reads', () => {
    const rng = random(42);
    let read = 0;
    let declined = 0;
    for (let i = 0; i < 4000; i++) {
      const text = noise(rng, 1 + Math.floor(rng() * 30));
      const headerLine = 1 + Math.floor(rng() * 3);
      const delimiter = [',', ';', '\t'][i % 3]!;
      const fast = readDelimited(text, headerLine, delimiter);
      if (fast === undefined) declined++;
      else {
        read++;
        expect({ text, headerLine, rows: fast }).toEqual({
          text,
          headerLine,
          rows: csvParse(text, headerLine, delimiter),
        });
      }
    }
    // Both kinds of input were tried in earnest.
    expect(read).toBeGreaterThan(700);
    expect(declined).toBeGreaterThan(200);
  });
});
