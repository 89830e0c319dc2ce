import { buildChain, conversionProbability } from '../absorbing-chain.js';
import { type AttributionModel, emptyCredit } from '../model.js';

/**
 * Removal effect of channel k: RE_k = 1 − P(conversion with k's states sending everything to null)
 * ÷ P(conversion). Credit_k = RE_k ÷ ΣRE × total conversions, value by the same shares. Every P is
 * an exact solve of the absorbing chain, so the same data always gives the same numbers.
 */
export const markov: AttributionModel = {
  id: 'markov',
  summary: 'Markov chain removal effects (order 1–3), exact absorbing-chain solve, normalised to conversions',
  run: (table, { markovOrder }) => {
    const channels = table.channels.length;
    const chain = buildChain(table, markovOrder);
    const base = conversionProbability(chain);
    const removalEffects = new Float64Array(channels);
    if (base > 0) {
      for (let k = 0; k < channels; k++) removalEffects[k] = 1 - conversionProbability(chain, k) / base;
    }
    let sum = 0;
    for (const r of removalEffects) sum += r;
    let conversions = 0;
    let value = 0;
    for (const p of table.paths) {
      conversions += p.conversions;
      value += p.value;
    }
    const credit = emptyCredit(channels);
    if (sum > 0) {
      for (let k = 0; k < channels; k++) {
        credit.conversions[k] = (removalEffects[k]! / sum) * conversions;
        credit.value[k] = (removalEffects[k]! / sum) * value;
      }
    }
    return {
      credit,
      markov: {
        order: markovOrder,
        conversionProbability: base,
        states: chain.stateChannels.length,
        removalEffects,
      },
    };
  },
};
