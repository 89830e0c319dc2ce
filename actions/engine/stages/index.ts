import { contentStage } from './content/index.js';
import { distributionArtifact, distributionStage } from './distribution/index.js';
import { measurementStage, reportArtifact } from './measurement/index.js';
import type { StageName } from './names.js';
import { researchArtifact, researchStage } from './research/index.js';
import { reviewArtifact, reviewStage } from './review/index.js';
import type { ArtifactKind, Stage } from './stage.js';
import { strategyArtifact, strategyStage } from './strategy/index.js';

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
