import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { headersOf } from './http-request.js';

/*
 * The plumbing the publisher fakes (LinkedIn, X, Google Ads) share: a node:http server on 127.0.0.1,
 * every request recorded, and faults queued per route that real platforms produce — an error answer,
 * no answer at all (a timeout), or a connection cut after the platform already acted on the request.
 */

export interface RecordedRequest {
  method: string;
  /** Path without the query, e.g. `/rest/posts`. */
  path: string;
  query: URLSearchParams;
  /** The query string as sent, still percent-encoded (Rest.li expressions are read from it). */
  rawQuery: string;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** Raw body bytes. */
  body: Buffer;
  /** The body parsed as JSON, or as a form, when it is one. */
  json: unknown;
  form?: Record<string, string>;
}

export type Fault =
  | { kind: 'answer'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Record the request and never answer: the client times out. */
  | { kind: 'hang' }
  /** Act on the request as usual, then close the connection without answering. */
  | { kind: 'cut-after' };

export type Handler = (request: RecordedRequest) => Reply | Promise<Reply>;
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Loopback {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** The next request matching `route` (`METHOD /path`, the path without query) meets `fault`. */
  failNext(route: string, fault: Fault): void;
  /** Resolves when a request is left hanging (tests abort the client then: a deterministic timeout). */
  whenHung(): Promise<void>;
  close(): Promise<void>;
}

function parseBody(request: IncomingMessage, body: Buffer): { json: unknown; form?: Record<string, string> } {
  const type = request.headers['content-type'] ?? '';
  const text = body.toString('utf8');
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return { json: undefined, form: Object.fromEntries(new URLSearchParams(text)) };
  }
  if (text === '') return { json: undefined };
  try {
    return { json: JSON.parse(text) };
  } catch {
    return { json: undefined };
  }
}

export const json = (status: number, body?: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  body,
  headers,
});

function send(response: ServerResponse, reply: Reply): void {
  const text =
    reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  const headers: Record<string, string | number> = {
    'content-length': Buffer.byteLength(text),
    ...reply.headers,
  };
  if (text !== '' && typeof reply.body !== 'string') headers['content-type'] = 'application/json';
  response.writeHead(reply.status, headers);
  response.end(text);
}

export async function startLoopback(handle: Handler): Promise<Loopback> {
  const requests: RecordedRequest[] = [];
  const faults = new Map<string, Fault[]>();
  let hungListeners: (() => void)[] = [];
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const recorded: RecordedRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      rawQuery: url.search.slice(1),
      headers: headersOf(request),
      body,
      ...parseBody(request, body),
    };
    requests.push(recorded);
    const fault = faults.get(`${recorded.method} ${recorded.path}`)?.shift();
    if (fault?.kind === 'hang') {
      const listeners = hungListeners;
      hungListeners = [];
      for (const listener of listeners) listener();
      return;
    }
    if (fault?.kind === 'answer') {
      send(response, { status: fault.status, body: fault.body, headers: fault.headers });
      return;
    }
    let reply: Reply;
    try {
      reply = await handle(recorded);
    } catch (error) {
      reply = { status: 500, body: { message: error instanceof Error ? error.message : String(error) } };
    }
    if (fault?.kind === 'cut-after') {
      request.socket.destroy();
      return;
    }
    send(response, reply);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(route, fault) {
      const queue = faults.get(route) ?? [];
      queue.push(fault);
      faults.set(route, queue);
    },
    whenHung: () => new Promise<void>((resolve) => hungListeners.push(resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A `fetch` that aborts with a `TimeoutError` as soon as the fake leaves a request hanging: how tests
 * produce a timeout without waiting for one.
 */
export function fetchTimingOutOnHang(fake: Pick<Loopback, 'whenHung'>): typeof fetch {
  return (input, init) => {
    const controller = new AbortController();
    void fake
      .whenHung()
      .then(() => controller.abort(new DOMException('The operation timed out', 'TimeoutError')));
    const signal = init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
    return fetch(input, { ...init, signal });
  };
}
