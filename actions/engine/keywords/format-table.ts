import type { KeywordsReport, RankedKeyword } from './schema.js';

export interface KeywordsTableOptions {
  /** Show at most this many keywords and clusters (default: all). */
  limit?: number;
}

const INTENT_LETTER = { transactional: 'T', commercial: 'C', informational: 'I', navigational: 'N' } as const;

/**
 * A plain-text report for a terminal: keywords best first, then clusters, then warnings.
 * "~" marks a volume estimated from a range; "?" marks intents guessed from the words;
 * "—" is no data (not zero).
 */
export function formatKeywordsTable(report: KeywordsReport, options: KeywordsTableOptions = {}): string {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const keywords = report.keywords.slice(0, limit);
  const clusters = report.clusters.slice(0, limit);
  const out: string[] = [];

  out.push(
    `Keywords: ${report.keywords.length}, best opportunity first${shown(keywords.length, report.keywords.length)}`,
  );
  out.push(
    table(
      ['#', 'Keyword', 'Volume', 'KD', 'Comp', 'CPC', 'Intent', 'Clicks', 'Impr', 'Pos', 'Score'],
      keywords.map((k, i) => [
        String(i + 1),
        clip(k.keyword, 40),
        volumeText(k),
        num(k.difficulty, 0),
        num(k.competition, 2),
        k.cpc === undefined ? '—' : `${k.cpc.toFixed(2)}${k.currency ? ` ${k.currency}` : ''}`,
        intentText(k),
        k.clicks === undefined ? '—' : grouped(k.clicks),
        k.impressions === undefined ? '—' : grouped(k.impressions),
        num(k.position, 1),
        k.score.toFixed(1),
      ]),
      [0, 2, 3, 4, 5, 7, 8, 9, 10],
    ),
  );

  out.push(
    '',
    `Clusters: ${report.clusters.length}, best opportunity first${shown(clusters.length, report.clusters.length)}`,
  );
  out.push(
    table(
      ['#', 'Cluster', 'Size', 'Volume', 'Best', 'Keywords'],
      clusters.map((c, i) => [
        String(i + 1),
        clip(c.name, 40),
        String(c.keywords.length),
        grouped(c.totalVolume),
        c.score.toFixed(1),
        clip(c.keywords.join(', '), 70),
      ]),
      [0, 2, 3, 4],
    ),
  );

  if (report.warnings.length > 0) {
    out.push('', 'Warnings:', ...report.warnings.map((w) => `  - ${w}`));
  }
  out.push('', 'Legend: ~ estimated from a range, ? intent guessed from the words, — no data.');
  return `${out.join('\n')}\n`;
}

function table(header: string[], rows: string[][], rightAligned: number[]): string {
  // A loop, not Math.max(...rows): spreading 100k+ arguments overflows the stack.
  const widths = header.map((h, col) => rows.reduce((w, r) => Math.max(w, (r[col] ?? '').length), h.length));
  const line = (cells: string[]) =>
    `  ${cells
      .map((cell, col) =>
        rightAligned.includes(col) ? cell.padStart(widths[col]!) : cell.padEnd(widths[col]!),
      )
      .join('  ')
      .trimEnd()}`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function volumeText(k: RankedKeyword): string {
  if (k.volume === undefined) return '—';
  return `${k.volumeRange ? '~' : ''}${grouped(k.volume)}`;
}

function intentText(k: RankedKeyword): string {
  if (!k.intents || k.intents.length === 0) return '—';
  return `${k.intents.map((i) => INTENT_LETTER[i]).join(',')}${k.intentInferred ? '?' : ''}`;
}

function num(value: number | undefined, digits: number): string {
  return value === undefined ? '—' : value.toFixed(digits);
}

/** 12100 → "12,100", the same on every machine whatever its locale. */
function grouped(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

function shown(count: number, total: number): string {
  return count < total ? ` (top ${count} shown)` : '';
}
