/** Attribution across touchpoints: seven models side by side, exact and deterministic. See README.md. */
export { buildChain, type Chain, collapseRepeats, conversionProbability } from './absorbing-chain.js';
export { attribute } from './attribute.js';
export { ATTRIBUTE_USAGE, attributeCommand, type CommandIo } from './command.js';
export { formatAttributionTable } from './format-table.js';
export { PathRow, pathTableFromPaths, pathTableFromTouchpoints, TouchpointRow } from './from-rows.js';
export {
  BIGQUERY_API_URL_ENV,
  type BigQueryRunOptions,
  type BigQueryTarget,
  parseBigQueryTarget,
  queryGa4BigQuery,
} from './ga4/bigquery.js';
export { queryGa4Files } from './ga4/duckdb.js';
export {
  BIGQUERY_HELPERS,
  bigQuerySql,
  DEFAULT_CONVERSION_EVENTS,
  DUCKDB_HELPERS,
  type Ga4QueryOptions,
  ga4QueryBody,
} from './ga4/sql.js';
export type { AttributionModel } from './model.js';
export { MODELS, modelById } from './models/index.js';
export {
  type AttributionInput,
  type ReadAttributionOptions,
  readAttributionFiles,
  readBigQuery,
} from './read-files.js';
export { attributionJson, attributionNotes, spread } from './report.js';
export * from './schema.js';
