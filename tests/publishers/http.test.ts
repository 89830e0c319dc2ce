import { describe, expect, it } from 'vitest';
import {
  codeForStatus,
  connectionError,
  planned,
  retryAfterSeconds,
  send,
} from '../../actions/engine/publishers/http.js';

const refused = new TypeError('fetch failed', {
  cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
});
const reset = new TypeError('fetch failed', {
  cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
});
const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');

describe('publisher HTTP rules', () => {
  it('a write that may have arrived is an unknown outcome; one that never left, or a read, is unavailable', () => {
    const post = { method: 'POST' as const, url: 'https://blog.test/wp-json/wp/v2/posts?x=1' };
    expect(connectionError('WordPress', post, reset).code).toBe('unknown-outcome');
    expect(connectionError('WordPress', post, timeout).code).toBe('unknown-outcome');
    expect(connectionError('WordPress', post, refused).code).toBe('unavailable');
    expect(connectionError('WordPress', { ...post, method: 'GET' }, reset).code).toBe('unavailable');
    expect(connectionError('WordPress', post, reset).where).toBe('WordPress POST /wp-json/wp/v2/posts');
  });

  it('maps statuses to codes: 5xx after a write is unknown, never a retry', () => {
    expect(codeForStatus(401, 'GET')).toBe('auth');
    expect(codeForStatus(403, 'POST')).toBe('forbidden');
    expect(codeForStatus(409, 'POST')).toBe('duplicate');
    expect(codeForStatus(422, 'POST')).toBe('invalid');
    expect(codeForStatus(429, 'POST')).toBe('rate-limited');
    expect(codeForStatus(502, 'POST')).toBe('unknown-outcome');
    expect(codeForStatus(502, 'GET')).toBe('unavailable');
  });

  it('reads Retry-After as seconds or as a date', () => {
    const now = new Date('2026-03-09T12:00:00Z');
    expect(retryAfterSeconds(new Headers({ 'retry-after': '120' }), now)).toBe(120);
    expect(retryAfterSeconds(new Headers({ 'retry-after': 'Mon, 09 Mar 2026 12:01:30 GMT' }), now)).toBe(90);
    expect(retryAfterSeconds(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterSeconds(new Headers(), now)).toBeUndefined();
  });

  it('plans redact every secret header, whatever its case', () => {
    const request = planned({
      method: 'POST',
      url: 'https://api.test/x',
      headers: { Authorization: 'Basic c2VjcmV0', 'X-Api-Key': 'k', Cookie: 'c', 'Accept-Version': 'v5.0' },
      body: { a: 1 },
    });
    expect(request.headers).toEqual({
      accept: 'application/json',
      'content-type': 'application/json',
      Authorization: 'Basic <redacted>',
      'X-Api-Key': '<redacted>',
      Cookie: '<redacted>',
      'Accept-Version': 'v5.0',
    });
    expect(request.body).toEqual({ a: 1 });
  });

  it('send returns any status with its parsed body and throws only on a broken connection', async () => {
    const answering: typeof fetch = async () => new Response('{"code":"x"}', { status: 418 });
    const answer = await send(
      { method: 'GET', url: 'https://api.test/', headers: {} },
      { service: 'Test', timeoutMs: 1000, fetch: answering },
    );
    expect(answer).toMatchObject({ status: 418, body: { code: 'x' } });
    const text: typeof fetch = async () => new Response('<html>down</html>', { status: 503 });
    expect(
      (
        await send(
          { method: 'GET', url: 'https://api.test/', headers: {} },
          { service: 'Test', timeoutMs: 1000, fetch: text },
        )
      ).body,
    ).toBe('<html>down</html>');
    const broken: typeof fetch = async () => {
      throw reset;
    };
    await expect(
      send(
        { method: 'PUT', url: 'https://api.test/', headers: {}, body: {} },
        { service: 'Test', timeoutMs: 1000, fetch: broken },
      ),
    ).rejects.toMatchObject({ code: 'unknown-outcome' });
  });
});
