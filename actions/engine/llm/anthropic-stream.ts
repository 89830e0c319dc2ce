import Anthropic from '@anthropic-ai/sdk';
import type { ContentBlock, Message, MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';
import { usageOf } from './anthropic-message.js';
import type { SpendMeter } from './llm.js';
import { isRetryableStreamError } from './model-errors.js';
import { emptyUsage, type LlmUsage } from './usage.js';

/** One streamed request: the finished message, or the error and what the request used before it. */
export type StreamOutcome =
  | { ok: true; message: Message }
  | {
      ok: false;
      error: unknown;
      /** `undefined` when the request may have been billed but reported no usage. */
      usage: LlmUsage | undefined;
      /** The content that arrived before the failure. */
      partial: ContentBlock[];
    };

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Upper bound on the tokens of generated content: a token is at least one UTF-8 byte. */
function generatedBytes(content: readonly ContentBlock[]): number {
  let total = 0;
  for (const block of content) {
    if (block.type === 'text') total += bytes(block.text);
    else if (block.type === 'thinking') total += bytes(block.thinking);
    else if (block.type === 'tool_use' || block.type === 'server_tool_use') {
      total += bytes(JSON.stringify(block.input ?? {}));
    }
  }
  return total;
}

/**
 * What a request whose stream failed has cost, as far as it can be known. Anthropic bills usage,
 * and an HTTP error (429, 529, 500 … before the answer starts, each of the SDK's retries included)
 * comes with none: nothing was processed, so nothing is charged. Once the answer has started, the
 * input from `message_start` was processed and every output token generated so far is billed: the
 * output is the larger of the reported count and the bytes received (a token is at least a byte),
 * at most `max_tokens`. A stream that started but sent no `message_start`, or a request with server
 * tools (whose iterations the partial usage does not show), gives `undefined`: the caller then
 * charges the whole reservation.
 */
export function partialUsage(
  connected: boolean,
  snapshot: Message | undefined,
  maxTokens: number,
  withServerTools: boolean,
): LlmUsage | undefined {
  if (!connected) return emptyUsage();
  if (!snapshot || withServerTools) return undefined;
  const reported = usageOf(snapshot.usage);
  const output = Math.max(reported.outputTokens, generatedBytes(snapshot.content));
  return { ...reported, outputTokens: Math.min(maxTokens, output) };
}

/** Streams one request through the SDK (its retries of HTTP errors included) and never throws. */
export async function streamOnce(
  client: Anthropic,
  params: MessageCreateParamsBase,
  signal: AbortSignal,
): Promise<StreamOutcome> {
  const stream = client.messages.stream(params, { signal });
  let connected = false;
  stream.on('connect', () => {
    connected = true;
  });
  try {
    return { ok: true, message: await stream.finalMessage() };
  } catch (error) {
    const snapshot = stream.currentMessage;
    const withTools = (params.tools?.length ?? 0) > 0;
    return {
      ok: false,
      error,
      usage: partialUsage(connected, snapshot, params.max_tokens, withTools),
      partial: snapshot ? [...snapshot.content] : [],
    };
  }
}

/** How one logical request is sent: metered, retried after a broken stream, within a deadline. */
export interface SendOptions {
  task: string;
  model: string;
  /** The request's worst case, reserved before every attempt. */
  worst: LlmUsage;
  meter?: SpendMeter;
  /** Epoch ms by which the request must have ended. */
  deadline: number;
  /** Re-sends after an `overloaded_error` (or another retryable error) midway through the stream. */
  streamRetries: number;
  retryDelayMs: (retry: number) => number;
  now: () => number;
}

/** Why a request gave up: the last error, the attempts made, and whether the deadline passed. */
export class SendFailure extends Error {
  constructor(
    readonly error: unknown,
    readonly attempts: number,
    readonly timedOut: boolean,
  ) {
    super(error instanceof Error ? error.message : 'the request ran out of time');
  }
}

/** A short, secret-free reason for a failed request's spend record. */
function failureNote(error: unknown, timedOut: boolean): string {
  if (timedOut) return 'time limit reached';
  if (error instanceof Anthropic.APIError) {
    const type = String(error.type ?? error.constructor.name);
    return error.status === undefined ? `stream failed: ${type}` : `HTTP ${error.status} ${type}`;
  }
  return error instanceof Error ? error.name : 'failed';
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends a request until it is answered: each attempt reserves the worst case, streams under an abort
 * signal at the deadline (the SDK retries HTTP errors inside it), and is settled with its usage, or
 * with the partial usage (see `partialUsage`) when it fails. A stream that breaks off with a retryable
 * error (`overloaded_error`, which the SDK does not retry) is sent again, at most `streamRetries`
 * times and only while the deadline leaves room. Throws `SendFailure`, or the meter's `SpendCapError`.
 */
export async function sendMetered(
  client: Anthropic,
  params: MessageCreateParamsBase,
  o: SendOptions,
): Promise<Message> {
  for (let attempt = 1; ; attempt++) {
    if (o.now() >= o.deadline) throw new SendFailure(undefined, attempt - 1, true);
    const reservation = await o.meter?.reserve(o.task, o.model, o.worst);
    const left = o.deadline - o.now();
    if (left <= 0) {
      reservation?.settle('failed', emptyUsage(), undefined, 'time limit reached before sending');
      throw new SendFailure(undefined, attempt - 1, true);
    }
    const outcome = await streamOnce(client, params, AbortSignal.timeout(left));
    if (outcome.ok) {
      reservation?.settle('ok', usageOf(outcome.message.usage), outcome.message.model);
      return outcome.message;
    }
    const timedOut = o.now() >= o.deadline;
    reservation?.settle('failed', outcome.usage, undefined, failureNote(outcome.error, timedOut));
    const delay = o.retryDelayMs(attempt);
    const again =
      attempt <= o.streamRetries && isRetryableStreamError(outcome.error) && o.now() + delay < o.deadline;
    if (!again) throw new SendFailure(outcome.error, attempt, timedOut);
    await pause(delay);
  }
}
