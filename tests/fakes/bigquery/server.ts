import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { headersOf, readBody } from '../http-request.js';
import { BigQueryApiError, encodeRow, errorBody, type JobReference, type QueryResult } from './api.js';

/** Runs the SQL text the client sent and returns its result, or throws `BigQueryApiError`. */
export type QueryHandler = (query: string, request: RecordedRequest) => QueryResult | Promise<QueryResult>;

export interface FakeBigQueryOptions {
  handler: QueryHandler;
  /** Rows per page when the client does not ask for fewer (`maxResults`). Default 1000. */
  pageSize?: number;
  /** How many answers say `jobComplete: false` before the results are ready (jobs.query counts). Default 0. */
  pendingPolls?: number;
  /** Job location reported in `jobReference`. Default `US`. */
  location?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}

export interface FakeBigQuery {
  /** The `apiEndpoint` to give the client (it appends `/bigquery/v2`). */
  readonly url: string;
  readonly requests: readonly RecordedRequest[];
  close(): Promise<void>;
}

interface Job {
  reference: JobReference;
  result: QueryResult;
  pendingPolls: number;
}

/**
 * A loopback fake of the two BigQuery REST methods a query uses:
 *  - `POST /bigquery/v2/projects/{projectId}/queries` (jobs.query): runs the query, answers the
 *    first page with `jobReference`, `schema`, `totalRows`, `rows` and `pageToken`;
 *  - `GET /bigquery/v2/projects/{projectId}/queries/{jobId}` (jobs.getQueryResults): the next pages.
 * Anything else is a 404 in the API's error shape.
 */
export async function startFakeBigQuery(options: FakeBigQueryOptions): Promise<FakeBigQuery> {
  const requests: RecordedRequest[] = [];
  const jobs = new Map<string, Job>();
  const pageSize = options.pageSize ?? 1000;
  const location = options.location ?? 'US';

  const page = (job: Job, kind: string, startIndex: number, maxResults: number) => {
    const rows = job.result.rows.slice(startIndex, startIndex + maxResults);
    const next = startIndex + rows.length;
    return {
      kind,
      etag: `"${job.reference.jobId}-${startIndex}"`,
      schema: { fields: job.result.fields },
      jobReference: job.reference,
      totalRows: String(job.result.rows.length),
      rows: rows.map(encodeRow),
      ...(next < job.result.rows.length ? { pageToken: String(next) } : {}),
      totalBytesProcessed: '0',
      jobComplete: true,
      cacheHit: false,
    };
  };

  const route = async (request: RecordedRequest, response: ServerResponse) => {
    const query = request.path.match(/^\/bigquery\/v2\/projects\/([^/]+)\/queries$/);
    if (request.method === 'POST' && query) {
      const body = request.body as
        | { query?: unknown; useLegacySql?: unknown; maxResults?: number }
        | undefined;
      if (typeof body?.query !== 'string' || body.query.trim() === '')
        throw new BigQueryApiError(400, 'invalid', 'Required parameter is missing: query');
      if (body.useLegacySql !== false)
        throw new BigQueryApiError(
          400,
          'invalidQuery',
          'This fake only runs GoogleSQL (useLegacySql: false)',
        );
      const result = await options.handler(body.query, request);
      const job: Job = {
        reference: { projectId: decodeURIComponent(query[1]!), jobId: `job_${randomUUID()}`, location },
        result,
        pendingPolls: options.pendingPolls ?? 0,
      };
      jobs.set(job.reference.jobId, job);
      if (job.pendingPolls > 0) {
        job.pendingPolls--;
        return send(response, 200, {
          kind: 'bigquery#queryResponse',
          jobReference: job.reference,
          jobComplete: false,
        });
      }
      return send(response, 200, page(job, 'bigquery#queryResponse', 0, body.maxResults ?? pageSize));
    }
    const results = request.path.match(/^\/bigquery\/v2\/projects\/([^/]+)\/queries\/([^/]+)$/);
    if (request.method === 'GET' && results) {
      const job = jobs.get(decodeURIComponent(results[2]!));
      if (!job) throw new BigQueryApiError(404, 'notFound', `Not found: Job ${results[1]}:${results[2]}`);
      if (job.pendingPolls > 0) {
        job.pendingPolls--;
        return send(response, 200, {
          kind: 'bigquery#getQueryResultsResponse',
          jobReference: job.reference,
          jobComplete: false,
        });
      }
      const start = Number(request.query.pageToken ?? request.query.startIndex ?? 0);
      const max = Number(request.query.maxResults ?? pageSize);
      return send(response, 200, page(job, 'bigquery#getQueryResultsResponse', start, max));
    }
    throw new BigQueryApiError(404, 'notFound', `Not found: ${request.method} ${request.path}`);
  };

  const server: Server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
      const text = await readBody(incoming);
      const request: RecordedRequest = {
        method: incoming.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: headersOf(incoming),
        body: text === '' ? undefined : safeJson(text),
      };
      requests.push(request);
      try {
        await route(request, response);
      } catch (error) {
        const e =
          error instanceof BigQueryApiError
            ? error
            : new BigQueryApiError(
                500,
                'internalError',
                error instanceof Error ? error.message : String(error),
              );
        send(response, e.status, errorBody(e.status, e.reason, e.message));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
