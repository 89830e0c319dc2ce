/** Keyword research import: exports in, ranked keywords and topic clusters out. See README.md. */
export * from './cells.js';
export * from './cluster.js';
export * from './decode.js';
export * from './format-table.js';
export { EXPORT_LAYOUTS, type ExportLayout } from './formats/index.js';
export * from './import-file.js';
export * from './intent.js';
export * from './merge.js';
export * from './normalise.js';
export type { KeywordFigures, Observation } from './observation.js';
export * from './read-files.js';
export * from './report.js';
export * from './schema.js';
export * from './score.js';
export { stem, tokenize, topicStems } from './tokens.js';
