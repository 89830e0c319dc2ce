import {
  type CredentialCheck,
  type PlannedRequest,
  PublishError,
  type PublishErrorCode,
  type PublisherContext,
  REDACTED,
} from './publisher.js';

/*
 * The one HTTP path every REST publisher takes: the call goes through `ctx.fetch` (so tests and proxies can
 * stand in), once, with a timeout, never retried, and a failure becomes a `PublishError` whose code the
 * ledger acts on. The rule that prevents duplicate posts lives here, once: when a request that creates
 * something may have reached the platform (the connection broke or timed out after the request left, or
 * the platform answered 5xx), the code is `unknown-outcome`, never a failure that invites a retry; a
 * request that provably never left, or a read, is `unavailable`. The same request objects are printed by
 * `plan` with every secret redacted.
 *
 * Two shapes of request share that core: `HttpCall` (a JSON body; `send` returns every status so the
 * publisher's own error table reads the platform's error body: WordPress, Ghost, Mailchimp, GitHub) and
 * `ApiRequest` (JSON, form or bytes; `sendRequest` turns a 5xx into the lost-answer rule itself: LinkedIn,
 * X, Google Ads, LinkedIn Ads).
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

export type ApiBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'bytes'; value: Uint8Array; contentType: string }
  | { kind: 'form'; value: Record<string, string> };

export interface ApiRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: ApiBody;
  /** True when the platform may create something visible or billable: a lost answer is then unknown. */
  creates: boolean;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body; undefined when the body is empty or not JSON. */
  json: unknown;
}

export interface SendOptions {
  /** The platform's name as people know it, for messages: "LinkedIn", "X", "Google Ads". */
  service: string;
  timeoutMs: number;
  /** Credential values that must never appear in a message. */
  secrets: readonly string[];
  /** The environment variable that overrides the base URL, named in connection errors. */
  baseUrlEnv: string;
}

/** Header names whose values are secrets in every API we call. */
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'x-api-key',
  'developer-token',
]);

/** Body fields that carry credentials (OAuth token requests). */
const SECRET_FIELDS = new Set([
  'client_secret',
  'refresh_token',
  'token',
  'code',
  'access_token',
  'password',
]);

/** Errors that prove the request never left this machine, so even a write certainly did nothing. */
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export const isWrite = (method: HttpMethod): boolean => method !== 'GET';

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** `POST /wp-json/wp/v2/posts`: the request named without host or query. */
export function describeCall(call: { method: string; url: string }): string {
  return `${call.method} ${pathOf(call.url)}`;
}

/** `text` with every secret value replaced by `<redacted>`. Values shorter than 4 characters are ignored. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** Secret headers become `<redacted>` (keeping the scheme: `Bearer <redacted>`); known secret values too. */
export function redactHeaders(
  headers: Record<string, string>,
  secrets: readonly string[] = [],
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => {
      if (!SECRET_HEADERS.has(name.toLowerCase())) return [name, redactText(value, secrets)];
      const scheme = /^(Bearer|Basic|Ghost) /.exec(value)?.[1];
      return [name, scheme ? `${scheme} ${REDACTED}` : REDACTED];
    }),
  );
}

function redactValue(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_FIELDS.has(k) ? REDACTED : redactValue(v, secrets)]),
    );
  }
  return value;
}

/** The headers of an `HttpCall` as they go on the wire: JSON in and out, then the call's own. */
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

function encodeBody(body: ApiBody | undefined): { payload?: RequestInit['body']; contentType?: string } {
  if (!body) return {};
  if (body.kind === 'json') return { payload: JSON.stringify(body.value), contentType: 'application/json' };
  if (body.kind === 'form') {
    return {
      payload: new URLSearchParams(body.value).toString(),
      contentType: 'application/x-www-form-urlencoded',
    };
  }
  return { payload: body.value, contentType: body.contentType };
}

/** The headers of an `ApiRequest` as sent: the request's own, plus the body's content type. */
function requestHeaders(request: ApiRequest): Record<string, string> {
  const { contentType } = encodeBody(request.body);
  const headers = { ...request.headers };
  if (contentType && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = contentType;
  }
  return headers;
}

/** The request as `crescendo publish --dry-run` prints it: credentials redacted, bytes summarised. */
export function planOf(request: ApiRequest, secrets: readonly string[]): PlannedRequest {
  const planned: PlannedRequest = {
    method: request.method,
    url: redactText(request.url, secrets),
    headers: redactHeaders(requestHeaders(request), secrets),
  };
  if (request.body?.kind === 'bytes') {
    planned.body = `<${request.body.value.byteLength} bytes of ${request.body.contentType}>`;
  } else if (request.body) {
    planned.body = redactValue(request.body.value, secrets);
  }
  return planned;
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

export interface LostAnswerOptions {
  /** Whether the request may create something (default: any method but GET). */
  creates?: boolean;
  /** Named in the fix of an unreachable platform. */
  baseUrlEnv?: string;
  secrets?: readonly string[];
  /** What happened instead of an answer, when it was not a thrown error (an HTTP 5xx). */
  what?: string;
}

/**
 * What a request without a usable answer means: for a request that creates and may have arrived, an
 * unknown outcome; for one that provably never left, or a read, the platform is unavailable.
 */
export function connectionError(
  service: string,
  call: { method: string; url: string },
  error: unknown,
  options: LostAnswerOptions = {},
): PublishError {
  const where = `${service} ${redactText(describeCall(call), options.secrets ?? [])}`;
  const code = errorCode(error);
  const what =
    options.what ?? (isTimeout(error) ? 'timed out' : `connection failed (${code ?? 'network error'})`);
  const creates = options.creates ?? isWrite(call.method as HttpMethod);
  const cause = error === undefined ? {} : { cause: error };
  if (creates && !(code && NOT_SENT.has(code))) {
    return new PublishError('unknown-outcome', `${service} may have accepted the request: ${what}`, {
      where,
      ...cause,
      fix: `do not publish it again by hand: the next run reads ${service} back and records the item if it exists; if it does not, a person decides`,
    });
  }
  const check = options.baseUrlEnv
    ? `, and ${options.baseUrlEnv} if it is set`
    : ' and that its URL is right';
  return new PublishError('unavailable', `${service} could not be reached: ${what}`, {
    where,
    ...cause,
    fix: `check that ${service} is up${check}; ${code && NOT_SENT.has(code) ? 'nothing was sent; ' : ''}the entry is tried again on the next run`,
  });
}

/** The one place a request goes out: once, with a timeout; a lost answer is classified, never retried. */
async function transmit(
  fetchFn: typeof fetch,
  call: { method: HttpMethod; url: string },
  init: { headers: Record<string, string>; body?: RequestInit['body'] },
  timeoutMs: number,
  lost: (error: unknown) => PublishError,
): Promise<{ response: Response; text: string }> {
  let response: Response;
  try {
    response = await fetchFn(call.url, {
      method: call.method,
      headers: init.headers,
      body: init.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw lost(error);
  }
  try {
    return { response, text: await response.text() };
  } catch (error) {
    // The answer broke off while its body was read: the platform did act on the request.
    throw lost(error);
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Sends a JSON call once. Any HTTP status is returned; only a broken connection or a timeout throws. */
export async function send(call: HttpCall, options: CallOptions): Promise<HttpAnswer> {
  const { response, text } = await transmit(
    options.fetch,
    call,
    { headers: wireHeaders(call), body: call.body === undefined ? undefined : JSON.stringify(call.body) },
    options.timeoutMs,
    (error) => connectionError(options.service, call, error),
  );
  const json = parseJson(text);
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : (json ?? text),
  };
}

/** Sends one request once. Throws `PublishError` for anything but an HTTP answer below 500. */
export async function sendRequest(
  ctx: Pick<PublisherContext<unknown>, 'fetch'>,
  request: ApiRequest,
  options: SendOptions,
): Promise<ApiResponse> {
  const lost = (error: unknown, what?: string) =>
    connectionError(options.service, request, error, {
      creates: request.creates,
      baseUrlEnv: options.baseUrlEnv,
      secrets: options.secrets,
      what,
    });
  const { response, text } = await transmit(
    ctx.fetch,
    request,
    { headers: requestHeaders(request), body: encodeBody(request.body).payload },
    options.timeoutMs,
    lost,
  );
  if (response.status >= 500) throw lost(undefined, `HTTP ${response.status}`);
  return { status: response.status, headers: response.headers, text, json: parseJson(text) };
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

/** The values of the named environment variables that are set: what `redactText` must hide. */
export const secretValues = (
  env: Readonly<Record<string, string | undefined>>,
  names: readonly string[],
): string[] => names.map((n) => env[n]).filter((v): v is string => typeof v === 'string' && v !== '');

/** The API base URL: the override from the environment, else the platform's, without a trailing "/". */
export function baseUrl(env: Readonly<Record<string, string | undefined>>, name: string, fallback: string) {
  const value = env[name]?.trim();
  return (value ? value : fallback).replace(/\/+$/, '');
}

/** A short readable excerpt of an error body, for messages (bodies are data, never trusted). */
export function excerpt(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** Seconds until the next midnight UTC: when LinkedIn's daily limits reset. */
export function secondsToUtcMidnight(now: Date): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((next - now.getTime()) / 1000));
}
