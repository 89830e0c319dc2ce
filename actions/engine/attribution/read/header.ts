import { CrescendoError } from '../../errors.js';

/** Aggregated paths, as ChannelAttribution and most warehouse queries write them. */
export interface PathColumns {
  kind: 'paths';
  path: number;
  conversions: number;
  value?: number;
  nulls?: number;
}

/** One row per touch or conversion. */
export interface TouchpointColumns {
  kind: 'touchpoints';
  user: number;
  timestamp: number;
  event: number;
  channel: number;
  value?: number;
}

export type Columns = PathColumns | TouchpointColumns;

export const PATH_HEADER_HELP =
  'aggregated paths: path, conversions (or total_conversions), value (or total_conversion_value, optional), nulls (or total_null, optional)';
export const TOUCHPOINT_HEADER_HELP =
  'touchpoints: user_id, timestamp, event (touch or conversion), channel, value (optional)';

/** A header cell as matched: lower case, no quotes or BOM, spaces and hyphens as `_`. */
export function headerKey(cell: string): string {
  return cell
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/^"|"$/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/**
 * Which layout a header row is, and where each column sits. A header that is neither lists what
 * each layout needs; a layout with a column missing names the missing column.
 */
export function recogniseHeader(
  cells: readonly string[],
  where: string,
): { columns: Columns; ignored: string[] } {
  const keys = cells.map(headerKey);
  const at = (...names: string[]) => {
    for (const name of names) {
      const i = keys.indexOf(name);
      if (i !== -1) return i;
    }
    return undefined;
  };
  const used = (columns: Columns) => new Set(Object.values(columns).filter((v) => typeof v === 'number'));
  const ignoredOf = (columns: Columns) => {
    const taken = used(columns);
    return cells.filter((_, i) => !taken.has(i) && keys[i] !== '');
  };
  const path = at('path');
  if (path !== undefined) {
    const conversions = at('conversions', 'total_conversions');
    if (conversions === undefined)
      throw missing(where, cells, ['conversions (or total_conversions)'], PATH_HEADER_HELP);
    const columns: PathColumns = {
      kind: 'paths',
      path,
      conversions,
      value: at('value', 'total_conversion_value'),
      nulls: at('nulls', 'total_null', 'total_nulls'),
    };
    return { columns, ignored: ignoredOf(columns) };
  }
  const user = at('user_id');
  const timestamp = at('timestamp');
  const event = at('event');
  const channel = at('channel');
  if (user !== undefined || event !== undefined) {
    const absent = [
      user === undefined ? 'user_id' : '',
      timestamp === undefined ? 'timestamp' : '',
      event === undefined ? 'event' : '',
      channel === undefined ? 'channel' : '',
    ].filter(Boolean);
    if (user === undefined || timestamp === undefined || event === undefined || channel === undefined)
      throw missing(where, cells, absent, TOUCHPOINT_HEADER_HELP);
    const columns: TouchpointColumns = {
      kind: 'touchpoints',
      user,
      timestamp,
      event,
      channel,
      value: at('value'),
    };
    return { columns, ignored: ignoredOf(columns) };
  }
  throw new CrescendoError(`unrecognised header: ${cells.map((c) => `"${c.trim()}"`).join(', ')}`, {
    where,
    problems: [
      { where: 'expected', message: PATH_HEADER_HELP },
      { where: 'or', message: TOUCHPOINT_HEADER_HELP },
    ],
    fix: 'rename the columns to one of the layouts above (separated by comma, semicolon or tab), or give a GA4 export (.parquet, .ndjson, .json, .jsonl)',
  });
}

function missing(where: string, cells: readonly string[], absent: string[], help: string): CrescendoError {
  return new CrescendoError(`header lacks ${absent.join(', ')}`, {
    where,
    problems: [
      { where: 'found', message: cells.map((c) => `"${c.trim()}"`).join(', ') },
      { where: 'expected', message: help },
    ],
    fix: 'add or rename the missing column',
  });
}
