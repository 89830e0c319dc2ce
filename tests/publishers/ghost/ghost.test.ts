import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ghostPublisher as publisher } from '../../../actions/engine/publishers/ghost/index.js';
import { adminToken, parseAdminApiKey } from '../../../actions/engine/publishers/ghost/jwt.js';
import { PublishError } from '../../../actions/engine/publishers/publisher.js';
import { type FakeGhost, startFakeGhost } from '../../fakes/ghost/index.js';
import { blogItem, contextFor, losingAnswer, serialized } from '../items.js';

const NOW = '2026-03-09T12:00:00Z';
let fake: FakeGhost;
let clock = new Date(NOW);

const ctx = (
  env: Record<string, string | undefined> = {},
  options: { fetch?: typeof fetch; now?: string } = {},
) =>
  contextFor(
    publisher.configSchema.parse({ tags: ['Marketing ops'] }),
    { CRESCENDO_GHOST_URL: fake.url, CRESCENDO_GHOST_ADMIN_API_KEY: fake.adminApiKey, ...env },
    { now: options.now ?? NOW, fetch: options.fetch },
  );
const creates = () => fake.requests.filter((r) => r.method === 'POST').length;

async function rejection(promise: Promise<unknown>): Promise<PublishError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(PublishError);
  return error as PublishError;
}

beforeEach(async () => {
  clock = new Date(NOW);
  fake = await startFakeGhost({ now: () => clock });
});
afterEach(async () => {
  await fake.close();
});

describe('Ghost Admin API token', () => {
  it('is an HS256 JWT with kid, aud /admin/ and five minutes of life, signed with the hex secret', () => {
    const key = parseAdminApiKey(
      '6748592f4b9b7700010f6564:b1b5b9c1d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1',
    );
    expect(key?.id).toBe('6748592f4b9b7700010f6564');
    const [head, body] = adminToken(key!, new Date(NOW)).split('.');
    expect(JSON.parse(Buffer.from(head!, 'base64url').toString())).toEqual({
      alg: 'HS256',
      typ: 'JWT',
      kid: '6748592f4b9b7700010f6564',
    });
    expect(JSON.parse(Buffer.from(body!, 'base64url').toString())).toEqual({
      iat: 1773057600,
      exp: 1773057900,
      aud: '/admin/',
    });
    expect(parseAdminApiKey('content-api-key-without-colon')).toBeUndefined();
    expect(parseAdminApiKey('abc:xyz')).toBeUndefined();
  });
});

describe('Ghost publisher', () => {
  it('creates a scheduled post from HTML with the slug, excerpt, tags and the key in code injection', async () => {
    const published = await publisher.publish(blogItem(), ctx());
    const [post] = fake.posts;
    expect(post).toMatchObject({
      status: 'scheduled',
      slug: 'marketing-automation-pull-requests',
      published_at: '2026-03-10T08:00:00.000Z',
      tags: [{ name: 'Marketing ops' }],
    });
    expect(post?.html).toContain('<h2>Why review marketing like code</h2>');
    expect(post?.codeinjection_foot).toBe(
      '<!-- crescendo:key=q2-launch%2Fblog%2Fmarketing-automation-pull-requests%2Fa -->',
    );
    expect(published).toMatchObject({
      remoteId: post?.id,
      url: `${fake.url}/marketing-automation-pull-requests/`,
      note: expect.stringMatching(/scheduled/),
    });
    const request = fake.requests.find((r) => r.method === 'POST');
    expect(request?.query.get('source')).toBe('html');
    expect(request?.headers['accept-version']).toBe('v5.0');
    expect(request?.headers.authorization).toMatch(/^Ghost [\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('publishes at once when the post is due within two minutes (Ghost refuses to schedule that close)', async () => {
    const published = await publisher.publish(blogItem({ publishAt: '2026-03-09T12:01:00Z' }), ctx());
    expect(fake.posts[0]?.status).toBe('published');
    expect(published.url).toBe(`${fake.url}/marketing-automation-pull-requests/`);
  });

  it('find reads the post by slug and recognises the key; publishing again is a duplicate', async () => {
    expect(await publisher.find(blogItem(), ctx())).toBeUndefined();
    await publisher.publish(blogItem(), ctx());
    expect(await publisher.find(blogItem(), ctx())).toMatchObject({
      remoteId: fake.posts[0]?.id,
      at: '2026-03-09T12:00:00.000Z',
    });
    expect((await rejection(publisher.publish(blogItem(), ctx()))).code).toBe('duplicate');
    expect(fake.posts).toHaveLength(1);
  });

  it('an answer lost after Ghost created the post is an unknown outcome; find then recognises it', async () => {
    fake.failNext({ method: 'POST', cut: 'after' });
    expect((await rejection(publisher.publish(blogItem(), ctx()))).code).toBe('unknown-outcome');
    const losing = losingAnswer((method) => method === 'POST', 'timeout');
    const other = blogItem({ slug: 'second-post', key: 'second' });
    expect((await rejection(publisher.publish(other, ctx({}, { fetch: losing })))).code).toBe(
      'unknown-outcome',
    );
    expect(await publisher.find(blogItem(), ctx())).toBeDefined();
    expect(await publisher.find(other, ctx())).toBeDefined();
    expect(fake.posts).toHaveLength(2);
  });

  it('a wrong or revoked key is an auth failure pointing at Integrations; a stale clock is named as such', async () => {
    const other = `${fake.adminApiKey.split(':')[0]}:${'ab'.repeat(32)}`;
    const error = await rejection(
      publisher.publish(blogItem(), ctx({ CRESCENDO_GHOST_ADMIN_API_KEY: other })),
    );
    expect(error).toMatchObject({ code: 'auth', status: 401 });
    expect(error.fix).toMatch(/Integrations/);
    expect(serialized([error.message, error.fix, error.where])).not.toContain('abab');
    clock = new Date('2026-03-09T12:10:00Z');
    const stale = await rejection(publisher.publish(blogItem(), ctx()));
    expect(stale.message).toMatch(/jwt expired/);
    expect(stale.fix).toMatch(/clock/);
    expect(
      (await rejection(publisher.publish(blogItem(), ctx({ CRESCENDO_GHOST_ADMIN_API_KEY: undefined }))))
        .code,
    ).toBe('missing-credentials');
    expect(
      (await rejection(publisher.publish(blogItem(), ctx({ CRESCENDO_GHOST_ADMIN_API_KEY: 'content-key' }))))
        .code,
    ).toBe('auth');
  });

  it('a validation error and a rate limit come back with their codes', async () => {
    fake.failNext({
      method: 'POST',
      status: 422,
      body: {
        errors: [
          {
            message: 'Validation error, cannot save post.',
            context: 'Value in [posts.title] exceeds maximum length of 255 characters.',
            type: 'ValidationError',
          },
        ],
      },
    });
    const invalid = await rejection(publisher.publish(blogItem(), ctx()));
    expect(invalid.code).toBe('invalid');
    expect(invalid.message).toContain('exceeds maximum length');
    fake.failNext({
      status: 429,
      headers: { 'retry-after': '60' },
      body: { errors: [{ message: 'Too many requests', type: 'TooManyRequestsError' }] },
    });
    expect(await rejection(publisher.publish(blogItem(), ctx()))).toMatchObject({
      code: 'rate-limited',
      retryAfter: 60,
    });
    expect(creates()).toBe(1);
  });

  it('validate flags a post with the same slug that Crescendo did not create', async () => {
    fake.addPost({ slug: 'marketing-automation-pull-requests', title: 'Old', status: 'published' });
    const problems = await publisher.validate(blogItem(), ctx());
    expect(problems[0]?.message).toMatch(/did not create/);
    expect(await publisher.find(blogItem(), ctx())).toBeUndefined();
    expect((await rejection(publisher.publish(blogItem(), ctx()))).code).toBe('invalid');
  });

  it('plan shows both requests with the token redacted', async () => {
    const requests = await publisher.plan(blogItem(), ctx());
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET ${fake.url}/ghost/api/admin/posts/slug/marketing-automation-pull-requests/`,
      `POST ${fake.url}/ghost/api/admin/posts/?source=html`,
    ]);
    expect(
      requests.every((r) => /^(Bearer |Ghost |token )?<redacted>$/.test(r.headers.authorization ?? '')),
    ).toBe(true);
    const secret = fake.adminApiKey.split(':')[1] ?? '';
    expect(serialized(requests)).not.toContain(secret);
    expect(serialized(requests)).not.toMatch(/eyJ/);
    expect(fake.requests).toHaveLength(0);
  });

  it('check makes an authenticated read', async () => {
    expect(await publisher.check(ctx())).toMatchObject({ ok: true });
    expect(await publisher.check(ctx({ CRESCENDO_GHOST_ADMIN_API_KEY: undefined }))).toMatchObject({
      ok: false,
    });
    expect(
      await publisher.check(ctx({ CRESCENDO_GHOST_ADMIN_API_KEY: `abc123:${'cd'.repeat(32)}` })),
    ).toMatchObject({ ok: false });
  });
});
