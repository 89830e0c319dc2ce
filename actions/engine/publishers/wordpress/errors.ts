import { type FailureText, type HttpAnswer, type HttpCall, httpFailure } from '../http.js';
import type { PublishError, PublishErrorCode } from '../publisher.js';

/*
 * WordPress core answers errors as `{ code, message, data: { status, params? } }`. The code says what to
 * fix, and some codes mean something else than their status suggests: a 401 `rest_cannot_create` on a
 * request that carried a password means WordPress never saw it (the web server dropped the header).
 */

interface WpErrorBody {
  code?: unknown;
  message?: unknown;
  data?: { params?: Record<string, unknown> };
}

const NEW_PASSWORD =
  'create a new application password (wp-admin → Users → Profile → Application Passwords) and set CRESCENDO_WORDPRESS_APP_PASSWORD; CRESCENDO_WORDPRESS_USER is the login name of that user';

function explain(
  code: string,
  status: number,
  message: string,
  body: WpErrorBody,
): FailureText & { code?: PublishErrorCode } {
  switch (code) {
    case 'incorrect_password':
    case 'invalid_username':
    case 'invalid_email':
      return { message: `WordPress refused the application password (${code})`, fix: NEW_PASSWORD };
    case 'application_passwords_disabled':
      return {
        message: 'application passwords are turned off on this site',
        fix: 'enable them (they need HTTPS; a security plugin may have disabled them), then create one for the publishing user',
      };
    case 'rest_cannot_create':
    case 'rest_not_logged_in':
    case 'rest_forbidden_context':
      if (status === 401) {
        return {
          message: `WordPress did not receive the credentials (${code})`,
          fix: 'the web server drops the Authorization header before WordPress sees it: on Apache add `RewriteRule .* - [E=HTTP_AUTHORIZATION:%{HTTP:Authorization}]` to .htaccess (or ask the host), and check CRESCENDO_WORDPRESS_USER / CRESCENDO_WORDPRESS_APP_PASSWORD are set',
        };
      }
      return {
        message: `the WordPress user may not create posts (${code})`,
        fix: 'give the publishing user the Author role (or Editor) in wp-admin → Users',
        code: 'forbidden',
      };
    case 'rest_cannot_publish':
      return {
        message: 'the WordPress user may write but not publish posts (rest_cannot_publish)',
        fix: 'a Contributor cannot publish: give the publishing user the Author role (or Editor)',
        code: 'forbidden',
      };
    case 'rest_invalid_param': {
      const params = Object.entries(body.data?.params ?? {}).map(([name, why]) => `${name}: ${String(why)}`);
      return {
        message: `WordPress refused the post: ${params.join('; ') || message}`,
        fix: 'check publishing.blog (category, tag and author ids must exist on the site) and the post date',
        code: 'invalid',
      };
    }
    case 'rest_no_route':
      return {
        message: 'no WordPress REST API at this address (rest_no_route)',
        fix: 'check CRESCENDO_WORDPRESS_URL is the site address; the REST API must not be disabled by a plugin',
        code: 'invalid',
      };
    default:
      return {
        message: `WordPress answered ${status}${code ? ` ${code}` : ''}: ${message}`,
        fix:
          status === 429
            ? 'the host or a firewall rate-limited the requests; the post is tried again on a later run'
            : status >= 500
              ? 'the site had a server error; check the site before anything is published again'
              : 'check publishing.blog and the WordPress credentials',
      };
  }
}

export function wordPressFailure(call: HttpCall, answer: HttpAnswer, now: Date): PublishError {
  const body = (answer.body && typeof answer.body === 'object' ? answer.body : {}) as WpErrorBody;
  const code = typeof body.code === 'string' ? body.code : '';
  const message = typeof body.message === 'string' ? body.message : `HTTP ${answer.status}`;
  const text = explain(code, answer.status, message, body);
  return httpFailure('WordPress', call, answer, now, text, answer.status >= 429 ? undefined : text.code);
}
