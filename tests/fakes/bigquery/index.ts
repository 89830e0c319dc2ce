export {
  BigQueryApiError,
  encodeRow,
  errorBody,
  type FieldType,
  type QueryResult,
  type TableFieldSchema,
} from './api.js';
export {
  type FakeBigQuery,
  type FakeBigQueryOptions,
  type QueryHandler,
  type RecordedRequest,
  startFakeBigQuery,
} from './server.js';
