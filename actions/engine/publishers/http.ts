import {
  type CredentialCheck,
  type PlannedRequest,
  PublishError,
  type PublishErrorCode,
  REDACTED,
} from './publisher.js';

/*
 * The one HTTP path every REST publisher takes: the call goes through `ctx.fetch` (so tests and proxies can
 * stand in), once, with a timeout, and a failure becomes a `PublishError` whose code the ledger acts on.
 * The rule that prevents duplicate posts lives here: when a write may have reached the platform (the
 * connection broke or timed out after the request left, or the platform answered 5xx), the code is
 * `unknown-outcome`, never a failure that invites a retry.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpCall {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the text when the body is not JSON, or undefined when empty. */
  body: unknown;
}

export interface CallOptions {
  /** The platform as people name it: "WordPress", "Mailchimp". */
  service: string;
  timeoutMs: number;
  fetch: typeof fetch;
}

/** Header names whose values are secrets in every API we call. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key']);

/** Errors that prove the request never left this machine, so even a write certainly did nothing. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export const isWrite = (method: HttpMethod): boolean => method !== 'GET';

/** `POST /wp-json/wp/v2/posts`: the request named without host or query. */
export function describeCall(call: Pick<HttpCall, 'method' | 'url'>): string {
  return `${call.method} ${new URL(call.url).pathname}`;
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : value,
    ]),
  );
}

/** The headers as they go on the wire: JSON in and out, then the call's own. */
function wireHeaders(call: HttpCall): Record<string, string> {
  return {
    accept: 'application/json',
    ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
    ...call.headers,
  };
}

/** The call as `--dry-run` prints it: exactly what `send` sends, secrets redacted. */
export function planned(call: HttpCall): PlannedRequest {
  const request: PlannedRequest = {
    method: call.method,
    url: call.url,
    headers: redactHeaders(wireHeaders(call)),
  };
  if (call.body !== undefined) request.body = call.body;
  return request;
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** What a failed connection means: for a write that may have arrived, an unknown outcome. */
export function connectionError(
  service: string,
  call: Pick<HttpCall, 'method' | 'url'>,
  error: unknown,
): PublishError {
  const where = `${service} ${describeCall(call)}`;
  const code = errorCode(error);
  const reason = isTimeout(error) ? 'no answer in time' : `connection failed (${code ?? 'network error'})`;
  if (isWrite(call.method as HttpMethod) && !(code && NOT_SENT.has(code))) {
    return new PublishError('unknown-outcome', `${service} may have accepted the request: ${reason}`, {
      where,
      cause: error,
      fix: `do not publish it again by hand: the next run reads ${service} back and records the item if it exists; if it does not, a person decides`,
    });
  }
  return new PublishError('unavailable', `${service} could not be reached: ${reason}`, {
    where,
    cause: error,
    fix: `check that ${service} is up and its URL is right; the entry is tried again on the next run`,
  });
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Sends the call once. Any HTTP status is returned; only a broken connection or a timeout throws. */
export async function send(call: HttpCall, options: CallOptions): Promise<HttpAnswer> {
  const init: RequestInit = {
    method: call.method,
    headers: wireHeaders(call),
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
    signal: AbortSignal.timeout(options.timeoutMs),
  };
  let response: Response;
  try {
    response = await options.fetch(call.url, init);
  } catch (error) {
    throw connectionError(options.service, call, error);
  }
  try {
    return { status: response.status, headers: response.headers, body: await readBody(response) };
  } catch (error) {
    // The answer broke off while its body was read: the platform did act on a write.
    throw connectionError(options.service, call, error);
  }
}

/** Seconds to wait from a `Retry-After` header (seconds or an HTTP date), when there is one. */
export function retryAfterSeconds(headers: Headers, now: Date): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/** The code for an HTTP status no platform-specific rule claimed. */
export function codeForStatus(status: number, method: HttpMethod): PublishErrorCode {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 409) return 'duplicate';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return isWrite(method) ? 'unknown-outcome' : 'unavailable';
  return 'invalid';
}

export interface FailureText {
  message: string;
  fix: string;
}

/**
 * A `PublishError` for a non-2xx answer. `text` gives the platform-specific message and fix; the code
 * comes from `code` or the status, and a 429 carries `retryAfter`.
 */
export function httpFailure(
  service: string,
  call: HttpCall,
  answer: HttpAnswer,
  now: Date,
  text: FailureText,
  code: PublishErrorCode = codeForStatus(answer.status, call.method),
): PublishError {
  return new PublishError(code, text.message, {
    where: `${service} ${describeCall(call)}`,
    fix: text.fix,
    status: answer.status,
    retryAfter: answer.status === 429 ? retryAfterSeconds(answer.headers, now) : undefined,
  });
}

/** A failed `check`: what was checked and the failure's message and fix. Bugs are rethrown. */
export function failedCheck(what: string, error: unknown): CredentialCheck {
  if (!(error instanceof PublishError)) throw error;
  return { ok: false, what, fix: error.fix ? `${error.message}: ${error.fix}` : error.message };
}

/** Base URL without a trailing slash. */
export const trimSlash = (url: string): string => url.replace(/\/+$/, '');

export const DEFAULT_TIMEOUT_SECONDS = 30;
