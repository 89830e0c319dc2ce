import { CrescendoError } from '../../errors.js';
import { bigQuerySql, type Ga4QueryOptions } from './sql.js';

type BigQueryModule = typeof import('@google-cloud/bigquery');
type BigQueryOptions = NonNullable<ConstructorParameters<BigQueryModule['BigQuery']>[0]>;

/** Where a team's GA4 export lives: `project.dataset` (a domain-scoped project `example.com:p` works too). */
export interface BigQueryTarget {
  project: string;
  dataset: string;
}

/** The base URL override, e.g. a local emulator or a test fake. */
export const BIGQUERY_API_URL_ENV = 'CRESCENDO_BIGQUERY_API_URL';

export function parseBigQueryTarget(text: string): BigQueryTarget {
  const dot = text.lastIndexOf('.');
  const project = text.slice(0, dot);
  const dataset = text.slice(dot + 1);
  if (dot <= 0 || !/^[a-z0-9][a-z0-9.:-]*$/i.test(project) || !/^[A-Za-z0-9_]+$/.test(dataset))
    throw new CrescendoError(`"${text}" is not project.dataset`, {
      where: '--bigquery',
      fix: 'give the project and the GA4 export dataset, e.g. my-project.analytics_123456789',
    });
  return { project, dataset };
}

export interface BigQueryRunOptions {
  /** Defaults to `$CRESCENDO_BIGQUERY_API_URL`, else Google's endpoint. */
  apiEndpoint?: string;
  /** Credentials; default: Application Default Credentials, as every Google client. */
  authClient?: BigQueryOptions['authClient'];
}

/**
 * Runs the GA4 query on BigQuery (jobs.query, then jobs.getQueryResults page by page) and hands each
 * row to `onRow` as a plain object. The client is imported on first use so bundles stay lean.
 */
export async function queryGa4BigQuery(
  target: BigQueryTarget,
  options: Ga4QueryOptions,
  onRow: (row: Record<string, unknown>) => void,
  run: BigQueryRunOptions = {},
): Promise<void> {
  const specifier = '@google-cloud/bigquery';
  const { BigQuery } = (await import(specifier)) as BigQueryModule;
  const apiEndpoint = run.apiEndpoint ?? process.env[BIGQUERY_API_URL_ENV];
  const client = new BigQuery({
    projectId: target.project,
    ...(apiEndpoint ? { apiEndpoint } : {}),
    ...(run.authClient ? { authClient: run.authClient } : {}),
  });
  const query = bigQuerySql(target.project, target.dataset, options);
  try {
    await new Promise<void>((resolve, reject) => {
      client
        .createQueryStream({ query })
        .on('data', (row: Record<string, unknown>) => {
          try {
            onRow(row);
          } catch (error) {
            reject(error);
          }
        })
        .on('error', reject)
        .on('end', () => resolve());
    });
  } catch (error) {
    if (error instanceof CrescendoError) throw error;
    throw apiError(error, target);
  }
}

/** A located message from the API's error body (`{error: {code, message, errors: [{reason}]}}`). */
function apiError(error: unknown, target: BigQueryTarget): CrescendoError {
  const e = error as { code?: number; message?: string; errors?: { reason?: string }[] };
  const reason = e.errors?.[0]?.reason;
  const where = `bigquery ${target.project}.${target.dataset}`;
  const fix =
    e.code === 401 || e.code === 403
      ? 'sign in with Application Default Credentials (gcloud auth application-default login) as an account that can run jobs in the project and read the dataset'
      : e.code === 404 || reason === 'notFound'
        ? 'check the project and dataset: GA4 exports to analytics_<property id>'
        : 'check the dataset holds a GA4 export (events_YYYYMMDD tables)';
  return new CrescendoError(
    `BigQuery refused the query${e.code ? ` (${e.code}${reason ? ` ${reason}` : ''})` : ''}: ${e.message ?? String(error)}`,
    {
      where,
      fix,
      cause: error,
    },
  );
}
