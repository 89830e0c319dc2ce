import Anthropic from '@anthropic-ai/sdk';
import { CrescendoError } from '../errors.js';
import { stageOfTask } from './spend-guard.js';

/**
 * A model call that failed. `status` is the HTTP status (a mid-stream `overloaded_error` counts as
 * 529, so callers that slow down on 429/529 treat it like one); `errorType` is the API's `error.type`.
 */
export class ModelCallError extends CrescendoError {
  readonly status?: number;
  readonly errorType?: string;

  constructor(
    message: string,
    options: { fix: string; cause: unknown; status?: number; errorType?: string },
  ) {
    super(message, { code: 'model-call', fix: options.fix, cause: options.cause });
    this.status = options.status;
    this.errorType = options.errorType;
  }
}

/** Error types a stream can fail with midway that a new request may not meet (like 429/500/529). */
const RETRYABLE_STREAM_ERRORS = new Set(['overloaded_error', 'api_error', 'rate_limit_error']);

/** An SSE `event: error` mid-answer: the SDK throws it without a status and never retries it. */
export function isRetryableStreamError(error: unknown): boolean {
  return (
    error instanceof Anthropic.APIError &&
    error.status === undefined &&
    !(error instanceof Anthropic.APIUserAbortError) &&
    !(error instanceof Anthropic.APIConnectionError) &&
    RETRYABLE_STREAM_ERRORS.has(String(error.type ?? ''))
  );
}

const STATUS_OF_TYPE: Record<string, number> = {
  overloaded_error: 529,
  rate_limit_error: 429,
  api_error: 500,
};

function fixFor(status: number | undefined, type: string): string {
  if (status === 429 || type === 'rate_limit_error')
    return 'the API key hit its rate limit: wait a minute, then run the stage again';
  if (status === 529 || type === 'overloaded_error')
    return 'Anthropic is overloaded: run the stage again in a few minutes';
  if (status === 402 || type === 'billing_error')
    return 'add credit to the Anthropic workspace of the API key';
  if (status === 403 || type === 'permission_error')
    return 'give the API key access to this model, or pick another model in .github/crescendo.yml';
  if (status === 404 || type === 'not_found_error')
    return 'check the model names under `models` in .github/crescendo.yml';
  if (status === 413 || type === 'request_too_large')
    return 'the prompt is too large: shorten the brief or its inputs';
  if (status === 400 || type === 'invalid_request_error') {
    return 'check `models` and `maxTokens` in .github/crescendo.yml; if they are right, report this as a Crescendo bug';
  }
  return 'a temporary error at Anthropic: run the stage again later';
}

/** The API's own words, without the status the SDK puts in front of them ("529 Overloaded"). */
function apiWords(error: InstanceType<typeof Anthropic.APIError>): string {
  const words = error.apiMessage ?? error.message.replace(/^\d{3}\s+/, '');
  return words.length > 300 ? `${words.slice(0, 300)}…` : words;
}

/**
 * One message per failure: the stage, the task, the HTTP status once (or the stream's error type),
 * the API's words, and what to do.
 */
export function explainModelError(
  error: unknown,
  task: string,
  details: { attempts: number; timedOut: boolean; callMinutes: number },
): Error {
  if (error instanceof CrescendoError) return error;
  const lead = `${stageOfTask(task)} stage: the model call for ${task}`;
  const tries = details.attempts > 1 ? ` (${details.attempts} tries)` : '';
  if (details.timedOut || error instanceof Anthropic.APIUserAbortError) {
    return new ModelCallError(`${lead} ran past its time limit of ${details.callMinutes} minutes${tries}`, {
      cause: error,
      fix: 'run the stage again; if it keeps happening, lower `maxTokens` or raise `modelCalls.callTimeoutMinutes` in .github/crescendo.yml',
    });
  }
  if (error instanceof Anthropic.AuthenticationError) {
    return new ModelCallError(`${lead} was refused: Anthropic answered 401 (the API key)`, {
      cause: error,
      status: 401,
      errorType: 'authentication_error',
      fix: 'check that ANTHROPIC_API_KEY is current and belongs to a workspace with credit',
    });
  }
  if (error instanceof Anthropic.APIConnectionError) {
    return new ModelCallError(`${lead} could not reach the Anthropic API: ${error.message}${tries}`, {
      cause: error,
      fix: 'check the network (and ANTHROPIC_BASE_URL if set), then run the stage again',
    });
  }
  if (error instanceof Anthropic.APIError) {
    const type = String(error.type ?? 'error');
    const request = error.requestID ? `; request ${error.requestID}` : '';
    if (error.status === undefined) {
      return new ModelCallError(
        `${lead} failed: the answer stream broke off with ${type} (${apiWords(error)})${tries}${request}`,
        { cause: error, status: STATUS_OF_TYPE[type], errorType: type, fix: fixFor(undefined, type) },
      );
    }
    return new ModelCallError(
      `${lead} failed: Anthropic answered ${error.status} ${type} (${apiWords(error)})${tries}${request}`,
      { cause: error, status: error.status, errorType: type, fix: fixFor(error.status, type) },
    );
  }
  if (error instanceof SyntaxError) {
    return new ModelCallError(`${lead} got a malformed response from the Anthropic API${tries}`, {
      cause: error,
      fix: 'run the stage again; if it keeps happening, check ANTHROPIC_BASE_URL (a proxy may be rewriting answers)',
    });
  }
  return error instanceof Error ? error : new Error(String(error));
}
