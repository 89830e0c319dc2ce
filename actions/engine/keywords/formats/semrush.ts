import { cellText, parseCompetition, parseMoney, parseScore100, parseVolume } from '../cells.js';
import { withoutUndefined } from '../defined.js';
import { parseIntents } from '../intent.js';
import { Columns, readCell } from './columns.js';
import type { ExportLayout } from './layout.js';

/**
 * Semrush Keyword Magic Tool / Keyword Overview / Keyword Manager CSV: UTF-8 (often with a
 * BOM), comma-separated, header on the first line, e.g.
 * `Keyword,Intent,Volume,Trend,Keyword Difficulty,CPC (USD),Competitive Density,SERP Features,Number of Results`.
 * Users can switch columns off, older files lack Intent and write KD as "85.18", Organic
 * Research exports say "Search Volume" and "Keyword Intents", and API exports use ";" with
 * intent codes. The currency is in the CPC header ("CPC (USD)"; Semrush keeps USD even for
 * non-US databases). Competitive Density is advertiser competition 0–1.
 */
export const semrush: ExportLayout = {
  format: 'semrush',
  label: 'Semrush (Keyword Magic Tool / Keyword Overview export)',
  signature: 'Keyword, Volume, Keyword Difficulty or CPC (USD) or Competitive Density or Intent',
  recognise(cells) {
    const c = new Columns(cells);
    const keyword = c.index('keyword');
    const volume = c.index('volume', 'search volume');
    const difficulty = c.index('keyword difficulty', 'keyword difficulty index');
    const cpc = c.matching(/^cpc \([a-z]{3}\)$/) ?? c.index('cpc');
    const density = c.index('competitive density', 'competition');
    const intent = c.index('intent', 'keyword intents');
    // Keyword and Volume alone are too generic; one Semrush-specific column must be present.
    const distinctive =
      difficulty !== undefined ||
      density !== undefined ||
      intent !== undefined ||
      c.matching(/^cpc \(/) !== undefined;
    if (keyword === undefined || volume === undefined || !distinctive) return undefined;
    const currency = cpc === undefined ? undefined : /\(([a-z]{3})\)$/.exec(c.label(cpc).toLowerCase())?.[1];

    return {
      readRow(row) {
        const text = cellText(row[keyword]);
        if (text === undefined) return undefined;
        const parsed = readCell(c, row, volume, parseVolume);
        const price = readCell(c, row, cpc, parseMoney);
        return withoutUndefined({
          keyword: text,
          volume: parsed?.volume,
          volumeRange: parsed?.range,
          difficulty: readCell(c, row, difficulty, parseScore100),
          competition: readCell(c, row, density, parseCompetition),
          cpc: price,
          currency: price === undefined ? undefined : (currency ?? 'usd').toUpperCase(),
          intents: readCell(c, row, intent, (raw) => parseIntents(cellText(raw))),
        });
      },
    };
  },
};
