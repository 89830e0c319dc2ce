import type { ApiRequest } from '../http.js';

/** The exact requests of the X publisher (API v2). */

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

export const createPost = (api: string, token: string, text: string): ApiRequest => ({
  method: 'POST',
  url: `${api}/2/tweets`,
  headers: auth(token),
  body: { kind: 'json', value: { text } },
  creates: true,
});

export const me = (api: string, token: string): ApiRequest => ({
  method: 'GET',
  url: `${api}/2/users/me`,
  headers: auth(token),
  creates: false,
});

/** X wants RFC 3339 without milliseconds. */
export const xTime = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function userPosts(
  api: string,
  token: string,
  userId: string,
  since: Date,
  page?: string,
): ApiRequest {
  const query = new URLSearchParams({
    max_results: '100',
    start_time: xTime(since),
    'tweet.fields': 'created_at,entities',
    exclude: 'retweets,replies',
  });
  if (page) query.set('pagination_token', page);
  return {
    method: 'GET',
    url: `${api}/2/users/${encodeURIComponent(userId)}/tweets?${query}`,
    headers: auth(token),
    creates: false,
  };
}
