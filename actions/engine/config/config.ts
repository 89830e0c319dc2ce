import { z } from 'zod';
import { CrescendoError } from '../errors.js';
import { parseYaml, validateWith } from '../files/yaml.js';
import type { StageName } from '../stages/names.js';

export const CONFIG_PATH = '.github/crescendo.yml';

const ModelPrice = z.object({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  cacheWrite5m: z.number().nonnegative(),
  cacheWrite1h: z.number().nonnegative().optional(),
  cacheRead: z.number().nonnegative(),
});
export type ModelPrice = z.infer<typeof ModelPrice>;

export const Pricing = z.object({
  asOf: z.union([z.iso.date(), z.date().transform((d) => d.toISOString().slice(0, 10))]),
  source: z.string().optional(),
  currency: z.literal('USD'),
  perMillionTokens: z.record(z.string(), ModelPrice),
});
export type Pricing = z.infer<typeof Pricing>;

/** Phase one of research: caps on the model's web lookups and which domains it may use. */
export const ResearchConfig = z.object({
  maxSearches: z.number().int().min(0).max(50).default(8),
  maxFetches: z.number().int().min(0).max(50).default(10),
  allowedDomains: z.array(z.string().min(1)).default([]),
  blockedDomains: z.array(z.string().min(1)).default([]),
});
export type ResearchConfig = z.infer<typeof ResearchConfig>;

/** Content stage: batch mode sends every asset as one Message Batch (half price, up to 24 h). */
export const ContentConfig = z.object({
  batch: z.boolean().default(false),
  /** Batch only jobs of at least this many assets; smaller ones are generated at once. */
  batchMinAssets: z.number().int().min(1).default(20),
});
export type ContentConfig = z.infer<typeof ContentConfig>;

export const Config = z.object({
  models: z.object({ default: z.string().min(1) }).catchall(z.string().min(1)),
  maxTokens: z.number().int().min(256).default(16000),
  validationRetries: z.number().int().min(0).max(5).default(2),
  spendCapUsd: z.number().positive().default(25),
  pricing: Pricing,
  research: ResearchConfig.default(ResearchConfig.parse({})),
  content: ContentConfig.default(ContentConfig.parse({})),
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
