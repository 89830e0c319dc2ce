import type {
  ContentBlock,
  MessageCreateParamsBase,
  RefusalStopDetails,
  StopReason,
} from '@anthropic-ai/sdk/resources/messages';
import { errorTypeForStatus } from './api-errors.js';
import { block } from './blocks.js';

/** A model answer: the content blocks the "model" produced and, optionally, why it stopped. */
export interface MessageReply {
  kind: 'message';
  content: ContentBlock[];
  /**
   * Left out, the fake decides like the API: `tool_use` when a client `tool_use` block is present,
   * `max_tokens` when the text overflows the request's `max_tokens`, else `end_turn`.
   */
  stopReason?: StopReason;
  stopSequence?: string | null;
  stopDetails?: RefusalStopDetails | null;
}

/** An HTTP error answer with the documented error body. */
export interface ErrorReply {
  kind: 'error';
  status: number;
  errorType: string;
  message: string;
  headers: Record<string, string>;
}

/**
 * An error that arrives after a streaming answer has started (SSE `event: error`), as the real API
 * does when it overloads mid-stream. A non-streaming request gets the matching HTTP error instead.
 */
export interface StreamErrorReply {
  kind: 'stream_error';
  errorType: string;
  message: string;
  /** Text the model had streamed (one text block, not stopped) before the error. */
  partialText?: string;
}

/** Anything at all on the wire, for testing how callers survive a broken server or proxy. */
export interface RawReply {
  kind: 'raw';
  status: number;
  body: string;
  headers: Record<string, string>;
}

export type Reply = MessageReply | ErrorReply | StreamErrorReply | RawReply;

/** What a reply handler is given: the validated request, as the SDK sent it. */
export interface MessageRequest {
  params: MessageCreateParamsBase;
  headers: Record<string, string>;
  /** The batch request's `custom_id` when the request came through the Message Batches API. */
  customId: string | null;
  /** 0-based count of message requests this fake has answered (batch items included). */
  index: number;
}

export type ReplyHandler = (request: MessageRequest) => Reply | Promise<Reply>;

export interface ErrorReplyOptions {
  /** `error.type`; defaults to the one the API uses for `status` (429 → rate_limit_error, 529 → overloaded_error…). */
  type?: string;
  message?: string;
  /**
   * Seconds, sent as `retry-after`. Beware: the SDK treats `0` (or anything not > 0) as "no advice"
   * and falls back to its own 0.5 s, 1 s, 2 s… backoff. Use `retryAfterMs` for fast tests.
   */
  retryAfter?: number;
  /**
   * Milliseconds, sent as `retry-after-ms` (the SDK prefers it over `retry-after`). When neither
   * is given, retryable statuses (408, 409, 429, 5xx) get `retry-after-ms: 1` so SDK retries in
   * tests cost nothing; pass `retryAfter` to model the real API's behaviour instead.
   */
  retryAfterMs?: number;
  /** Sent as `x-should-retry`, which the SDK obeys over its status rules. */
  shouldRetry?: boolean;
  headers?: Record<string, string>;
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

function errorReply(status: number, options: ErrorReplyOptions = {}): ErrorReply {
  const headers: Record<string, string> = { ...options.headers };
  if (options.retryAfter !== undefined) headers['retry-after'] = String(options.retryAfter);
  if (options.retryAfterMs !== undefined) headers['retry-after-ms'] = String(options.retryAfterMs);
  if (options.retryAfter === undefined && options.retryAfterMs === undefined && isRetryableStatus(status)) {
    headers['retry-after-ms'] = '1';
  }
  if (options.shouldRetry !== undefined) headers['x-should-retry'] = String(options.shouldRetry);
  const errorType = options.type ?? errorTypeForStatus(status);
  return { kind: 'error', status, errorType, message: options.message ?? defaultMessage(errorType), headers };
}

function defaultMessage(errorType: string): string {
  switch (errorType) {
    case 'rate_limit_error':
      return 'Number of request tokens has exceeded your per-minute rate limit (fake).';
    case 'overloaded_error':
      return 'Overloaded';
    case 'api_error':
      return 'Internal server error';
    default:
      return `${errorType} (scripted by the fake)`;
  }
}

/** Builders for scripted answers. Every one returns a plain `Reply` that can be inspected or tweaked. */
export const reply = {
  /** The model answers `JSON.stringify(value)` as one text block: what structured outputs produce. */
  json(value: unknown): MessageReply {
    return { kind: 'message', content: [block.text(JSON.stringify(value))] };
  },

  /** The model answers this exact text (use it for answers that are not valid JSON). */
  text(text: string): MessageReply {
    return { kind: 'message', content: [block.text(text)] };
  },

  /** Full control over the content, e.g. server tool use, search results and cited text. */
  blocks(
    content: ContentBlock[],
    options: Pick<MessageReply, 'stopReason' | 'stopSequence' | 'stopDetails'> = {},
  ): MessageReply {
    return { kind: 'message', content, ...options };
  },

  /** The answer was cut off: `stop_reason: max_tokens`, `output_tokens` = the request's `max_tokens`. */
  maxTokens(partialText: string): MessageReply {
    return { kind: 'message', content: [block.text(partialText)], stopReason: 'max_tokens' };
  },

  /** `stop_reason: refusal`, with the structured `stop_details` the API attaches. */
  refusal(
    text = '',
    details: Pick<RefusalStopDetails, 'category' | 'explanation'> = { category: null, explanation: null },
  ): MessageReply {
    return {
      kind: 'message',
      content: text ? [block.text(text)] : [],
      stopReason: 'refusal',
      stopDetails: { type: 'refusal', ...details },
    };
  },

  /** `stop_reason: pause_turn`: the caller must send the content back to let the turn continue. */
  pauseTurn(content: ContentBlock[]): MessageReply {
    return { kind: 'message', content, stopReason: 'pause_turn' };
  },

  /** The model calls a client tool (`stop_reason: tool_use`). */
  toolUse(name: string, input: unknown, preamble?: string): MessageReply {
    const content: ContentBlock[] = preamble ? [block.text(preamble)] : [];
    content.push(block.toolUse(name, input));
    return { kind: 'message', content, stopReason: 'tool_use' };
  },

  /** An HTTP error, e.g. `reply.error(429)`, `reply.error(529)`, `reply.error(500, { shouldRetry: false })`. */
  error: errorReply,

  /**
   * A streaming answer that starts, then fails with SSE `event: error` (HTTP error when not streaming);
   * with `partialText`, that much of a text block streams first.
   */
  streamError(
    errorType = 'overloaded_error',
    message = 'Overloaded',
    partialText?: string,
  ): StreamErrorReply {
    return { kind: 'stream_error', errorType, message, ...(partialText ? { partialText } : {}) };
  },

  /** Exactly these bytes with this status, e.g. a proxy's HTML page or a truncated JSON body. */
  raw(status: number, body: string, headers: Record<string, string> = {}): RawReply {
    return { kind: 'raw', status, body, headers };
  },
};
