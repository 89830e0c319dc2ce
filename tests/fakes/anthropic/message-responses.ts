import type { ServerResponse } from 'node:http';
import type { Message } from '@anthropic-ai/sdk/resources/messages';
import { errorBody } from './api-errors.js';
import { sendJson } from './http-io.js';
import { formatSse, messageEvents } from './sse.js';

function writeSseHead(response: ServerResponse, requestId: string): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'request-id': requestId,
  });
}

/** A message as JSON, or as the SSE event sequence when the request asked for `stream: true`. */
export function sendMessage(
  response: ServerResponse,
  message: Message,
  stream: boolean,
  requestId: string,
): void {
  if (!stream) {
    sendJson(response, 200, message, { 'request-id': requestId });
    return;
  }
  writeSseHead(response, requestId);
  for (const event of messageEvents(message)) response.write(formatSse(event));
  response.end();
}

/**
 * A stream that starts normally (`message_start`, `ping`), streams `partialText` as an unfinished
 * text block when given, and then fails with `event: error`.
 */
export function sendBrokenStream(
  response: ServerResponse,
  started: Message,
  error: { type: string; message: string },
  requestId: string,
  partialText = '',
): void {
  writeSseHead(response, requestId);
  for (const event of messageEvents(started).slice(0, 2)) response.write(formatSse(event));
  if (partialText) {
    const text = { ...started, content: [{ type: 'text' as const, text: partialText, citations: null }] };
    // The text block's start and deltas, without its stop: the error cuts it off.
    for (const event of messageEvents(text).slice(2, -3)) response.write(formatSse(event));
  }
  response.end(formatSse({ event: 'error', data: errorBody(error.type, error.message, requestId) }));
}
