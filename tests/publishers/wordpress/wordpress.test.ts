import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PublishError } from '../../../actions/engine/publishers/publisher.js';
import { wordPressPublisher as publisher } from '../../../actions/engine/publishers/wordpress/index.js';
import { type FakeWordPress, startFakeWordPress } from '../../fakes/wordpress/index.js';
import { blogItem, contextFor, losingAnswer, serialized } from '../items.js';

const NOW = '2026-03-09T12:00:00Z';
const PASSWORD = 'abcd EFGH 1234 ijkl MNOP 5678';
let fake: FakeWordPress;

const ctx = (env: Record<string, string | undefined> = {}, fetchFn?: typeof fetch) =>
  contextFor(
    publisher.configSchema.parse({}),
    {
      CRESCENDO_WORDPRESS_URL: fake.url,
      CRESCENDO_WORDPRESS_USER: 'maria',
      CRESCENDO_WORDPRESS_APP_PASSWORD: PASSWORD,
      ...env,
    },
    { now: NOW, fetch: fetchFn },
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
  fake = await startFakeWordPress({
    users: {
      maria: { password: PASSWORD, role: 'author' },
      colin: { password: PASSWORD, role: 'contributor' },
    },
    now: () => new Date(NOW),
  });
});
afterEach(async () => {
  await fake.close();
});

describe('WordPress publisher', () => {
  it('schedules a post due later as `future`, with the asset slug and the key in the content', async () => {
    const published = await publisher.publish(blogItem(), ctx());
    const [post] = fake.posts;
    expect(post).toMatchObject({
      status: 'future',
      slug: 'marketing-automation-pull-requests',
      date_gmt: '2026-03-10T08:00:00',
    });
    expect(post?.content).toContain('<h2>Why review marketing like code</h2>');
    expect(post?.content).not.toContain('<h1>');
    expect(post?.content).toContain(
      '<!-- crescendo:key=q2-launch%2Fblog%2Fmarketing-automation-pull-requests%2Fa -->',
    );
    expect(post?.excerpt).toMatch(/^Marketing automation for B2B teams/);
    expect(published).toMatchObject({
      remoteId: '1',
      url: `${fake.url}/2026/03/10/marketing-automation-pull-requests/`,
      note: expect.stringMatching(/WP-Cron/),
    });
    const create = fake.requests.find((r) => r.method === 'POST');
    expect(create?.headers.authorization).toBe(
      `Basic ${Buffer.from(`maria:${PASSWORD}`).toString('base64')}`,
    );
    expect(create?.body).toMatchObject({
      status: 'future',
      date_gmt: '2026-03-10T08:00:00',
      title: blogItem().title,
    });
  });

  it('publishes at once when the post is already due', async () => {
    const published = await publisher.publish(blogItem({ publishAt: '2026-03-09T08:00:00Z' }), ctx());
    expect(fake.posts[0]?.status).toBe('publish');
    expect(published.note).toBeUndefined();
    expect(published.url).toBe(`${fake.url}/2026/03/09/marketing-automation-pull-requests/`);
  });

  it('find recognises its post by slug and key; publishing again is refused as a duplicate', async () => {
    expect(await publisher.find(blogItem(), ctx())).toBeUndefined();
    await publisher.publish(blogItem(), ctx());
    expect(await publisher.find(blogItem(), ctx())).toMatchObject({
      remoteId: '1',
      at: '2026-03-09T12:00:00Z',
    });
    expect((await rejection(publisher.publish(blogItem(), ctx()))).code).toBe('duplicate');
    expect(fake.posts).toHaveLength(1);
  });

  it('a connection cut or timeout after WordPress created the post is an unknown outcome; find then sees it', async () => {
    for (const how of ['cut', 'timeout'] as const) {
      const item = blogItem({ slug: `lost-${how}`, key: `key-${how}` });
      const losing = losingAnswer((method) => method === 'POST', how);
      expect((await rejection(publisher.publish(item, ctx({}, losing)))).code).toBe('unknown-outcome');
      expect(await publisher.find(item, ctx())).toMatchObject({
        url: expect.stringContaining(`/lost-${how}/`),
      });
    }
    fake.failNext({ method: 'POST', cut: 'after' });
    const item = blogItem({ slug: 'dropped', key: 'key-dropped' });
    expect((await rejection(publisher.publish(item, ctx()))).code).toBe('unknown-outcome');
    expect(await publisher.find(item, ctx())).toBeDefined();
    expect(fake.posts).toHaveLength(3);
  });

  it('a 5xx answer to the create call is an unknown outcome, never a failure to retry', async () => {
    fake.failNext({ method: 'POST', status: 502, body: '<html>Bad gateway</html>' });
    expect((await rejection(publisher.publish(blogItem(), ctx()))).code).toBe('unknown-outcome');
  });

  it('a refused application password is an auth failure that says how to make a new one', async () => {
    const error = await rejection(
      publisher.publish(blogItem(), ctx({ CRESCENDO_WORDPRESS_APP_PASSWORD: 'wrong wrong wrong' })),
    );
    expect(error).toMatchObject({ code: 'auth', status: 401 });
    expect(error.message).toMatch(/incorrect_password/);
    expect(error.fix).toMatch(/Application Passwords/);
    expect(serialized([error.message, error.fix, error.where])).not.toContain('wrong wrong');
    const missing = await rejection(
      publisher.publish(blogItem(), ctx({ CRESCENDO_WORDPRESS_APP_PASSWORD: undefined })),
    );
    expect(missing.code).toBe('missing-credentials');
  });

  it('a stripped Authorization header is explained as such', async () => {
    fake.failNext({
      method: 'GET',
      status: 401,
      body: {
        code: 'rest_forbidden_context',
        message: 'Sorry, you are not allowed to edit posts in this post type.',
        data: { status: 401 },
      },
    });
    const error = await rejection(publisher.publish(blogItem(), ctx()));
    expect(error.code).toBe('auth');
    expect(error.fix).toMatch(/HTTP_AUTHORIZATION/);
  });

  it('a Contributor is forbidden to publish, with the role to give', async () => {
    const error = await rejection(publisher.publish(blogItem(), ctx({ CRESCENDO_WORDPRESS_USER: 'colin' })));
    expect(error).toMatchObject({ code: 'forbidden', status: 403 });
    expect(error.fix).toMatch(/Author role/);
    expect(await publisher.check(ctx({ CRESCENDO_WORDPRESS_USER: 'colin' }))).toMatchObject({ ok: false });
  });

  it('rest_invalid_param names the parameter', async () => {
    fake.failNext({
      method: 'POST',
      status: 400,
      body: {
        code: 'rest_invalid_param',
        message: 'Invalid parameter(s): categories',
        data: { status: 400, params: { categories: 'categories[0] is not of type integer.' } },
      },
    });
    const error = await rejection(publisher.publish(blogItem(), ctx()));
    expect(error.code).toBe('invalid');
    expect(error.message).toContain('categories: categories[0] is not of type integer.');
  });

  it('a 429 is rate-limited with the wait from Retry-After', async () => {
    fake.failNext({
      status: 429,
      headers: { 'retry-after': '90' },
      body: { code: 'too_many_requests', message: 'Slow down' },
    });
    expect(await rejection(publisher.publish(blogItem(), ctx()))).toMatchObject({
      code: 'rate-limited',
      retryAfter: 90,
    });
    expect(creates()).toBe(0);
  });

  it('validate flags a post a person made with the same slug, and the wrong asset type', async () => {
    fake.addPost({ slug: 'marketing-automation-pull-requests', title: 'Older post' });
    const problems = await publisher.validate(blogItem(), ctx());
    expect(problems.map((p) => p.message).join()).toMatch(/did not create/);
    expect(await publisher.find(blogItem(), ctx())).toBeUndefined();
    expect((await publisher.validate(blogItem({ type: 'email-sequence' }), ctx()))[0]?.message).toMatch(
      /cannot be published on the blog/,
    );
    expect(creates()).toBe(0);
  });

  it('plan shows the lookup and the create call with the password redacted', async () => {
    const requests = await publisher.plan(blogItem(), ctx());
    expect(requests.map((r) => r.method)).toEqual(['GET', 'POST']);
    expect(requests[1]?.url).toBe(`${fake.url}/wp-json/wp/v2/posts`);
    expect(requests[1]?.body).toMatchObject({ status: 'future', slug: 'marketing-automation-pull-requests' });
    const text = serialized(requests);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(Buffer.from(`maria:${PASSWORD}`).toString('base64'));
    expect(text).toContain('<redacted>');
    expect(fake.requests).toHaveLength(0);
  });

  it('check proves the password works for a user who can publish', async () => {
    expect(await publisher.check(ctx())).toMatchObject({ ok: true, what: expect.stringContaining('maria') });
    expect(await publisher.check(ctx({ CRESCENDO_WORDPRESS_APP_PASSWORD: undefined }))).toMatchObject({
      ok: false,
      fix: expect.stringMatching(/CRESCENDO_WORDPRESS_APP_PASSWORD/),
    });
  });
});
