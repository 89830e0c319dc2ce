import { MODELS } from './models/index.js';
import {
  type AttributeOptions,
  type AttributionResult,
  type Credit,
  MODEL_IDS,
  type ModelId,
  type PathTable,
} from './schema.js';

/**
 * Every requested model side by side on one path table. Pure: the same table and options always
 * give the same result, whatever order the journeys were read in.
 */
export function attribute(table: PathTable, options: AttributeOptions = {}): AttributionResult {
  const wanted = new Set<ModelId>(options.models ?? MODEL_IDS);
  const markovOrder = options.markovOrder ?? 1;
  let totalConversions = 0;
  let totalValue = 0;
  for (const p of table.paths) {
    totalConversions += p.conversions;
    totalValue += p.value;
  }
  const result: AttributionResult = {
    totalConversions,
    totalValue,
    channels: [...table.channels],
    models: {},
    removalEffects: {},
    unavailable: {},
    journeys: table.journeys,
    distinctPaths: table.paths.length,
    unattributed: { ...table.unattributed },
  };
  for (const model of MODELS) {
    if (!wanted.has(model.id)) continue;
    const outcome = model.run(table, { markovOrder });
    if ('unavailable' in outcome) {
      result.unavailable[model.id] = outcome.unavailable;
      continue;
    }
    const byChannel: Record<string, Credit> = {};
    table.channels.forEach((name, c) => {
      byChannel[name] = { conversions: outcome.credit.conversions[c]!, value: outcome.credit.value[c]! };
    });
    result.models[model.id] = byChannel;
    if (outcome.markov) {
      const { removalEffects, ...details } = outcome.markov;
      result.markov = details;
      table.channels.forEach((name, c) => {
        result.removalEffects[name] = removalEffects[c]!;
      });
    }
  }
  return result;
}
