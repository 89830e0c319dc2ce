import type { z } from 'zod';
import type { ImportLog } from './import-log.js';
import type { CsvLayout } from './layout.js';
import type { DateWindow, ImporterId, MetricChannel, MetricRow } from './metric-row.js';
import type { Touchpoint } from './touchpoint.js';

/** An environment variable an API source reads. Secret values never reach a log, message or file. */
export interface EnvVar {
  name: string;
  about: string;
  secret: boolean;
  required: boolean;
}

/** What an API pull gets besides its configuration. */
export interface PullContext {
  /** The days to pull (inclusive). */
  window: DateWindow;
  /** Where credentials and base-URL overrides are read (normally `process.env`). */
  env: Readonly<Record<string, string | undefined>>;
  log: ImportLog;
  /** utm_content by platform id (creative URN, email campaign id, page URL), from the distribution ledger. */
  utmContentByRef?: Readonly<Record<string, string>>;
  /** utm_content → channel, from the distribution ledger. */
  channelByUtmContent?: Readonly<Record<string, MetricChannel>>;
  /** The campaign's budget currency: an account reporting in another one is refused. */
  currency?: string;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Waits before a retry (tests pass one that does not wait). */
  sleep?: (ms: number) => Promise<void>;
}

/** One page of a pull. */
export interface PulledBatch {
  rows: MetricRow[];
  touchpoints: Touchpoint[];
}

/** Pulls daily metrics from a platform's API. */
export interface ApiSource {
  /** The `measurement.sources` entry that configures it (with `importer: <id>`). */
  config: z.ZodType;
  env: readonly EnvVar[];
  /** Validates `config` against `this.config`, then pulls page by page. */
  pull(config: unknown, ctx: PullContext): AsyncGenerator<PulledBatch>;
}

/** Binds a typed pull to its config schema, so the registry can hold sources of every shape. */
export function defineApi<C>(spec: {
  config: z.ZodType<C>;
  env: readonly EnvVar[];
  pull(config: C, ctx: PullContext): AsyncGenerator<PulledBatch>;
}): ApiSource {
  return {
    config: spec.config,
    env: spec.env,
    pull: (config, ctx) => spec.pull(spec.config.parse(config), ctx),
  };
}

/** One source of measurement data: its export layouts and, when it has one, its API. */
export interface Importer {
  id: ImporterId;
  label: string;
  layouts: readonly CsvLayout[];
  api?: ApiSource;
}

/** The first of `names` set in `env`, for credentials that have a shared fallback. */
export function envValue(env: PullContext['env'], ...names: string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}
