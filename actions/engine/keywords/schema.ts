import { z } from 'zod';

/** The export layouts Crescendo can read. The id is what `sources[].format` records. */
export const ExportFormat = z.enum(['keyword-planner', 'semrush', 'ahrefs', 'search-console']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** Search intent, in the four classes Semrush and Ahrefs both use. */
export const Intent = z.enum(['informational', 'navigational', 'commercial', 'transactional']);
export type Intent = z.infer<typeof Intent>;

/** A volume a tool gave only as a bucket, e.g. Keyword Planner's "1K – 10K". */
export const VolumeRange = z
  .object({ low: z.number().int().nonnegative(), high: z.number().int().nonnegative() })
  .refine((r) => r.low <= r.high, { message: 'low must not exceed high' });
export type VolumeRange = z.infer<typeof VolumeRange>;

/** One row of one file that contributed to a keyword: where to look when a figure seems wrong. */
export const KeywordSource = z.object({
  file: z.string().min(1),
  format: ExportFormat,
  /** 1-based line in the file (what an editor shows), not the data-row index. */
  line: z.number().int().positive(),
});
export type KeywordSource = z.infer<typeof KeywordSource>;

/**
 * One search term with every figure the imported files gave for it, normalised to one scale:
 * volume per month, difficulty 0–100, competition 0–1, CPC in `currency`, CTR 0–1.
 * Fields a file did not have stay absent; absent means unknown, never 0.
 */
export const Keyword = z.object({
  /** As first seen, trimmed and with inner whitespace collapsed. */
  keyword: z.string().min(1),
  /** Average monthly searches; for a range, its geometric mean (see `volumeRange`). */
  volume: z.number().int().nonnegative().optional(),
  /** Present when the best volume was a range, so readers know `volume` is an estimate. */
  volumeRange: VolumeRange.optional(),
  /** Which tool the volume came from. */
  volumeSource: ExportFormat.optional(),
  /** SEO keyword difficulty 0–100 (Semrush KD % or Ahrefs KD; the scales are not identical). */
  difficulty: z.number().min(0).max(100).optional(),
  difficultySource: ExportFormat.optional(),
  /** Advertiser competition 0–1 (Keyword Planner index / 100, or Semrush competitive density). */
  competition: z.number().min(0).max(1).optional(),
  /** Cost per click in `currency` (Keyword Planner: middle of the top-of-page bid range). */
  cpc: z.number().nonnegative().optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  intents: z.array(Intent).optional(),
  /** True when `intents` was guessed from words like "buy" or "how", not given by a tool. */
  intentInferred: z.boolean().optional(),
  /** Ahrefs: traffic the top page for this keyword gets from all the keywords it ranks for. */
  trafficPotential: z.number().int().nonnegative().optional(),
  /** Ahrefs: the broader topic the top-ranking page is really about. */
  parentKeyword: z.string().optional(),
  /** Google Search Console figures for your own site, over the export's date range. */
  clicks: z.number().int().nonnegative().optional(),
  impressions: z.number().int().nonnegative().optional(),
  /** Click-through rate 0–1 ("3.2%" → 0.032). */
  ctr: z.number().min(0).max(1).optional(),
  /** Average position, 1 = top. */
  position: z.number().positive().optional(),
  sources: z.array(KeywordSource).min(1),
});
export type Keyword = z.infer<typeof Keyword>;

/** A keyword with its opportunity score (see score.ts). */
export const RankedKeyword = Keyword.extend({ score: z.number().min(0).max(100) });
export type RankedKeyword = z.infer<typeof RankedKeyword>;

/** Keywords about one topic, named after the highest-volume one. */
export const KeywordCluster = z.object({
  name: z.string().min(1),
  /** Member keywords, best score first; the first is not necessarily `name`. */
  keywords: z.array(z.string().min(1)).min(1),
  /** Sum of member volumes (an upper bound: close variants share searchers). */
  totalVolume: z.number().int().nonnegative(),
  /** The best member score, so a cluster ranks by its best opportunity. */
  score: z.number().min(0).max(100),
});
export type KeywordCluster = z.infer<typeof KeywordCluster>;

export const KeywordsReport = z.object({
  /** Best score first. */
  keywords: z.array(RankedKeyword),
  /** Best score first. */
  clusters: z.array(KeywordCluster),
  /** Things the user should know that did not stop the import, e.g. skipped rows. */
  warnings: z.array(z.string()),
});
export type KeywordsReport = z.infer<typeof KeywordsReport>;
