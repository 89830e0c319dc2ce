import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { headersOf, readBody } from './http-request.js';

/*
 * The shared part of the JSON API fakes (WordPress, Ghost, Mailchimp): a `node:http` server on
 * 127.0.0.1:0 that records every request, parses JSON bodies, and plays scripted faults. A fault either
 * answers in place of the service, or cuts the connection: `before` the service saw the request, or
 * `after` it handled it (the post exists, the client never hears so), which is the case that makes
 * publishers duplicate posts.
 */

export interface FakeRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON, the raw text when not JSON, undefined when empty. */
  body: unknown;
}

export interface FakeReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Route = (request: FakeRequest) => FakeReply | Promise<FakeReply>;

export interface Fault {
  method?: string;
  /** Matches when the path equals it (string) or matches it (RegExp). Omitted: any path. */
  path?: string | RegExp;
  /** Answer this instead of the service. */
  reply?: FakeReply;
  /** Drop the connection without an answer, before or after the service handled the request. */
  cut?: 'before' | 'after';
  /** How many matching requests it applies to (default 1). */
  times?: number;
}

export interface LoopbackApi {
  readonly url: string;
  readonly requests: readonly FakeRequest[];
  failNext(fault: Fault): void;
  readonly pendingFaults: number;
  close(): Promise<void>;
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function send(response: ServerResponse, reply: FakeReply): void {
  const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    ...(text === '' ? {} : { 'content-type': 'application/json; charset=utf-8' }),
    'content-length': Buffer.byteLength(text),
    ...reply.headers,
  });
  response.end(text);
}

export async function startLoopbackApi(route: Route): Promise<LoopbackApi> {
  const requests: FakeRequest[] = [];
  const faults: (Fault & { left: number })[] = [];
  const takeFault = (request: FakeRequest) => {
    const index = faults.findIndex(
      (f) =>
        (f.method === undefined || f.method === request.method) &&
        (f.path === undefined ||
          (typeof f.path === 'string' ? f.path === request.path : f.path.test(request.path))),
    );
    const fault = faults[index];
    if (!fault) return undefined;
    fault.left -= 1;
    if (fault.left <= 0) faults.splice(index, 1);
    return fault;
  };

  const handle = async (incoming: IncomingMessage, response: ServerResponse) => {
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const request: FakeRequest = {
      method: incoming.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: headersOf(incoming),
      body: parse(await readBody(incoming)),
    };
    requests.push(request);
    const fault = takeFault(request);
    if (fault?.cut === 'before') return void response.socket?.destroy();
    if (fault?.reply) return send(response, fault.reply);
    const reply = await route(request);
    if (fault?.cut === 'after') return void response.socket?.destroy();
    send(response, reply);
  };

  const server = createServer((incoming, response) => {
    handle(incoming, response).catch((error: unknown) => {
      send(response, { status: 500, body: { fakeError: String(error) } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    failNext(fault) {
      faults.push({ ...fault, left: fault.times ?? 1 });
    },
    get pendingFaults() {
      return faults.reduce((sum, f) => sum + f.left, 0);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
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
