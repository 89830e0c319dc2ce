import { z } from 'zod';
import { CrescendoError } from '../errors.js';
import { parseYaml, validateWith } from '../files/yaml.js';
import { MeasurementSettings } from '../importers/pull.js';
import type { StageName } from '../stages/names.js';
import { PublishingConfig } from './publishing.js';
import { CONFIG_PATH, SpendCapUsd } from './spend-cap.js';

export { CONFIG_PATH };

const ModelPrice = z.object({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  cacheWrite5m: z.number().nonnegative(),
  cacheWrite1h: z.number().nonnegative().optional(),
  cacheRead: z.number().nonnegative(),
});
export type ModelPrice = z.infer<typeof ModelPrice>;

/**
 * Server tools are billed per request on top of the tokens they add: web search per 1,000 searches
 * (a search that fails is not billed); web fetch has no fee of its own, only the fetched page's tokens.
 */
export const ServerToolPrices = z.object({
  webSearchPer1000: z.number().nonnegative(),
  webFetchPer1000: z.number().nonnegative().default(0),
  source: z.string().optional(),
});
export type ServerToolPrices = z.infer<typeof ServerToolPrices>;

export const Pricing = z.object({
  asOf: z.union([z.iso.date(), z.date().transform((d) => d.toISOString().slice(0, 10))]),
  source: z.string().optional(),
  currency: z.literal('USD'),
  perMillionTokens: z.record(z.string(), ModelPrice),
  /** Absent: any call that may use web search is refused (a price is never assumed in code). */
  serverTools: ServerToolPrices.optional(),
});
export type Pricing = z.infer<typeof Pricing>;

/** Phase one of research: caps on the model's web lookups and which domains it may use. */
export const ResearchConfig = z.object({
  maxSearches: z.number().int().min(0).max(50).default(8),
  maxFetches: z.number().int().min(0).max(50).default(10),
  allowedDomains: z.array(z.string().min(1)).default([]),
  blockedDomains: z.array(z.string().min(1)).default([]),
  /**
   * Sent as the web fetch tool's `max_content_tokens`: the most one fetched page adds to the prompt.
   * Default 5000 (`DEFAULT_MAX_CONTENT_TOKENS` in llm/anthropic-gather.ts).
   */
  maxContentTokens: z.number().int().min(256).max(100_000).optional(),
  /**
   * The most tokens one web search's results are assumed to add. The API has no limit to set, so the
   * spend cap's worst case uses this figure; raise it if your searches report more. Default 8000.
   */
  searchResultTokens: z.number().int().min(256).max(100_000).optional(),
});
export type ResearchConfig = z.infer<typeof ResearchConfig>;

/** Content stage: batch mode sends every asset as one Message Batch (half price, up to 24 h). */
export const ContentConfig = z.object({
  batch: z.boolean().default(false),
  /** Batch only jobs of at least this many assets; smaller ones are generated at once. */
  batchMinAssets: z.number().int().min(1).default(20),
});
export type ContentConfig = z.infer<typeof ContentConfig>;

/** Minutes a stage job may run (`timeout-minutes` of the stage jobs in .github/workflows). */
export const STAGE_JOB_TIMEOUT_MINUTES = 30;
/** Kept free of model calls in every stage job: checkout, install, commit and pull request. */
export const STAGE_JOB_MARGIN_MINUTES = 5;

/**
 * Time limits of model calls. The SDK's `timeout` only covers the wait for response headers, and it
 * obeys any `retry-after`, so the hard limits are deadlines: one call (all its retries included)
 * never runs past `callTimeoutMinutes`, and no call of a stage runs past `stageTimeoutMinutes`, which
 * must leave the job its margin (see `timeBudget` in llm/time-budget.ts).
 */
export const ModelCallLimits = z
  .object({
    /** Per attempt, until the response headers arrive (the SDK's `timeout`). */
    requestTimeoutSeconds: z.number().int().min(10).max(600).default(120),
    /** The SDK's retries of 408/409/429/5xx and dropped connections, per request. */
    maxRetries: z.number().int().min(0).max(8).default(3),
    /** Crescendo's retries of an answer whose stream failed midway (`overloaded_error`). */
    streamRetries: z.number().int().min(0).max(5).default(2),
    callTimeoutMinutes: z.number().positive().default(10),
    stageTimeoutMinutes: z
      .number()
      .positive()
      .default(STAGE_JOB_TIMEOUT_MINUTES - STAGE_JOB_MARGIN_MINUTES),
  })
  .refine((l) => l.callTimeoutMinutes <= l.stageTimeoutMinutes, {
    message: 'callTimeoutMinutes must not exceed stageTimeoutMinutes',
    path: ['callTimeoutMinutes'],
  })
  .refine((l) => l.stageTimeoutMinutes <= STAGE_JOB_TIMEOUT_MINUTES - STAGE_JOB_MARGIN_MINUTES, {
    message: `stageTimeoutMinutes must leave ${STAGE_JOB_MARGIN_MINUTES} of the job's ${STAGE_JOB_TIMEOUT_MINUTES} minutes free`,
    path: ['stageTimeoutMinutes'],
  });
export type ModelCallLimits = z.infer<typeof ModelCallLimits>;

export const Config = z.object({
  models: z.object({ default: z.string().min(1) }).catchall(z.string().min(1)),
  maxTokens: z.number().int().min(256).default(16000),
  validationRetries: z.number().int().min(0).max(5).default(2),
  spendCapUsd: SpendCapUsd,
  pricing: Pricing,
  research: ResearchConfig.default(ResearchConfig.parse({})),
  content: ContentConfig.default(ContentConfig.parse({})),
  modelCalls: ModelCallLimits.default(ModelCallLimits.parse({})),
  /** `publishing.<channel>`: the publisher each channel uses and its settings (see config/publishing.ts). */
  publishing: PublishingConfig,
  /** Where the scheduled measurement pulls performance data from (`measurement.sources`, importers/README.md). */
  measurement: MeasurementSettings.default(MeasurementSettings.parse({})),
});
export type Config = z.infer<typeof Config>;

export function parseConfig(text: string, file = CONFIG_PATH): Config {
  const yaml = parseYaml(text, file);
  return validateWith(Config, yaml.value, file, yaml.lineOf, 'is not a valid Crescendo configuration');
}

export async function loadConfig(readFile: (path: string) => Promise<string | undefined>): Promise<Config> {
  const text = await readFile(CONFIG_PATH);
  if (text === undefined) {
    throw new CrescendoError(`no configuration at ${CONFIG_PATH}`, {
      fix: 'run `crescendo init` (or copy .github/crescendo.yml from the Crescendo template)',
    });
  }
  return parseConfig(text);
}

export const modelFor = (config: Config, stage: StageName): string =>
  config.models[stage] ?? config.models.default;
