import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { OAuth2Client } from 'google-auth-library';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { duckDbSourceSql } from '../../actions/engine/attribution/ga4/duckdb.js';
import {
  attributeCommand,
  BIGQUERY_HELPERS,
  DUCKDB_HELPERS,
  readAttributionFiles,
  readBigQuery,
} from '../../actions/engine/attribution/index.js';
import {
  BigQueryApiError,
  type FieldType,
  type QueryResult,
  type RecordedRequest,
  startFakeBigQuery,
} from '../fakes/bigquery/index.js';
import { GA4_DAY_1, GA4_DAY_2, ndjson } from './ga4-export.js';
import { captureIo, scratchDir } from './helpers.js';

const file = await scratchDir();
const files = [
  await file('events_20240501.ndjson', ndjson(GA4_DAY_1)),
  await file('events_20240502.ndjson', ndjson(GA4_DAY_2)),
];
const TABLE = '`proj.analytics_123.events_*`';

/**
 * The fake's query engine: checks the text is BigQuery's helpers + the GA4 daily tables + the shared
 * body, then runs that very body on DuckDB over the same export, so BigQuery and local files answer
 * from the same SQL.
 */
async function runLikeBigQuery(sql: string): Promise<QueryResult> {
  const source = `WITH ga4_events AS (\n  SELECT * FROM ${TABLE} WHERE _TABLE_SUFFIX NOT LIKE 'intraday%'\n),\n`;
  const prefix = `${BIGQUERY_HELPERS}\n${source}`;
  if (!sql.startsWith(prefix))
    throw new BigQueryApiError(404, 'notFound', `Not found: Table ${sql.slice(0, 60)}`);
  const body = sql.slice(prefix.length);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    for (const helper of DUCKDB_HELPERS) await connection.run(helper);
    const duckSource = await duckDbSourceSql(files, (q) =>
      connection.runAndReadAll(q).then((r) => r.getRowsJS()),
    );
    const result = await connection.runAndReadAll(`WITH ga4_events AS (\n${duckSource}\n),\n${body}`);
    const types: Record<string, FieldType> = {
      VARCHAR: 'STRING',
      DOUBLE: 'FLOAT',
      BIGINT: 'INTEGER',
      HUGEINT: 'INTEGER',
      INTEGER: 'INTEGER',
    };
    return {
      fields: result.columnNames().map((name, i) => ({
        name,
        type: types[result.columnTypes()[i]!.toString()] ?? 'STRING',
        mode: 'NULLABLE',
      })),
      rows: result.getRowsJS() as QueryResult['rows'],
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

let queries: RecordedRequest[] = [];
const fake = await startFakeBigQuery({
  handler: (sql, request) => {
    queries.push(request);
    if (sql.includes('analytics_404'))
      throw new BigQueryApiError(404, 'notFound', 'Not found: Dataset proj:analytics_404');
    return runLikeBigQuery(sql);
  },
  pageSize: 2,
  pendingPolls: 1,
});
afterAll(() => fake.close());

beforeAll(async () => {
  // No credentials anywhere: the client then sends requests without a token (as to an emulator).
  vi.stubEnv('CRESCENDO_BIGQUERY_API_URL', fake.url);
  vi.stubEnv('GOOGLE_APPLICATION_CREDENTIALS', '');
  vi.stubEnv('METADATA_SERVER_DETECTION', 'none');
  vi.stubEnv('HOME', await mkdtemp(join(tmpdir(), 'crescendo-no-gcloud-')));
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe('GA4 on BigQuery through the real client', () => {
  it('crescendo attribute --bigquery gives what the same export gives locally (path models)', async () => {
    queries = [];
    const models = 'first,last,linear,position,markov,shapley';
    const remote = captureIo();
    expect(
      await attributeCommand(['--bigquery', 'proj.analytics_123', '--json', '--model', models], remote.io),
    ).toBe(0);
    const local = captureIo();
    expect(await attributeCommand([...files, '--json', '--model', models], local.io)).toBe(0);
    expect(JSON.parse(remote.out[0]!)).toEqual(JSON.parse(local.out[0]!));
    expect(queries).toHaveLength(1);
    expect(queries[0]!.path).toBe('/bigquery/v2/projects/proj/queries');
    expect(queries[0]!.body).toMatchObject({ useLegacySql: false });
  });

  it('pages through jobs.getQueryResults after a jobComplete: false answer', async () => {
    const before = fake.requests.length;
    const { table } = await readBigQuery({ project: 'proj', dataset: 'analytics_123' });
    const calls = fake.requests.slice(before);
    expect(calls[0]!.method).toBe('POST');
    const pages = calls.filter((r) => r.method === 'GET');
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.every((r) => /^\/bigquery\/v2\/projects\/proj\/queries\/job_/.test(r.path))).toBe(true);
    expect(pages.some((r) => r.query.pageToken === '2')).toBe(true);
    expect(table.timeDecay).toEqual({
      unavailable: 'BigQuery returned journeys already grouped by path, without timestamps',
    });
  });

  it('downloads touchpoints when asked, with time decay, and sends the credentials it is given', async () => {
    const before = fake.requests.length;
    const auth = new OAuth2Client();
    auth.setCredentials({ access_token: 'test-token', expiry_date: Date.now() + 3_600_000 });
    const remote = await readBigQuery(
      { project: 'proj', dataset: 'analytics_123' },
      { output: 'touchpoints', lookbackDays: 30 },
      { apiEndpoint: fake.url, authClient: auth },
    );
    const local = await readAttributionFiles(files, { lookbackDays: 30 });
    expect(remote.table).toEqual(local.table);
    expect(fake.requests[before]!.headers.authorization).toBe('Bearer test-token');
  });

  it('exits 1 with the API’s message and a fix when BigQuery refuses', async () => {
    const { io, err } = captureIo();
    expect(await attributeCommand(['--bigquery', 'proj.analytics_404'], io)).toBe(1);
    expect(err.join('\n')).toMatch(
      /^bigquery proj\.analytics_404: BigQuery refused the query \(404 notFound\): Not found: Dataset proj:analytics_404\n {2}fix: check the project and dataset/,
    );
  });

  it('exits 2 for a --bigquery that is not project.dataset', async () => {
    const { io, err } = captureIo();
    expect(await attributeCommand(['--bigquery', 'analytics_123'], io)).toBe(2);
    expect(err[0]).toMatch(/--bigquery "analytics_123" is not project\.dataset/);
  });
});
