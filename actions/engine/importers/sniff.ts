import type { Problem } from '../errors.js';
import { ImportError } from './import-log.js';
import {
  type BoundLayout,
  type CsvLayout,
  type Header,
  headerKey,
  type ReadOptions,
  type Refusal,
} from './layout.js';
import { splitLine } from './records.js';

/** Lines searched for the header: GA4 writes about ten `#` lines, LinkedIn a six-line title block. */
export const HEADER_SEARCH_LINES = 30;
const DELIMITERS = ['\t', ',', ';'] as const;

export interface Sniffed {
  layout: CsvLayout;
  bound: BoundLayout;
  header: Header;
  delimiter: string;
}

/**
 * Finds the header among the first lines and the layout it belongs to: the first line that,
 * split by some delimiter, a layout recognises. Title and comment lines above it are
 * skipped this way without being special-cased. An empty file, a file no layout knows, and
 * a known file with no daily metrics are refused with what was expected.
 */
export function sniffLayout(
  headText: string,
  file: string,
  layouts: readonly CsvLayout[],
  options: ReadOptions,
): Sniffed {
  const lines = headText.replace(/\r/g, '').split('\n', HEADER_SEARCH_LINES);
  if (headText.trim() === '') throw emptyFile(file, layouts);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    for (const delimiter of DELIMITERS) {
      if (!line.includes(delimiter) && delimiter !== ',') continue;
      const cells = splitLine(line, delimiter).map((c) => c.replace(/^\uFEFF/, '').trim());
      const header: Header = {
        cells,
        keys: cells.map(headerKey),
        preamble: lines.slice(0, index),
        line: index + 1,
        file,
      };
      for (const layout of layouts) {
        const result = layout.recognise(header, options);
        if (result === undefined) continue;
        if (isRefusal(result)) throw refused(file, result);
        return { layout, bound: result, header, delimiter };
      }
    }
  }
  throw unknownLayout(file, lines, layouts);
}

function isRefusal(result: BoundLayout | Refusal): result is Refusal {
  return 'refuse' in result;
}

/** What each layout expects, one problem line per layout. */
export function expectedLayouts(file: string, layouts: readonly CsvLayout[]): Problem[] {
  return layouts.map((l) => ({ where: file, message: `${l.label}: ${l.signature} — ${l.download}` }));
}

function emptyFile(file: string, layouts: readonly CsvLayout[]): ImportError {
  return new ImportError('empty', 'is empty: no header, no rows', {
    where: file,
    problems: expectedLayouts(file, layouts),
    fix: 'export the data again (one of the layouts above), or delete the empty file',
  });
}

function refused(file: string, refusal: Refusal): ImportError {
  return new ImportError('refused-layout', `is ${refusal.refuse}`, {
    where: file,
    fix: refusal.fix,
  });
}

function unknownLayout(file: string, lines: readonly string[], layouts: readonly CsvLayout[]): ImportError {
  const seen: Problem[] = lines
    .map((text, i) => ({ line: i + 1, text: text.trim() }))
    .filter((l) => l.text.length > 0)
    .slice(0, 3)
    .map(({ line, text }) => ({
      where: file,
      line,
      message: `reads: ${text.length > 120 ? `${text.slice(0, 117)}…` : text}`,
    }));
  return new ImportError(
    'unknown-layout',
    'is not an export Crescendo knows: no known header in its first lines',
    {
      where: file,
      problems: [...seen, ...expectedLayouts(file, layouts)],
      fix: 'export the data from one of the tools above, unedited (no columns renamed or removed), or write it as metrics.csv',
    },
  );
}
