import { cellText, parseCompetition, parseCount, parseMoney, parseVolume, rangeEstimate } from '../cells.js';
import { withoutUndefined } from '../defined.js';
import { Columns, readCell } from './columns.js';
import type { ExportLayout } from './layout.js';

/**
 * Google Keyword Planner, "Download keyword ideas" / "Keyword Stats" CSV: UTF-16LE with a BOM,
 * tab-separated, a title line ("Keyword Stats 2026-06-09 at 21_25_18") and a date-range line
 * before the header. Columns used: Keyword, Currency, Avg. monthly searches (exact, or a
 * bucket such as "1K – 10K" for accounts with little ad spend), Min/Max search volume (some
 * exports give the bucket bounds as columns), Competition (Low/Medium/High), Competition
 * (indexed value) 0–100, Top of page bid (low range) and (high range). Three month change,
 * YoY change and the "Searches: Mon YYYY" columns are trends, not used for ranking.
 */
export const keywordPlanner: ExportLayout = {
  format: 'keyword-planner',
  label: 'Google Keyword Planner (Keyword Stats export)',
  signature: 'Keyword, Avg. monthly searches',
  recognise(cells) {
    const c = new Columns(cells);
    const keyword = c.index('keyword');
    const volume = c.index('avg. monthly searches', 'avg. monthly searches (exact match only)');
    if (keyword === undefined || volume === undefined) return undefined;
    const min = c.index('min search volume');
    const max = c.index('max search volume');
    const currency = c.index('currency');
    const competitionWord = c.index('competition');
    const competitionIndex = c.index('competition (indexed value)');
    const bidLow = c.index('top of page bid (low range)');
    const bidHigh = c.index('top of page bid (high range)');

    return {
      readRow(row) {
        const text = cellText(row[keyword]);
        if (text === undefined) return undefined;
        let parsed = readCell(c, row, volume, parseVolume);
        const low = readCell(c, row, min, (raw) => parseCount(raw));
        const high = readCell(c, row, max, (raw) => parseCount(raw));
        if (parsed === undefined && low !== undefined && high !== undefined && low <= high) {
          parsed = { volume: rangeEstimate(low, high), range: { low, high } };
        }
        // The index is the precise figure; the word is only its third (Low/Medium/High).
        const competition =
          readCell(c, row, competitionIndex, parseCompetition) ??
          readCell(c, row, competitionWord, parseCompetition);
        const bids = [readCell(c, row, bidLow, parseMoney), readCell(c, row, bidHigh, parseMoney)].filter(
          (b): b is number => b !== undefined,
        );
        // Low and high range are Google's 20th and 80th percentile top-of-page bids: their
        // middle is the typical price of a click at the top of the page.
        const cpc = bids.length === 0 ? undefined : round2(bids.reduce((a, b) => a + b, 0) / bids.length);
        const code = readCell(c, row, currency, cellText)?.toUpperCase();
        return withoutUndefined({
          keyword: text,
          volume: parsed?.volume,
          volumeRange: parsed?.range,
          competition,
          cpc,
          currency: cpc !== undefined && code && /^[A-Z]{3}$/.test(code) ? code : undefined,
        });
      },
      checkFile(rows) {
        // Some Keyword Planner downloads write each bucket as one round number (50, 500, 5000…)
        // instead of "1K – 10K". An exact file would not consist of such values only.
        const volumes = rows.flatMap((r) => (r.volume !== undefined && !r.volumeRange ? [r.volume] : []));
        if (volumes.length >= 5 && volumes.every((v) => BUCKET_FIGURES.has(v))) {
          return [
            'every volume is 0, 50, 500, 5000, 50000 or 500000: these look like Keyword Planner buckets ' +
              '(ranges), not exact figures; treat them as rough estimates or export from an account with ad spend',
          ];
        }
        return [];
      },
    };
  },
};

const BUCKET_FIGURES = new Set([0, 50, 500, 5_000, 50_000, 500_000, 5_000_000]);

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
