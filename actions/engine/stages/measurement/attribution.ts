import {
  type AttributionResult,
  attribute,
  attributionNotes,
  MODEL_IDS,
  type ModelId,
  type PathGroup,
  type PathTable,
} from '../../attribution/index.js';
import { channelFor, metricChannel, splitSourceMedium } from '../../importers/channel-grouping.js';

/** One channel's credit under every model, and the spread between them: the honest uncertainty. */
export interface ChannelCredit {
  channel: string;
  /** Conversions credited by each model that could run. */
  credits: Partial<Record<ModelId, number>>;
  /** Conversion value credited, when the journeys carry value. */
  values?: Partial<Record<ModelId, number>>;
  low: number;
  high: number;
  /** high − low: how much the choice of model decides this channel's number. */
  spread: number;
}

export interface AttributionSummary {
  models: ModelId[];
  unavailable: Partial<Record<ModelId, string>>;
  totalConversions: number;
  totalValue: number;
  journeys: number;
  unattributed: { conversions: number; value: number };
  /** Most credited first (by the average over the models). */
  channels: ChannelCredit[];
  notes: string[];
  /** The committed files the journeys were read from. */
  files: string[];
}

/** GA4's `source / medium` (BigQuery exports) and written channel names → Crescendo's channel ids. */
export function crescendoChannel(name: string): string {
  const known = metricChannel(name);
  if (known) return known;
  if (name.includes(' / ')) {
    const { source, medium } = splitSourceMedium(name);
    return channelFor(source, medium);
  }
  return name;
}

const comparePaths = (a: readonly number[], b: readonly number[]): number => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
};

/**
 * The same journeys under other channel names, journeys that now share a path merged. Channel names are
 * sorted and paths are sorted by them, as every path table is. Renaming before the models run (not after)
 * keeps Markov and Shapley right: two GA4 names of one channel are one state, not two competitors.
 */
export function renameChannels(table: PathTable, rename: (name: string) => string): PathTable {
  const names = [...new Set(table.channels.map(rename))].sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const to = table.channels.map((c) => index.get(rename(c))!);
  const groups = new Map<string, PathGroup>();
  for (const p of table.paths) {
    const channels = p.channels.map((c) => to[c]!);
    const key = channels.join(',');
    const g = groups.get(key);
    if (g) {
      g.conversions += p.conversions;
      g.value += p.value;
      g.nulls += p.nulls;
    } else groups.set(key, { channels, conversions: p.conversions, value: p.value, nulls: p.nulls });
  }
  let timeDecay = table.timeDecay;
  if ('conversions' in timeDecay) {
    const conversions = names.map(() => 0);
    const value = names.map(() => 0);
    timeDecay.conversions.forEach((v, c) => {
      conversions[to[c]!]! += v;
    });
    timeDecay.value.forEach((v, c) => {
      value[to[c]!]! += v;
    });
    timeDecay = { halfLifeDays: timeDecay.halfLifeDays, conversions, value };
  }
  return {
    channels: names,
    paths: [...groups.values()].sort((a, b) => comparePaths(a.channels, b.channels)),
    timeDecay,
    unattributed: { ...table.unattributed },
    journeys: table.journeys,
  };
}

/** Every model on the journeys, channel by channel, with the spread between the models. */
export function summariseAttribution(table: PathTable, files: string[]): AttributionSummary {
  const result: AttributionResult = attribute(table);
  const models = MODEL_IDS.filter((m) => result.models[m] !== undefined);
  const hasValue = result.totalValue > 0;
  const channels = result.channels.map((channel): ChannelCredit => {
    const credits: Partial<Record<ModelId, number>> = {};
    const values: Partial<Record<ModelId, number>> = {};
    for (const m of models) {
      credits[m] = result.models[m]![channel]!.conversions;
      values[m] = result.models[m]![channel]!.value;
    }
    const all = models.map((m) => credits[m]!);
    const low = all.length ? Math.min(...all) : 0;
    const high = all.length ? Math.max(...all) : 0;
    return { channel, credits, ...(hasValue ? { values } : {}), low, high, spread: high - low };
  });
  const mean = (c: ChannelCredit) =>
    models.reduce((s, m) => s + c.credits[m]!, 0) / Math.max(1, models.length);
  channels.sort((a, b) => mean(b) - mean(a) || a.channel.localeCompare(b.channel));
  return {
    models,
    unavailable: result.unavailable,
    totalConversions: result.totalConversions,
    totalValue: result.totalValue,
    journeys: result.journeys,
    unattributed: result.unattributed,
    channels,
    // The notes speak of the command's flags; here, the same advice without them.
    notes: attributionNotes(table, result).map((n) =>
      n.replace('prefer a lower --order', 'read the order-1 chain'),
    ),
    files,
  };
}
