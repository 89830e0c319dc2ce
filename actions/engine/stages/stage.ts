import type { z } from 'zod';
import type { Campaign, PendingBatch, StageCost } from '../artifacts/campaign-state.js';
import type { Config } from '../config/config.js';
import type { Problem } from '../errors.js';
import type { RepoFiles } from '../files/repo-files.js';
import type { FileChange, IssueRequest, ReviewDraft } from '../forge/forge.js';
import type { Llm } from '../llm/llm.js';
import type { SpendGuard } from '../llm/spend-guard.js';
import type { StageName } from './names.js';

/** What a stage may see and use. Files are read from the default branch (what was approved). */
export interface StageContext extends RepoFiles {
  campaign: Campaign;
  config: Config;
  llm: Llm;
  guard: SpendGuard;
  /** Reviewer feedback when the stage is being revised. */
  feedback: string[];
  /** An ended Message Batch this run collects (the stage submitted it on an earlier run). */
  pendingBatch?: PendingBatch;
  /** Set when this run revises the stage's open pull request. */
  revision?: Revision;
  /** The merged pull request that approved the stage before: what people ticked in its body counts. */
  approval?: { number: number; body: string; mergedBy?: string };
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
  /**
   * The stage rewrote only some of its files (a revision of some assets): files of earlier runs it does not
   * write stay as they are, and what it removes is an explicit `content: null` change.
   */
  keepsOtherFiles?: boolean;
  /** A review the runner posts on the pull request after opening or updating it (inline comments). */
  review?: ReviewDraft;
  /**
   * An issue to open once (found again by its marker on later runs): the next cycle's, from a campaign's
   * final report. The runner opens it before the pull request, whose summary then links it.
   */
  issue?: IssueRequest;
}

/** One asset a revision names: a path under `content/<id>/` (or a companion file of it) and what to change. */
export interface AssetRevision {
  path: string;
  notes: { text: string; line?: number }[];
}

/** What a revision of an open pull request builds on and asks for. */
export interface Revision {
  /** The files on the open pull request's branch (the version people reviewed). */
  branch: Pick<RepoFiles, 'readFile' | 'listFiles'>;
  /** The pull request's body as it is now (what people ticked in it). */
  body: string;
  /** Assets the reviewers named (a path in a revise command, an inline comment on an asset's line). */
  assets: AssetRevision[];
  /** Also every asset the review marked changes-requested (`crescendo revise <id> --changes-requested`). */
  changesRequested: boolean;
  /**
   * For a stage that judges assets another stage makes (`Stage.assetRevisions.regenerateWith`): that stage,
   * run for these assets only, on this branch.
   */
  regenerate?(assets: AssetRevision[]): Promise<StageResult>;
}

/** One thing a stage made or failed to make, with what it cost. */
export interface StageItem {
  key: string;
  path?: string;
  cost: StageCost;
  error?: string;
}

/**
 * One stage of the workflow. Everything the runner, the event router, the progress comment and the CLI
 * need to know about a stage is declared here, so none of them names a stage.
 */
export interface Stage {
  name: StageName;
  /** Short title, e.g. "Strategy". */
  title: string;
  /** What a person checks before merging: the workflow's checkpoint for this stage. */
  checklist: readonly string[];
  /** What merging this stage's pull request does, said in its body ("approves the strategy; content starts"). */
  onMerge: string;
  /** Runs again after approval, each run a new pull request on the same branch (measurement reports). */
  repeats?: boolean;
  /**
   * What a scheduled run does for this stage: `run` it for every campaign it is due for (reports), or
   * `resume` the campaigns whose open pull request waits for a Message Batch.
   */
  scheduled?: 'run' | 'resume';
  /** Repository paths (prefixes) this stage writes; a revision deletes nothing outside them. */
  writes(campaignId: string): string[];
  /**
   * Revisions may name single assets, and only those are made again. `regenerateWith` names the stage that
   * makes them when this one only judges them (the review regenerates through content).
   */
  assetRevisions?: { regenerateWith?: StageName };
  /** Artifacts `crescendo check` validates after a person edited them, by their front-matter `kind`. */
  artifacts?: readonly ArtifactKind<unknown>[];
  /**
   * Throws a CrescendoError with code `waiting` when what the stage needs is not there yet (e.g. performance
   * data), saying what to provide and where. Called before any model call.
   */
  ready?(ctx: Omit<StageContext, 'guard' | 'llm'>): Promise<void>;
  run(ctx: StageContext): Promise<StageResult>;
  /** What blocks approval of this stage's files until a person with write access overrides it. */
  gate?: StageGate;
}

/** A person's acceptance of what a gate reports: the reason, who, when. */
export interface OverrideRequest {
  reason: string;
  by: string;
  at: Date;
}

/**
 * An approval gate (the strategy's achievability warnings): the runner asks it before merging, and
 * records a person's override through it, in the stage's own files, so checks read the same answer.
 */
export interface StageGate {
  /** Problems that block approval of the campaign's files as `read` sees them (labels, not field paths). */
  blocking(read: (path: string) => Promise<string | undefined>, campaignId: string): Promise<Problem[]>;
  /** The file changes that record the override. */
  override(
    read: (path: string) => Promise<string | undefined>,
    campaignId: string,
    request: OverrideRequest,
  ): Promise<FileChange[]>;
  /** How a person overrides, in a sentence (for errors and comments). */
  howTo(campaignId: string): string;
}

/** An artifact kind that `crescendo check` can validate after a human edited it. */
export interface ArtifactKind<T> {
  kind: string;
  schema: z.ZodType<T>;
  /** Checkpoint rules from the workflow, beyond the schema. */
  checkpoints(data: T): Problem[];
}
