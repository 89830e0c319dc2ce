import type { ServerResponse } from 'node:http';
import { errorBody } from './api-errors.js';

export { headersOf, readBody } from '../http-request.js';

export function parseJsonBody(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

export function sendApiError(
  response: ServerResponse,
  status: number,
  error: { type: string; message: string },
  requestId: string,
  headers: Record<string, string> = {},
): void {
  sendJson(response, status, errorBody(error.type, error.message, requestId), {
    'request-id': requestId,
    ...headers,
  });
}

export const sleep = (ms: number): Promise<void> =>
  ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
