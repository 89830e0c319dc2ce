import type { MarkovOrder, ModelId, PathTable } from './schema.js';

/** Credit per channel index. */
export interface ModelCredit {
  conversions: Float64Array;
  value: Float64Array;
}

export interface MarkovDetails {
  order: MarkovOrder;
  conversionProbability: number;
  states: number;
  /** Removal effect per channel index. */
  removalEffects: Float64Array;
}

export type ModelOutcome = { credit: ModelCredit; markov?: MarkovDetails } | { unavailable: string };

export interface ModelSettings {
  markovOrder: MarkovOrder;
}

/** One attribution model: a pure function of the path table. */
export interface AttributionModel {
  id: ModelId;
  /** The definition in one line (the README has each written out with a worked example). */
  summary: string;
  run(table: PathTable, settings: ModelSettings): ModelOutcome;
}

export function emptyCredit(channels: number): ModelCredit {
  return { conversions: new Float64Array(channels), value: new Float64Array(channels) };
}

/**
 * Credit that depends only on a touch's position: `share(length, position)` is the fraction of the
 * path's conversions (and value) the touch at `position` gets; the shares of one path add up to 1.
 */
export function creditByPosition(table: PathTable, share: (length: number, position: number) => number) {
  const credit = emptyCredit(table.channels.length);
  for (const path of table.paths) {
    if (path.conversions === 0 && path.value === 0) continue;
    const n = path.channels.length;
    for (let i = 0; i < n; i++) {
      const s = share(n, i);
      if (s === 0) continue;
      const c = path.channels[i]!;
      credit.conversions[c]! += s * path.conversions;
      credit.value[c]! += s * path.value;
    }
  }
  return credit;
}
