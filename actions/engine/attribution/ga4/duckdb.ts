import { CrescendoError } from '../../errors.js';
import { DUCKDB_HELPERS, type Ga4QueryOptions, ga4QueryBody, withSource } from './sql.js';

type DuckDbModule = typeof import('@duckdb/node-api');

/**
 * The GA4 export columns the query reads, typed as BigQuery exports them. NDJSON is read with exactly
 * these (other keys are ignored, absent ones are NULL), so an export from before a column existed
 * still reads; Parquet columns are cast to them the same way.
 */
const GA4_COLUMNS: Record<string, string> = {
  user_pseudo_id: 'VARCHAR',
  event_timestamp: 'BIGINT',
  event_name: 'VARCHAR',
  event_params:
    'STRUCT(key VARCHAR, value STRUCT(string_value VARCHAR, int_value BIGINT, float_value DOUBLE, double_value DOUBLE))[]',
  ecommerce: 'STRUCT(purchase_revenue DOUBLE)',
  collected_traffic_source: 'STRUCT(manual_source VARCHAR, manual_medium VARCHAR)',
  session_traffic_source_last_click: 'STRUCT(manual_campaign STRUCT(source VARCHAR, medium VARCHAR))',
};

export const isParquet = (file: string) => /\.parquet$/i.test(file);
export const isGa4Json = (file: string) => /\.(nd)?jsonl?(\.gz)?$/i.test(file);

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * Runs the GA4 query over exported `events_*` files (all Parquet or all NDJSON) in an in-process
 * DuckDB and hands each result row to `onRow`, chunk by chunk, in bounded memory; `onRow` returning
 * false stops the query (resolves false). DuckDB is a native module: it is imported here, on first
 * use, and never by name at the top of a file, so it cannot end up in an esbuild bundle.
 */
export async function queryGa4Files(
  files: readonly string[],
  options: Ga4QueryOptions,
  onRow: (row: readonly unknown[]) => boolean,
): Promise<boolean> {
  const specifier = '@duckdb/node-api';
  const { DuckDBInstance } = (await import(specifier)) as DuckDbModule;
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const where = files.join(', ');
  try {
    for (const helper of DUCKDB_HELPERS) await connection.run(helper);
    const source = await duckDbSourceSql(files, (sql) =>
      connection.runAndReadAll(sql).then((r) => r.getRowsJS()),
    );
    const result = await connection.stream(withSource(source, ga4QueryBody(options)));
    for await (const rows of result.yieldRowsJs()) for (const row of rows) if (!onRow(row)) return false;
    return true;
  } catch (error) {
    if (error instanceof CrescendoError) throw error;
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new CrescendoError(`cannot read the GA4 export: ${message}`, {
      where,
      fix: 'give GA4 BigQuery export files (events_* tables as Parquet or newline-delimited JSON)',
      cause: error,
    });
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * The DuckDB definition of `ga4_events`: a `SELECT` of the GA4 columns from every file (Parquet and
 * NDJSON may be mixed). `read` runs a query, to look at the Parquet files' columns.
 */
export async function duckDbSourceSql(
  files: readonly string[],
  read: (sql: string) => Promise<unknown[][]>,
): Promise<string> {
  const other = files.filter((f) => !isParquet(f) && !isGa4Json(f));
  if (other.length > 0)
    throw new CrescendoError('not a GA4 export file (.parquet, .ndjson, .jsonl, .json, optionally .gz)', {
      where: other.join(', '),
      fix: 'give the events_* tables exported as Parquet or newline-delimited JSON',
    });
  const parts: string[] = [];
  const parquet = files.filter(isParquet);
  const json = files.filter(isGa4Json);
  if (parquet.length > 0) {
    const from = `read_parquet([${parquet.map(literal).join(', ')}], union_by_name = true)`;
    const present = new Set(
      (await read(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${from})`)).map((r) => r[0]),
    );
    // Structs are cast by field name: fields an older export lacks become NULL, extra ones drop.
    const columns = Object.entries(GA4_COLUMNS).map(
      ([name, type]) => `CAST(${present.has(name) ? name : 'NULL'} AS ${type}) AS ${name}`,
    );
    parts.push(`  SELECT ${columns.join(', ')} FROM ${from}`);
  }
  if (json.length > 0) {
    const columns = Object.entries(GA4_COLUMNS)
      .map(([name, type]) => `${name}: ${literal(type)}`)
      .join(', ');
    const names = Object.keys(GA4_COLUMNS).join(', ');
    parts.push(
      `  SELECT ${names} FROM read_json([${json.map(literal).join(', ')}], format = 'newline_delimited', columns = {${columns}})`,
    );
  }
  return parts.join('\n  UNION ALL BY NAME\n');
}
