/** The marketing math behind the strategy stage. See README.md in this folder. */
export * from './achievability.js';
export * from './benchmarks.js';
export * from './channels.js';
export * from './charts.js';
export * from './dates.js';
export * from './funnel.js';
export * from './kpi.js';
export * from './metrics.js';
export * from './optimiser.js';
export * from './response-curve.js';
export * from './smart.js';
export * from './timeline.js';
