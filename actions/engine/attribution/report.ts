import type { AttributionResult, ModelId, PathTable } from './schema.js';

/** Below this many conversions, credit shares move visibly with each journey. */
export const FEW_CONVERSIONS = 100;
/** A channel in at least this share of converting journeys cannot be told apart from the rest. */
export const DOMINANT_SHARE = 0.8;

/**
 * Twelve significant digits: enough for any money figure, and it drops binary noise
 * (0.19999999999999996 → 0.2) so the JSON reads like the arithmetic it came from.
 */
export const tidy = (x: number): number => (x === 0 ? 0 : Number(x.toPrecision(12)));

/** The `--json` shape, exactly: totals, credit per model per channel, Markov removal effects. */
export function attributionJson(result: AttributionResult): {
  totalConversions: number;
  totalValue: number;
  models: Record<string, Record<string, { conversions: number; value: number }>>;
  removalEffects: Record<string, number>;
} {
  const models: Record<string, Record<string, { conversions: number; value: number }>> = {};
  for (const [id, credit] of Object.entries(result.models)) {
    const byChannel: Record<string, { conversions: number; value: number }> = {};
    for (const channel of result.channels) {
      const c = credit[channel]!;
      byChannel[channel] = { conversions: tidy(c.conversions), value: tidy(c.value) };
    }
    models[id] = byChannel;
  }
  const removalEffects: Record<string, number> = {};
  for (const [channel, r] of Object.entries(result.removalEffects)) removalEffects[channel] = tidy(r);
  return {
    totalConversions: tidy(result.totalConversions),
    totalValue: tidy(result.totalValue),
    models,
    removalEffects,
  };
}

/**
 * What a reader should keep in mind before acting on the numbers: models that could not run, too few
 * conversions, a channel present in nearly every converting journey, a Markov chain with more states
 * than its data can fill.
 */
export function attributionNotes(table: PathTable, result: AttributionResult): string[] {
  const notes: string[] = [];
  for (const [id, reason] of Object.entries(result.unavailable))
    notes.push(`${id}: not computed — ${reason}.`);
  const total = result.totalConversions;
  if (total === 0) {
    notes.push('No attributed conversions: every model credits 0.');
    return notes;
  }
  const few = total < FEW_CONVERSIONS;
  if (few)
    notes.push(
      `Only ${tidy(total)} conversion${total === 1 ? '' : 's'}: one journey more or less moves a channel's credit visibly; read the models as a rough ranking, not as figures.`,
    );
  const presence = new Float64Array(table.channels.length);
  for (const path of table.paths) for (const c of new Set(path.channels)) presence[c]! += path.conversions;
  const dominant = table.channels
    .map((channel, c) => ({ channel, share: presence[c]! / total }))
    .filter((d) => d.share >= DOMINANT_SHARE);
  if (dominant.length > 0 && table.channels.length > 1)
    notes.push(
      `${dominant.map((d) => `${d.channel} (${Math.round(d.share * 100)}%)`).join(', ')} ${dominant.length === 1 ? 'is' : 'are each'} in nearly every converting journey: no model can separate ${dominant.length === 1 ? 'its' : 'their'} effect from the others' (the removal effect is near 1 by construction); only an experiment can.`,
    );
  if (!few && result.markov && result.markov.states > total)
    notes.push(
      `The order-${result.markov.order} Markov chain has ${result.markov.states} states for ${tidy(total)} conversions: most transitions were seen a few times at most; prefer a lower --order.`,
    );
  return notes;
}

/** The spread of a channel's credit across models: largest minus smallest. */
export function spread(result: AttributionResult, channel: string, field: 'conversions' | 'value'): number {
  const values = (Object.keys(result.models) as ModelId[]).map((id) => result.models[id]![channel]![field]);
  return values.length === 0 ? 0 : Math.max(...values) - Math.min(...values);
}
