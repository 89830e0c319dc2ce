import type { z } from 'zod';
import type { Campaign, PendingBatch, StageCost } from '../artifacts/campaign-state.js';
import type { Config } from '../config/config.js';
import type { Problem } from '../errors.js';
import type { FileChange } from '../forge/forge.js';
import type { Llm } from '../llm/llm.js';
import type { SpendGuard } from '../llm/spend-guard.js';
import type { StageName } from './names.js';

/** What a stage may see and use. Files are read from the default branch (what was approved). */
export interface StageContext {
  campaign: Campaign;
  config: Config;
  llm: Llm;
  guard: SpendGuard;
  readFile(path: string): Promise<string | undefined>;
  /** File bytes as committed, for inputs that are not UTF-8 text (UTF-16 keyword exports). */
  readBytes(path: string): Promise<Uint8Array | undefined>;
  listFiles(dir: string): Promise<string[]>;
  /** Reviewer feedback when the stage is being revised. */
  feedback: string[];
  /** An ended Message Batch this run collects (the stage submitted it on an earlier run). */
  pendingBatch?: PendingBatch;
  now: Date;
  log(line: string): void;
}

export interface StageResult {
  files: FileChange[];
  /** Markdown for the pull request body: what was produced and what to check. */
  summary: string;
  cost: StageCost;
  /** Per-item accounting for stages that make many things (content: one entry per planned asset). */
  items?: StageItem[];
  /** A Message Batch submitted and still running: recorded in the state for a later run to collect. */
  batch?: PendingBatch;
}

/** One thing a stage made or failed to make, with what it cost. */
export interface StageItem {
  key: string;
  path?: string;
  cost: StageCost;
  error?: string;
}

export interface Stage {
  name: StageName;
  /** What the human approves when merging, e.g. "Strategy (approval gate)". */
  title: string;
  run(ctx: StageContext): Promise<StageResult>;
}

/** An artifact kind that `crescendo check` can validate after a human edited it. */
export interface ArtifactKind<T> {
  kind: string;
  schema: z.ZodType<T>;
  /** Checkpoint rules from the seed workflow, beyond the schema. */
  checkpoints(data: T): Problem[];
}
