import { type AttributionModel, emptyCredit } from '../model.js';

/**
 * Shapley value of the game v(S) = conversions of journeys whose channels all lie in S. That game is
 * a sum of unanimity games, one per journey on its set of distinct channels, and the Shapley value of
 * a unanimity game splits its worth equally among its members: so each distinct channel of a
 * converting journey gets conversions ÷ (number of distinct channels). Exact, linear in the data.
 */
export const shapley: AttributionModel = {
  id: 'shapley',
  summary: 'Shapley value of v(S) = conversions of journeys whose channels all lie in S',
  run: (table) => {
    const credit = emptyCredit(table.channels.length);
    for (const path of table.paths) {
      if (path.conversions === 0 && path.value === 0) continue;
      const distinct = [...new Set(path.channels)];
      for (const c of distinct) {
        credit.conversions[c]! += path.conversions / distinct.length;
        credit.value[c]! += path.value / distinct.length;
      }
    }
    return { credit };
  },
};
