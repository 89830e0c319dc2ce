import { ImportError, type ImportErrorCode } from './import-log.js';
import type { PullContext } from './importer.js';

/** How one API reports errors and what to tell a person who hits one. */
export interface Service {
  /** "Google Analytics Data API". */
  name: string;
  /** The environment variable(s) holding the credential, for the fix. */
  credential: string;
  /** The provider's own error text and reason code from an error body, when it has them. */
  describe(body: unknown): { message?: string; reason?: string };
  /** Advice beyond the generic one, by status and the provider's reason code. */
  advice?(status: number, reason: string | undefined): string | undefined;
}

export interface CallOptions {
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: unknown;
  /** Values to blank out of anything quoted back from the API (the token, the key). */
  secrets: readonly string[];
}

const RETRIED = new Set([429, 500, 502, 503, 504]);
const MAX_RETRIES = 2;
const MAX_WAIT_MS = 60_000;

/** Sends a request and returns the answer when it is a 2xx; retries 429 and 5xx twice (honouring `retry-after`). */
export async function call(
  service: Service,
  url: string,
  options: CallOptions,
  ctx: PullContext,
): Promise<Response> {
  const fetchImpl = ctx.fetch ?? fetch;
  const sleep = ctx.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
        headers: {
          accept: 'application/json',
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    } catch (error) {
      const reason = scrub(error instanceof Error ? error.message : String(error), options.secrets);
      throw new ImportError('server', `could not reach the ${service.name} (${reason})`, {
        where: safeUrl(url),
        fix: 'check the network, or the base-URL override if one is set, and run again',
      });
    }
    if (response.ok) return response;
    if (RETRIED.has(response.status) && attempt < MAX_RETRIES) {
      const wait = retryAfterMs(response.headers.get('retry-after'), attempt);
      if (wait <= MAX_WAIT_MS) {
        await response.body?.cancel();
        await sleep(wait);
        continue;
      }
    }
    throw await failure(service, url, response, options.secrets);
  }
}

/** Sends a request and parses the JSON answer. */
export async function callJson(
  service: Service,
  url: string,
  options: CallOptions,
  ctx: PullContext,
): Promise<unknown> {
  const response = await call(service, url, options, ctx);
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badResponse(
      service,
      url,
      `an answer that is not JSON: ${scrub(text.slice(0, 120), options.secrets)}`,
    );
  }
}

export function badResponse(service: Service, url: string, what: string): ImportError {
  return new ImportError('bad-response', `the ${service.name} sent ${what}`, {
    where: safeUrl(url),
    fix: 'run again; if it persists, the API may have changed: report it with this message',
  });
}

function retryAfterMs(header: string | null, attempt: number): number {
  const seconds = header === null ? Number.NaN : Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = header === null ? Number.NaN : Date.parse(header);
  if (Number.isFinite(date)) return Math.max(0, date - Date.now());
  return 1000 * 2 ** attempt;
}

const CODE_BY_STATUS: Record<number, ImportErrorCode> = {
  401: 'auth',
  403: 'permission',
  404: 'not-found',
  429: 'rate-limit',
};

async function failure(
  service: Service,
  url: string,
  response: Response,
  secrets: readonly string[],
): Promise<ImportError> {
  const text = await response.text().catch(() => '');
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the text itself is the best description.
  }
  const described = service.describe(body);
  const status = response.status;
  const code: ImportErrorCode = CODE_BY_STATUS[status] ?? (status >= 500 ? 'server' : 'config');
  const said = scrub(
    (described.message ?? (typeof body === 'string' ? body : '')).slice(0, 300),
    secrets,
  ).trim();
  const reason = described.reason ? ` ${described.reason}` : '';
  const message = `the ${service.name} answered ${status}${reason}${said ? `: ${said}` : ''}`;
  const advice = service.advice?.(status, described.reason);
  return new ImportError(code, message, { where: safeUrl(url), fix: advice ?? genericFix(service, code) });
}

function genericFix(service: Service, code: ImportErrorCode): string {
  switch (code) {
    case 'auth':
      return `set ${service.credential} to a valid, unexpired credential (access tokens expire: mint a fresh one in the workflow)`;
    case 'permission':
      return `give the account behind ${service.credential} read access to this property/account, with the reporting scope`;
    case 'not-found':
      return 'check the id in measurement.sources (property, customer, account or site)';
    case 'rate-limit':
      return 'the quota is used up for now: run again later, or pull fewer days at once';
    case 'server':
      return `the ${service.name} failed; run again later`;
    default:
      return 'check the source settings in measurement.sources against the message above';
  }
}

/** Replaces every secret in `text` (and its URL-encoded form) with [redacted]. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    out = out.split(secret).join('[redacted]').split(encodeURIComponent(secret)).join('[redacted]');
  }
  return out;
}

/** The URL without its query string (which can hold keys on some APIs) for `where`. */
export function safeUrl(url: string): string {
  return url.replace(/\?.*$/, '');
}

/** The base URL: the environment override when set (tests point it at a loopback fake), else the real one. */
export function baseUrl(ctx: PullContext, envName: string, real: string): string {
  return (ctx.env[envName]?.trim() || real).replace(/\/+$/, '');
}
