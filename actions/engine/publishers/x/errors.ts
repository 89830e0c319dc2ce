import { type ApiResponse, excerpt, redactText } from '../http.js';
import { PublishError } from '../publisher.js';

/** X API v2 errors: problem details `{title, detail, type, status}`, or `{errors: [{message}], …}`. */

interface XProblem {
  title?: string;
  detail?: string;
  type?: string;
  errors?: { message?: string }[];
}

const SCOPES = 'tweet.read tweet.write users.read offline.access';

/** Seconds until X lifts the limit: the 24-hour user cap when it is the one exhausted, else the window. */
function retryAfter(response: ApiResponse, now: Date): number {
  const h = response.headers;
  const daily = h.get('x-user-limit-24hour-remaining') === '0' ? h.get('x-user-limit-24hour-reset') : null;
  const reset = Number(daily ?? h.get('x-rate-limit-reset'));
  return Number.isFinite(reset) && reset > 0 ? Math.max(1, Math.ceil(reset - now.getTime() / 1000)) : 15 * 60;
}

export function xFailure(
  response: ApiResponse,
  what: string,
  now: Date,
  secrets: readonly string[],
): PublishError {
  const body = (response.json ?? {}) as XProblem;
  const said = redactText(
    [body.detail ?? body.title, ...(body.errors ?? []).map((e) => e.message)].filter(Boolean).join('; ') ||
      excerpt(response.text),
    secrets,
  );
  const message = `X refused ${what} (HTTP ${response.status}${said ? `: ${said}` : ''})`;
  const status = response.status;
  if (status === 401) {
    return new PublishError('expired', message, {
      status,
      fix: 'X access tokens last 2 hours: set X_REFRESH_TOKEN and X_CLIENT_ID so Crescendo refreshes it, or authorise again',
    });
  }
  if (status === 403 && /duplicate content/i.test(body.detail ?? '')) {
    return new PublishError('duplicate', message, {
      status,
      fix: 'X refuses identical text and gives no id: Crescendo reads the account back to find the earlier post',
    });
  }
  if (status === 402) {
    return new PublishError('forbidden', message, {
      status,
      fix: 'the X developer account has no API credits left (pay per use): add credits in the developer console',
    });
  }
  if (status === 403) {
    return new PublishError('forbidden', message, {
      status,
      fix: `the app needs "Read and write" permissions and the token the scopes ${SCOPES}`,
    });
  }
  if (status === 429) {
    return new PublishError('rate-limited', message, {
      status,
      retryAfter: retryAfter(response, now),
      fix: 'X limits posts per 15 minutes and per 24 hours; a later run publishes it',
    });
  }
  return new PublishError('invalid', message, { status, fix: 'fix the post described above' });
}
