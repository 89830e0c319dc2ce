import { z } from 'zod';

/** Every model, in the order they are shown side by side. */
export const MODEL_IDS = ['first', 'last', 'linear', 'position', 'time-decay', 'markov', 'shapley'] as const;
export const ModelId = z.enum(MODEL_IDS);
export type ModelId = z.infer<typeof ModelId>;

export const MarkovOrder = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type MarkovOrder = z.infer<typeof MarkovOrder>;

/** Seven days: the half-life GA's retired time-decay model used. */
export const DEFAULT_HALF_LIFE_DAYS = 7;

/** Journeys that share one channel sequence, counted together. */
export const PathGroup = z.object({
  /** Indexes into `PathTable.channels`, in touch order; repeats kept (linear and position count them). */
  channels: z.array(z.number().int().nonnegative()).min(1),
  conversions: z.number().nonnegative(),
  /** Conversion value of those conversions, summed. */
  value: z.number(),
  /** Journeys on this path that ended without a conversion. */
  nulls: z.number().nonnegative(),
});
export type PathGroup = z.infer<typeof PathGroup>;

/** Time-decay credit per channel index: it needs every touch's time, so it is summed while journeys are built. */
export const TimeDecayCredit = z.object({
  halfLifeDays: z.number().positive(),
  conversions: z.array(z.number()),
  value: z.array(z.number()),
});
export type TimeDecayCredit = z.infer<typeof TimeDecayCredit>;

/**
 * The input of every model: journeys grouped by path. A million journeys collapse to a few thousand
 * groups, so the models cost nothing next to reading the data.
 */
export const PathTable = z
  .object({
    /** Channel names, sorted; `paths` refer to them by index. */
    channels: z.array(z.string().min(1)),
    /** Sorted by channel names, so the order rows were read in never changes a figure. */
    paths: z.array(PathGroup),
    /** Present when every journey had timestamps; otherwise why time decay cannot be computed. */
    timeDecay: z.union([TimeDecayCredit, z.object({ unavailable: z.string().min(1) })]),
    /** Conversions with no touch before them (or none inside the lookback window): nothing to credit. */
    unattributed: z.object({ conversions: z.number().nonnegative(), value: z.number() }),
    /** Journeys read, converting or not. */
    journeys: z.number().nonnegative(),
  })
  .superRefine((table, ctx) => {
    const n = table.channels.length;
    table.paths.forEach((p, i) => {
      if (p.channels.some((c) => c >= n))
        ctx.addIssue({ code: 'custom', path: ['paths', i, 'channels'], message: `channel index ≥ ${n}` });
    });
    if ('conversions' in table.timeDecay && table.timeDecay.conversions.length !== n)
      ctx.addIssue({ code: 'custom', path: ['timeDecay'], message: `needs one entry per channel (${n})` });
  });
export type PathTable = z.infer<typeof PathTable>;

export const AttributeOptions = z.object({
  /** Which models to run; default all. */
  models: z.array(ModelId).optional(),
  /** Markov chain order: how many previous channels a state remembers. Default 1. */
  markovOrder: MarkovOrder.optional(),
});
export type AttributeOptions = z.infer<typeof AttributeOptions>;

export const Credit = z.object({ conversions: z.number(), value: z.number() });
export type Credit = z.infer<typeof Credit>;

/** Every model's credit side by side. Credits of one model add up to the totals. */
export const AttributionResult = z.object({
  /** Attributed conversions (journeys with at least one touch), the sum every model distributes. */
  totalConversions: z.number(),
  totalValue: z.number(),
  /** Sorted channel names; every model lists every channel. */
  channels: z.array(z.string()),
  models: z.partialRecord(ModelId, z.record(z.string(), Credit)),
  /** Markov removal effects per channel (empty when Markov was not run). */
  removalEffects: z.record(z.string(), z.number()),
  /** Models asked for that could not be computed, with the reason. */
  unavailable: z.partialRecord(ModelId, z.string()),
  markov: z
    .object({
      order: MarkovOrder,
      /** P(conversion) from the start state of the fitted chain. */
      conversionProbability: z.number(),
      /** Transient states of the chain (channel histories of length ≤ order). */
      states: z.number().int(),
    })
    .optional(),
  journeys: z.number(),
  distinctPaths: z.number().int(),
  unattributed: z.object({ conversions: z.number(), value: z.number() }),
});
export type AttributionResult = z.infer<typeof AttributionResult>;
