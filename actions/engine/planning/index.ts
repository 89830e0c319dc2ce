/** The marketing math behind the strategy stage. See README.md in this folder. */

export * from '../channels/index.js';
export * from './achievability.js';
export * from './benchmarks.js';
export * from './charts.js';
export * from './dates.js';
export * from './funnel.js';
export * from './kpi.js';
export * from './metrics.js';
export * from './optimiser.js';
export * from './response-curve.js';
export * from './smart.js';
export * from './timeline.js';
