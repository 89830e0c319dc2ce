import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { headersOf, readBody } from './http-request.js';

/** One request as a fake received it. */
export interface LoopbackRequest {
  method: string;
  /** Decoded path without the query string. */
  path: string;
  /** The raw query string (Rest.li syntax does not survive URLSearchParams). */
  rawQuery: string;
  query: URLSearchParams;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** Parsed JSON body; undefined when empty; the text when not JSON. */
  body: unknown;
}

/** An answer: a JSON body (or text), or `chunks` written one by one (a streamed answer). */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  chunks?: string[];
}

export type Handler = (request: LoopbackRequest) => Reply | Promise<Reply>;

export interface Loopback {
  /** `http://127.0.0.1:<port>`: what a base-URL override points at. */
  url: string;
  requests: LoopbackRequest[];
  /** Answers the next requests with these replies, in order, before the handler (fault injection). */
  failNext(...replies: Reply[]): void;
  close(): Promise<void>;
}

/** A node:http server on 127.0.0.1, port 0, answering with `handler` (after any queued faults). */
export async function startLoopback(handler: Handler): Promise<Loopback> {
  const requests: LoopbackRequest[] = [];
  const queued: Reply[] = [];
  const server = createServer((request, response) => {
    void answer(request, response);
  });
  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = request.url ?? '/';
    const at = raw.indexOf('?');
    const text = await readBody(request);
    const record: LoopbackRequest = {
      method: request.method ?? 'GET',
      path: decodeURIComponent(at < 0 ? raw : raw.slice(0, at)),
      rawQuery: at < 0 ? '' : raw.slice(at + 1),
      query: new URLSearchParams(at < 0 ? '' : raw.slice(at + 1)),
      headers: headersOf(request),
      body: parse(text),
    };
    requests.push(record);
    let reply: Reply;
    try {
      reply = queued.shift() ?? (await handler(record));
    } catch (error) {
      reply = { status: 500, body: { fakeError: error instanceof Error ? error.message : String(error) } };
    }
    write(response, reply);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext: (...replies) => queued.push(...replies),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function write(response: ServerResponse, reply: Reply): void {
  const type = { 'content-type': 'application/json; charset=utf-8', ...reply.headers };
  if (reply.chunks) {
    response.writeHead(reply.status, type);
    for (const chunk of reply.chunks) response.write(chunk);
    response.end();
    return;
  }
  const text =
    reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  response.writeHead(reply.status, { ...type, 'content-length': String(Buffer.byteLength(text)) });
  response.end(text);
}

/** Google's error body (google.rpc.Status), used by GA4, Search Console and Google Ads. */
export function googleError(code: number, status: string, message: string, details?: unknown[]): Reply {
  return { status: code, body: { error: { code, message, status, ...(details ? { details } : {}) } } };
}
