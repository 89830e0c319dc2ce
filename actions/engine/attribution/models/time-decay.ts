import type { AttributionModel } from '../model.js';

/**
 * Weights 2^(−Δt / half-life), Δt = conversion time − touch time, normalised per journey. The
 * weights need every touch's time, which grouped paths no longer have, so the credit is summed
 * while journeys are built (`JourneyBuilder`) and carried in the table.
 */
export const timeDecay: AttributionModel = {
  id: 'time-decay',
  summary: 'each touch weighted 2^(−Δt / half-life) before the conversion, weights normalised per journey',
  run: (table) => {
    const decay = table.timeDecay;
    if ('unavailable' in decay) return { unavailable: decay.unavailable };
    return {
      credit: { conversions: Float64Array.from(decay.conversions), value: Float64Array.from(decay.value) },
    };
  },
};
