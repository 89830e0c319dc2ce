import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { headersOf } from './http-request.js';

/*
 * The one server every HTTP API fake is built on (publishing: LinkedIn, X, Google Ads, WordPress, Ghost,
 * Mailchimp; reporting: GA4, Search Console, HubSpot, ...): a node:http server on 127.0.0.1, port 0, that
 * records every request and plays scripted faults before the fake's own handler. A fault is what real
 * platforms do to clients: an error answer, no answer at all (a timeout), or a connection cut `before` the
 * platform saw the request or `after` it acted on it (the post exists, the client never hears so: the case
 * that makes publishers post twice).
 */

/** One request as the fake received it. */
export interface LoopbackRequest {
  method: string;
  /** Path without the query, percent-decoded, e.g. `/rest/posts`. */
  path: string;
  /** The query string as sent, still percent-encoded (Rest.li expressions are read from it). */
  rawQuery: string;
  query: URLSearchParams;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** Parsed JSON; the text when it is not JSON; undefined when empty. */
  body: unknown;
  /** The body parsed as JSON only (undefined otherwise). */
  json: unknown;
  /** The body of an `application/x-www-form-urlencoded` request. */
  form?: Record<string, string>;
  /** The body bytes as sent (image uploads). */
  raw: Buffer;
}

/** An answer: a JSON body (a string is sent as it is), or `chunks` written one by one (a streamed answer). */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  chunks?: string[];
}

export type Handler = (request: LoopbackRequest) => Reply | Promise<Reply>;

/**
 * What the next matching request meets instead of (or on top of) the fake's handler. Matching: `route`
 * (`METHOD /path`), or `method` and `path` (a string equal to the path, or a RegExp); nothing: any request.
 * Effect: `status` (with `headers`, `body`, `chunks`) answers in place of the handler; `hang` never answers
 * (the client times out); `cut` drops the connection `before` or `after` the handler ran.
 */
export interface Fault extends Partial<Reply> {
  route?: string;
  method?: string;
  path?: string | RegExp;
  hang?: boolean;
  cut?: 'before' | 'after';
  /** How many matching requests it applies to (default 1). */
  times?: number;
}

export interface Loopback {
  /** `http://127.0.0.1:<port>`: what a base-URL override points at. */
  readonly url: string;
  readonly requests: LoopbackRequest[];
  /** Queues faults, in order; each matching request takes the first that matches it. */
  failNext(...faults: Fault[]): void;
  /** Faults not yet met. */
  readonly pendingFaults: number;
  /** Resolves when a request is left hanging (tests abort the client then: a deterministic timeout). */
  whenHung(): Promise<void>;
  close(): Promise<void>;
}

export const json = (status: number, body?: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  body,
  headers,
});

/** Google's error body (google.rpc.Status), used by GA4, Search Console and Google Ads. */
export function googleError(code: number, status: string, message: string, details?: unknown[]): Reply {
  return { status: code, body: { error: { code, message, status, ...(details ? { details } : {}) } } };
}

/** Basic credentials from an Authorization header, if it carries any. */
export function basicCredentials(
  headers: Record<string, string>,
): { user: string; pass: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(headers.authorization ?? '');
  if (!match?.[1]) return undefined;
  const text = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon < 0 ? undefined : { user: text.slice(0, colon), pass: text.slice(colon + 1) };
}

function parseBody(request: IncomingMessage, raw: Buffer): Pick<LoopbackRequest, 'body' | 'json' | 'form'> {
  const text = raw.toString('utf8');
  if (text === '') return { body: undefined, json: undefined };
  if ((request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return { body: text, json: undefined, form: Object.fromEntries(new URLSearchParams(text)) };
  }
  try {
    const value: unknown = JSON.parse(text);
    return { body: value, json: value };
  } catch {
    return { body: text, json: undefined };
  }
}

function matches(fault: Fault, request: LoopbackRequest): boolean {
  if (fault.route !== undefined) return fault.route === `${request.method} ${request.path}`;
  if (fault.method !== undefined && fault.method !== request.method) return false;
  if (fault.path === undefined) return true;
  return typeof fault.path === 'string' ? fault.path === request.path : fault.path.test(request.path);
}

function write(response: ServerResponse, reply: Reply): void {
  if (reply.chunks) {
    response.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
    for (const chunk of reply.chunks) response.write(chunk);
    response.end();
    return;
  }
  const text =
    reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    ...(text !== '' && typeof reply.body !== 'string'
      ? { 'content-type': 'application/json; charset=utf-8' }
      : {}),
    'content-length': String(Buffer.byteLength(text)),
    ...reply.headers,
  });
  response.end(text);
}

export async function startLoopback(handle: Handler): Promise<Loopback> {
  const requests: LoopbackRequest[] = [];
  const faults: (Fault & { left: number })[] = [];
  let hungListeners: (() => void)[] = [];
  const takeFault = (request: LoopbackRequest): Fault | undefined => {
    const index = faults.findIndex((f) => matches(f, request));
    const fault = faults[index];
    if (!fault) return undefined;
    fault.left -= 1;
    if (fault.left <= 0) faults.splice(index, 1);
    return fault;
  };

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const recorded: LoopbackRequest = {
      method: request.method ?? 'GET',
      path: decodeURIComponent(url.pathname),
      rawQuery: url.search.slice(1),
      query: url.searchParams,
      headers: headersOf(request),
      raw,
      ...parseBody(request, raw),
    };
    requests.push(recorded);
    const fault = takeFault(recorded);
    if (fault?.cut === 'before') return void request.socket.destroy();
    if (fault?.hang) {
      const listeners = hungListeners;
      hungListeners = [];
      for (const listener of listeners) listener();
      return;
    }
    if (fault?.status !== undefined) {
      return write(response, {
        status: fault.status,
        headers: fault.headers,
        body: fault.body,
        chunks: fault.chunks,
      });
    }
    let reply: Reply;
    try {
      reply = await handle(recorded);
    } catch (error) {
      reply = { status: 500, body: { fakeError: error instanceof Error ? error.message : String(error) } };
    }
    if (fault?.cut === 'after') return void request.socket.destroy();
    write(response, reply);
  }

  const server = createServer((request, response) => {
    void answer(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext: (...queued) => {
      for (const fault of queued) faults.push({ ...fault, left: fault.times ?? 1 });
    },
    get pendingFaults() {
      return faults.reduce((sum, f) => sum + f.left, 0);
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
