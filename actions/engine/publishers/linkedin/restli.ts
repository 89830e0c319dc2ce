import { type ApiResponse, excerpt, redactText, secondsToUtcMidnight } from '../http.js';
import { PublishError } from '../publisher.js';

/** Headers of every versioned LinkedIn REST call (Marketing and Community Management APIs). */
export function restHeaders(token: string, version: string, restliMethod?: 'FINDER'): Record<string, string> {
  const headers: Record<string, string> = {
    Authorization: `Bearer ${token}`,
    'LinkedIn-Version': version,
    'X-Restli-Protocol-Version': '2.0.0',
  };
  if (restliMethod) headers['X-RestLi-Method'] = restliMethod;
  return headers;
}

/**
 * A string value inside a Rest.li 2.0 query expression such as `List(...)` or `(name:(values:List(...)))`:
 * URL-encoded, and the characters Rest.li reserves, `( ) , ' :`, percent-encoded too (as LinkedIn's own
 * linkedin-api-js-client does).
 */
export const restliString = (value: string): string =>
  value === ''
    ? "''"
    : encodeURIComponent(value).replace(/[()']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

interface LinkedInErrorBody {
  status?: number;
  serviceErrorCode?: number;
  code?: string;
  message?: string;
  errorDetails?: { inputErrors?: { description?: string; input?: { inputPath?: { fieldPath?: string } } }[] };
}

export interface FailureContext {
  service: string;
  version: string;
  /** The configuration key of the version, e.g. `publishing.linkedin.version`. */
  versionKey: string;
  /** What the token needs: scopes and roles, for 401/403 fixes. */
  access: string;
  /** The environment variable holding the token. */
  tokenEnv: string;
  now: Date;
  secrets: readonly string[];
}

/**
 * LinkedIn's error answer (`{status, serviceErrorCode, code, message}`) as a `PublishError`. LinkedIn
 * sends no rate-limit headers: a 429 means a daily limit, which resets at midnight UTC.
 */
export function linkedInFailure(response: ApiResponse, what: string, ctx: FailureContext): PublishError {
  const body = (response.json ?? {}) as LinkedInErrorBody;
  const detail = body.errorDetails?.inputErrors
    ?.map((e) => `${e.input?.inputPath?.fieldPath ?? 'request'}: ${e.description ?? ''}`)
    .join('; ');
  const said = redactText(
    [body.code, body.message ?? excerpt(response.text), detail].filter(Boolean).join(': '),
    ctx.secrets,
  );
  const message = `${ctx.service} refused ${what} (HTTP ${response.status}${said ? `, ${said}` : ''})`;
  const options = { status: response.status };
  if (response.status === 426 || body.code === 'NONEXISTENT_VERSION' || body.code === 'VERSION_MISSING') {
    return new PublishError('version-retired', message, {
      ...options,
      fix: `LinkedIn no longer serves version ${ctx.version}: set ${ctx.versionKey} in .github/crescendo.yml to a current YYYYMM (https://learn.microsoft.com/linkedin/marketing/versioning)`,
    });
  }
  if (response.status === 401) {
    const expired = body.code === 'EXPIRED_ACCESS_TOKEN' || body.serviceErrorCode === 65602;
    return new PublishError(expired ? 'expired' : 'auth', message, {
      ...options,
      fix: `${expired ? 'the token expired (LinkedIn access tokens last 60 days)' : 'the token is invalid or revoked'}: create a new one with ${ctx.access} and store it as ${ctx.tokenEnv}`,
    });
  }
  if (response.status === 403) {
    return new PublishError('forbidden', message, { ...options, fix: `the token needs ${ctx.access}` });
  }
  if (response.status === 429) {
    return new PublishError('rate-limited', message, {
      ...options,
      retryAfter: secondsToUtcMidnight(ctx.now),
      fix: 'LinkedIn daily limits reset at midnight UTC; the next run after that publishes it',
    });
  }
  if (response.status === 422 && body.code === 'DUPLICATE_POST') {
    return new PublishError('duplicate', message, {
      ...options,
      fix: 'LinkedIn also answers this for a day or two after a post was deleted: Crescendo reads the page back and records the post only if it finds it',
    });
  }
  return new PublishError('invalid', message, { ...options, fix: 'fix the request described above' });
}

/** The member-facing address of a post or share URN. */
export const feedUrl = (urn: string): string => `https://www.linkedin.com/feed/update/${urn}/`;
