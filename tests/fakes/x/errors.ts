import { json, type Reply } from '../loopback.js';

/** X API v2 problem details, as X sends them. */

export const unauthorized = (): Reply =>
  json(401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });

export const duplicate = (): Reply =>
  json(403, {
    detail: 'You are not allowed to create a Tweet with duplicate content.',
    type: 'about:blank',
    title: 'Forbidden',
    status: 403,
  });

export function tooManyRequests(resetEpochSeconds: number, daily = false): Reply {
  const headers: Record<string, string> = {
    'x-rate-limit-limit': '100',
    'x-rate-limit-remaining': daily ? '99' : '0',
    'x-rate-limit-reset': String(daily ? resetEpochSeconds - 23 * 3600 : resetEpochSeconds),
  };
  if (daily) {
    headers['x-user-limit-24hour-limit'] = '17';
    headers['x-user-limit-24hour-remaining'] = '0';
    headers['x-user-limit-24hour-reset'] = String(resetEpochSeconds);
  }
  return json(
    429,
    { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
    headers,
  );
}

export function invalidRequest(parameter: string, value: string, message: string): Reply {
  return json(400, {
    errors: [{ parameters: { [parameter]: [value] }, message }],
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: 'https://api.twitter.com/2/problems/invalid-request',
  });
}
