import { type AttributionModel, creditByPosition } from '../model.js';

export const last: AttributionModel = {
  id: 'last',
  summary: 'all credit to the last touch before the conversion',
  run: (table) => ({ credit: creditByPosition(table, (n, i) => (i === n - 1 ? 1 : 0)) }),
};
