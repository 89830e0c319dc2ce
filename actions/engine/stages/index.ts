import type { StageName } from '../campaign/stage-names.js';
import { contentStage } from './content.js';
import { distributionArtifact, distributionStage } from './distribution.js';
import { measurementStage, reportArtifact } from './measurement.js';
import { researchArtifact, researchStage } from './research.js';
import { reviewArtifact, reviewStage } from './review.js';
import type { ArtifactKind, Stage } from './stage.js';
import { strategyArtifact, strategyStage } from './strategy.js';

export const STAGES: Record<StageName, Stage> = {
  research: researchStage,
  strategy: strategyStage,
  content: contentStage,
  review: reviewStage,
  distribution: distributionStage,
  measurement: measurementStage,
};

/** Artifacts that keep their data in front matter under a key named like their kind. */
export const ARTIFACT_KINDS: ArtifactKind<unknown>[] = [
  researchArtifact,
  strategyArtifact,
  reviewArtifact,
  distributionArtifact,
  reportArtifact,
] as ArtifactKind<unknown>[];
