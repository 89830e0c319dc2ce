import { type HttpAnswer, type HttpCall, httpFailure } from '../http.js';
import type { PublishError } from '../publisher.js';

/*
 * Ghost answers errors as `{ errors: [{ message, context, type, code, ... }] }`, `type` being the error
 * class (UnauthorizedError, NoPermissionError, ValidationError, NotFoundError, TooManyRequestsError).
 */

interface GhostErrorItem {
  message?: unknown;
  context?: unknown;
  type?: unknown;
  code?: unknown;
}

const NEW_KEY =
  'in Ghost Admin → Settings → Integrations → your custom integration, copy the Admin API key into CRESCENDO_GHOST_ADMIN_API_KEY (regenerate it if it was revoked)';

export function ghostFailure(call: HttpCall, answer: HttpAnswer, now: Date): PublishError {
  const first = ((answer.body as { errors?: GhostErrorItem[] } | undefined)?.errors ?? [])[0] ?? {};
  const type = typeof first.type === 'string' ? first.type : '';
  const code = typeof first.code === 'string' ? first.code : '';
  const detail = [first.message, first.context]
    .filter((part) => typeof part === 'string' && part !== '')
    .join(' ');
  const message = `Ghost answered ${answer.status}${type ? ` ${type}` : ''}: ${detail || 'no details'}`;
  let fix: string;
  if (answer.status === 401) {
    fix = /expired|not active|maxAge|iat/i.test(detail)
      ? "Ghost found the token too old: check this machine's clock (tokens are signed for five minutes)"
      : NEW_KEY;
  } else if (answer.status === 403) {
    fix =
      'use the Admin API key of a custom integration (integrations may publish); a staff token needs the Editor role or higher';
  } else if (answer.status === 406) {
    fix =
      'publishing.blog.acceptVersion is newer than the Ghost site: set it to the site major version, e.g. v5.0';
  } else if (answer.status === 404) {
    fix = 'check CRESCENDO_GHOST_URL is the site address (the Admin API lives under /ghost/api/admin/)';
  } else if (answer.status === 422) {
    fix =
      'Ghost refused the post as sent: see the message; a scheduled time must be at least two minutes ahead';
  } else if (answer.status === 429) {
    fix = 'Ghost rate-limited the integration; the post is tried again on a later run';
  } else {
    fix =
      answer.status >= 500
        ? 'Ghost had a server error; check the site'
        : 'check publishing.blog and the Admin API key';
  }
  return httpFailure('Ghost', call, answer, now, { message: code ? `${message} (${code})` : message, fix });
}
