/** A brief in a marketer's words: readers for each kind of line, shared by the issue form and brief files. */
export { ASSET_EXAMPLE, type AssetRead, readAsset, splitAssetLine } from './asset.js';
export { NAMED_TYPES, readItems } from './asset-items.js';
export { type AssetTypeMatch, assetNoun, findAssetTypes, normaliseAssetType } from './asset-type.js';
export { type AssetsRead, readAssetLine, readAssetLines } from './assets.js';
export {
  type BriefPath,
  type BriefProblem,
  type BriefTextResult,
  expandBriefText,
  parseBriefText,
} from './brief-text.js';
export { CADENCE_EXAMPLE, type CadenceContext, readCadence, readCadenceLines } from './cadence.js';
export { type DeadlineMatch, findDeadlines, type Timeframe } from './deadline.js';
export { findPeriod, sortNumbers } from './growth.js';
export { findMetrics, type MetricMatch, notPlannedAdvice } from './metric.js';
export { type Money, readBudget, readMoney } from './money.js';
export { WORD_NUMBERS } from './number-words.js';
export { OBJECTIVE_EXAMPLE, type ObjectiveContext, readObjective, splitGoal } from './objective.js';
export { readObjectiveLine, readObjectiveLines } from './objectives.js';
export { platformIn, splitPlatforms } from './platforms.js';
export { readLandingPage, readMqlDefinition, readRegion } from './profile.js';
export { findQuantities, formatNumber, type Quantity, wholeQuantity } from './quantity.js';
export {
  accept,
  ask,
  type LineProblem,
  type LineRead,
  type LinesRead,
  quote,
  refuse,
  type SourceLine,
} from './result.js';
export { plain, splitItems, takeBrackets, takeUrl } from './text.js';
export { readTimeZone } from './time-zone.js';
export { readTimeframe } from './timeframe.js';
