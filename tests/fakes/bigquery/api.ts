/**
 * The shapes the BigQuery REST API v2 answers with (bigquery.googleapis.com/bigquery/v2), as far as
 * `jobs.query` and `jobs.getQueryResults` use them. Every cell is `{v: string | null}`: the API sends
 * INT64 and FLOAT64 as decimal strings; the client converts them with the schema.
 */
export type FieldType = 'STRING' | 'INTEGER' | 'FLOAT' | 'BOOLEAN' | 'TIMESTAMP';

export interface TableFieldSchema {
  name: string;
  type: FieldType;
  mode: 'NULLABLE' | 'REQUIRED';
}

export interface TableRow {
  f: { v: string | null }[];
}

export interface JobReference {
  projectId: string;
  jobId: string;
  location: string;
}

/** What a fake query returns: column names and types, and the rows as plain values. */
export interface QueryResult {
  fields: TableFieldSchema[];
  rows: readonly (readonly (string | number | boolean | bigint | null)[])[];
}

/** A refusal the handler throws to answer with the API's error body. */
export class BigQueryApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/** `status` the API pairs with each HTTP status in the error body (google.rpc.Code names). */
const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** The standard Google API error body: `{"error": {"code", "message", "errors": [{...}], "status"}}`. */
export function errorBody(status: number, reason: string, message: string) {
  return {
    error: {
      code: status,
      message,
      errors: [{ message, domain: 'global', reason }],
      status: STATUS_NAMES[status] ?? 'UNKNOWN',
    },
  };
}

export function encodeRow(values: readonly (string | number | boolean | bigint | null)[]): TableRow {
  return { f: values.map((v) => ({ v: v === null ? null : String(v) })) };
}
