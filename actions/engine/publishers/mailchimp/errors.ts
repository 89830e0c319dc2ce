import { type HttpAnswer, type HttpCall, httpFailure } from '../http.js';
import type { PublishError, PublishErrorCode } from '../publisher.js';

/*
 * Mailchimp answers errors as RFC 7807 problem documents: `{ type, title, status, detail, instance,
 * errors?: [{ field, message }] }`. It sends no rate-limit headers; its limit is 10 simultaneous
 * connections, and under heavy load the throttle can come back as a bare 403 without a JSON body.
 */

interface Problem {
  title?: unknown;
  detail?: unknown;
  errors?: { field?: unknown; message?: unknown }[];
}

export function mailchimpFailure(
  call: HttpCall,
  answer: HttpAnswer,
  now: Date,
  options: { publishes: boolean } = { publishes: false },
): PublishError {
  const body = answer.body && typeof answer.body === 'object' ? (answer.body as Problem) : undefined;
  const title = typeof body?.title === 'string' ? body.title : `HTTP ${answer.status}`;
  const detail = typeof body?.detail === 'string' ? body.detail : '';
  const fields = (body?.errors ?? [])
    .map((e) => [e.field, e.message].filter((part) => typeof part === 'string' && part !== '').join(': '))
    .filter(Boolean);
  const message = `Mailchimp answered ${answer.status} ${title}${detail ? `: ${detail}` : ''}${fields.length > 0 ? ` (${fields.join('; ')})` : ''}`;
  let code: PublishErrorCode | undefined;
  let fix: string;
  if (answer.status === 401) {
    fix =
      'create a new API key (Profile → Extras → API keys) and set CRESCENDO_MAILCHIMP_API_KEY to it whole: its "-us21" ending names the data center';
  } else if (answer.status === 403 && body === undefined) {
    code = 'rate-limited';
    fix = 'Mailchimp throttled the account (a bare 403); the email is tried again on a later run';
  } else if (answer.status === 403) {
    fix =
      'the API key belongs to a user or plan that may not do this: scheduling needs the Essentials plan or higher, and the user needs the Manager role or higher';
  } else if (answer.status === 404) {
    fix =
      'check publishing.email.listId (and segmentId, folderId): the audience must exist in this Mailchimp account';
  } else if (answer.status === 429) {
    fix = 'Mailchimp allows 10 simultaneous connections per account; the email is tried again on a later run';
  } else if (answer.status >= 500) {
    fix = options.publishes
      ? 'the schedule call may have gone through: the next run reads Mailchimp back and records the campaign if it is scheduled'
      : 'Mailchimp had a server error before anything was scheduled; a draft may remain and is reused on the next run';
    code = options.publishes ? 'unknown-outcome' : 'unavailable';
  } else {
    fix =
      'check publishing.email (listId, replyTo on a verified domain) and the email; a draft stays in Mailchimp and is reused on the next run';
    code = 'invalid';
  }
  return httpFailure('Mailchimp', call, answer, now, { message, fix }, code);
}
