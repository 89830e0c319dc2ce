import { type AttributionModel, creditByPosition } from '../model.js';

export const first: AttributionModel = {
  id: 'first',
  summary: 'all credit to the first touch of each converting journey',
  run: (table) => ({ credit: creditByPosition(table, (_n, i) => (i === 0 ? 1 : 0)) }),
};
