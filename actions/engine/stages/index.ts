/**
 * The stage registry: one folder per stage, one line here, in workflow order. The runner, the event router,
 * the progress comment and the CLI read what they need from these declarations and name no stage.
 */
import { contentStage } from './content/index.js';
import { distributionStage } from './distribution/index.js';
import { measurementStage } from './measurement/index.js';
import { STAGE_NAMES, type StageName } from './names.js';
import { researchStage } from './research/index.js';
import { reviewStage } from './review/index.js';
import type { ArtifactKind, Stage } from './stage.js';
import { strategyStage } from './strategy/index.js';

export const STAGES: Readonly<Record<StageName, Stage>> = {
  research: researchStage,
  strategy: strategyStage,
  content: contentStage,
  review: reviewStage,
  distribution: distributionStage,
  measurement: measurementStage,
};

/** The stages in workflow order. */
export const STAGE_LIST: readonly Stage[] = STAGE_NAMES.map((name) => STAGES[name]);

/** Artifacts `crescendo check` validates, found by the `kind` in their front matter. */
export const ARTIFACT_KINDS: readonly ArtifactKind<unknown>[] = STAGE_LIST.flatMap((s) => s.artifacts ?? []);

/** The stage that a new campaign starts with. */
export const FIRST_STAGE: Stage = STAGES[STAGE_NAMES[0]];

export const scheduledStages = (): Stage[] => STAGE_LIST.filter((s) => s.scheduled !== undefined);
