import { type AttributionModel, creditByPosition } from '../model.js';

export const linear: AttributionModel = {
  id: 'linear',
  summary: 'each touch gets conversions ÷ path length; a repeated channel is credited every time',
  run: (table) => ({ credit: creditByPosition(table, (n) => 1 / n) }),
};
