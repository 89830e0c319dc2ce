import type { PublisherContext } from './publisher.js';
import { type PlannedRequest, PublishError, REDACTED } from './publisher.js';

/*
 * The one way the social and ads publishers talk HTTP. It never retries, and it decides what a lost answer
 * means: a request that creates something on the platform and gets no answer (timeout, connection cut,
 * 5xx) may have gone through, so it becomes `unknown-outcome`; anything else that fails to arrive is
 * `unavailable`. The same request objects are printed by `plan`, with every secret redacted.
 */

export type ApiBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'bytes'; value: Uint8Array; contentType: string }
  | { kind: 'form'; value: Record<string, string> };

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
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

/** Error codes of a connection that failed before anything was sent. */
const NOTHING_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

function lostAnswer(request: ApiRequest, options: SendOptions, what: string, cause: unknown): PublishError {
  const label = `${request.method} ${redactText(pathOf(request.url), options.secrets)}`;
  if (request.creates) {
    return new PublishError(
      'unknown-outcome',
      `${options.service} did not answer ${label} (${what}); the request may have gone through`,
      {
        fix: 'nothing is retried: the next run reads the platform back to see whether it was created',
        cause,
      },
    );
  }
  return new PublishError('unavailable', `${options.service} did not answer ${label} (${what})`, {
    fix: `try again later; check the network, or ${options.baseUrlEnv} if it is set`,
    cause,
  });
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

/** Sends one request once. Throws `PublishError` for anything but an HTTP answer below 500. */
export async function sendRequest(
  ctx: Pick<PublisherContext<unknown>, 'fetch'>,
  request: ApiRequest,
  options: SendOptions,
): Promise<ApiResponse> {
  const { payload, contentType } = encodeBody(request.body);
  const headers: Record<string, string> = { ...request.headers };
  if (contentType && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = contentType;
  }
  let response: Response;
  try {
    response = await ctx.fetch(request.url, {
      method: request.method,
      headers,
      body: payload,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const code = causeCode(error);
    if (code && NOTHING_SENT.has(code)) {
      throw new PublishError('unavailable', `${options.service} could not be reached (${code})`, {
        fix: `check the network, or ${options.baseUrlEnv} if it is set; nothing was sent`,
        cause: error,
      });
    }
    const name = error instanceof Error ? error.name : '';
    const what = name === 'TimeoutError' || name === 'AbortError' ? 'timed out' : (code ?? 'connection lost');
    throw lostAnswer(request, options, what, error);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw lostAnswer(request, options, `connection lost while reading a ${response.status} answer`, error);
  }
  if (response.status >= 500) {
    throw lostAnswer(request, options, `HTTP ${response.status}`, undefined);
  }
  return { status: response.status, headers: response.headers, text, json: parseJson(text) };
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname;
  } catch {
    return url;
  }
}

/** `text` with every secret value replaced by `<redacted>`. Values shorter than 4 characters are ignored. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}

const SECRET_FIELDS = new Set([
  'client_secret',
  'refresh_token',
  'token',
  'code',
  'access_token',
  'password',
]);
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'x-api-key', 'developer-token']);

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

/** The request as `crescendo publish --dry-run` prints it: credentials redacted, bytes summarised. */
export function planOf(request: ApiRequest, secrets: readonly string[]): PlannedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!SECRET_HEADERS.has(name.toLowerCase())) headers[name] = redactText(value, secrets);
    else headers[name] = /^(Bearer|Basic) /.test(value) ? `${value.split(' ')[0]} ${REDACTED}` : REDACTED;
  }
  const planned: PlannedRequest = { method: request.method, url: redactText(request.url, secrets), headers };
  const { contentType } = encodeBody(request.body);
  if (contentType && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = contentType;
  }
  if (request.body?.kind === 'bytes') {
    planned.body = `<${request.body.value.byteLength} bytes of ${request.body.contentType}>`;
  } else if (request.body) {
    planned.body = redactValue(request.body.value, secrets);
  }
  return planned;
}

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
