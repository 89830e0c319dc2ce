import { cellText, parseCount, parseMoney, parseScore100, parseVolume } from '../cells.js';
import { withoutUndefined } from '../defined.js';
import { parseIntents, sortIntents } from '../intent.js';
import type { Intent } from '../schema.js';
import { Columns, readCell } from './columns.js';
import type { ExportLayout } from './layout.js';

/**
 * Ahrefs Keywords Explorer / Site Explorer CSV. The export dialog offers UTF-8 (comma) or
 * UTF-16 (tab, with a BOM, for Excel); both are handled by decoding and delimiter detection.
 * Keywords Explorer header, e.g. `#,Keyword,Country,Difficulty,Volume,CPC,CPS,Parent Keyword,
 * Last Update,SERP Features,Global volume,Traffic potential,Global traffic potential,First seen,
 * Intents`; Site Explorer's Organic keywords writes `KD` and one true/false column per intent.
 * CPC is in US dollars. "Global volume" is all countries together and is never the volume.
 */
export const ahrefs: ExportLayout = {
  format: 'ahrefs',
  label: 'Ahrefs (Keywords Explorer / Site Explorer export)',
  signature: 'Keyword, Volume, KD or Difficulty or Parent Keyword or Traffic potential',
  recognise(cells) {
    const c = new Columns(cells);
    const keyword = c.index('keyword');
    const volume = c.index('volume');
    const difficulty = c.index('kd', 'difficulty');
    const parent = c.index('parent keyword', 'parent topic');
    const potential = c.index('traffic potential');
    if (keyword === undefined || volume === undefined) return undefined;
    if (difficulty === undefined && parent === undefined && potential === undefined) return undefined;
    const cpc = c.index('cpc');
    const intents = c.index('intents');
    const flagColumns = (['informational', 'navigational', 'commercial', 'transactional'] as const).flatMap(
      (intent) => {
        const index = c.index(intent);
        return index === undefined ? [] : [{ intent, index }];
      },
    );

    return {
      readRow(row) {
        const text = cellText(row[keyword]);
        if (text === undefined) return undefined;
        const parsed = readCell(c, row, volume, parseVolume);
        const price = readCell(c, row, cpc, parseMoney);
        const flagged: Intent[] = flagColumns
          .filter(({ index }) => cellText(row[index])?.toLowerCase() === 'true')
          .map(({ intent }) => intent);
        const listed = readCell(c, row, intents, (raw) => parseIntents(cellText(raw))) ?? [];
        const all = sortIntents([...listed, ...flagged]);
        return withoutUndefined({
          keyword: text,
          volume: parsed?.volume,
          volumeRange: parsed?.range,
          difficulty: readCell(c, row, difficulty, parseScore100),
          cpc: price,
          currency: price === undefined ? undefined : 'USD',
          intents: all.length > 0 ? all : undefined,
          trafficPotential: readCell(c, row, potential, (raw) => parseCount(raw)),
          parentKeyword: readCell(c, row, parent, cellText),
        });
      },
    };
  },
};
