import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PublishError } from '../../../actions/engine/publishers/publisher.js';
import { staticSitePublisher as publisher } from '../../../actions/engine/publishers/static-site/index.js';
import { DEFAULT_TOKEN, type FakeGitHub, startFakeGitHub } from '../../fakes/github/index.js';
import { blogItem, contextFor, losingAnswer, serialized } from '../items.js';

let fake: FakeGitHub;
const POST = 'website/_posts/2026-03-10-marketing-automation-pull-requests.md';
const config = publisher.configSchema.parse({
  format: 'jekyll',
  repository: 'acme/site',
  branch: 'main',
  dir: 'website',
  baseUrl: 'https://blog.acme.test',
});
const env = () => ({ CRESCENDO_SITE_GITHUB_TOKEN: DEFAULT_TOKEN, CRESCENDO_SITE_GITHUB_API_URL: fake.url });
const ctx = (options: { fetch?: typeof fetch; token?: string } = {}) =>
  contextFor(
    config,
    { ...env(), ...(options.token ? { CRESCENDO_SITE_GITHUB_TOKEN: options.token } : {}) },
    options,
  );
const commits = () =>
  fake.requests.filter((r) => r.method === 'POST' && r.route?.endsWith('/git/commits')).length;

async function rejection(promise: Promise<unknown>): Promise<PublishError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(PublishError);
  return error as PublishError;
}

beforeAll(async () => {
  fake = await startFakeGitHub({ owner: 'acme', repo: 'site' });
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(async () => {
  await fake.seed({ [POST]: null, 'website/_config.yml': 'title: Acme\n' }, 'Reset');
});

describe('static site publisher, GitHub repository', () => {
  it('publishes the post as one commit on the branch', async () => {
    const before = (await fake.branches()).main;
    const published = await publisher.publish(blogItem(), ctx());
    const after = (await fake.branches()).main;
    expect(after).not.toBe(before);
    expect(published.remoteId).toBe(POST);
    expect(published.url).toBe('https://blog.acme.test/2026/03/10/marketing-automation-pull-requests.html');
    expect(published.note).toContain(after);
    expect(await fake.readFile(POST, 'main')).toContain('layout: "post"');
  });

  it('find reads the file at the branch; a second publish is refused, no second commit', async () => {
    await publisher.publish(blogItem(), ctx());
    expect((await publisher.find(blogItem(), ctx()))?.remoteId).toBe(POST);
    const count = commits();
    expect((await rejection(publisher.publish(blogItem(), ctx()))).code).toBe('duplicate');
    expect(commits()).toBe(count);
  });

  it('an answer lost after the branch moved is an unknown outcome, and find then recognises the post', async () => {
    for (const how of ['cut', 'timeout'] as const) {
      await fake.seed({ [POST]: null }, 'Reset');
      const losing = losingAnswer((method, url) => method === 'PATCH' && url.includes('/git/refs/'), how);
      const error = await rejection(publisher.publish(blogItem(), ctx({ fetch: losing })));
      expect(losing.fired).toBe(true);
      expect(error.code).toBe('unknown-outcome');
      expect(await publisher.find(blogItem(), ctx())).toMatchObject({ remoteId: POST });
    }
  });

  it('a lost answer before the branch moves publishes nothing and says so plainly', async () => {
    const losing = losingAnswer((method, url) => method === 'POST' && url.endsWith('/git/commits'));
    expect((await rejection(publisher.publish(blogItem(), ctx({ fetch: losing })))).code).toBe('unavailable');
    expect(await publisher.find(blogItem(), ctx())).toBeUndefined();
  });

  it('a refused token is an auth failure with the scope to grant, and never echoes the token', async () => {
    const error = await rejection(publisher.publish(blogItem(), ctx({ token: 'ghp_expiredTokenValue' })));
    expect(error.code).toBe('auth');
    expect(error.fix).toMatch(/Contents: read and write/);
    expect(serialized({ message: error.message, fix: error.fix, where: error.where })).not.toContain('ghp_');
    const check = await publisher.check(ctx({ token: 'ghp_expiredTokenValue' }));
    expect(check.ok).toBe(false);
    const missing = await rejection(publisher.publish(blogItem(), contextFor(config, {})));
    expect(missing.code).toBe('missing-credentials');
  });

  it('rate limits are reported with the wait, nothing is committed', async () => {
    fake.failNext({
      route: 'GET /repos/{owner}/{repo}/contents/{path}',
      status: 429,
      headers: { 'retry-after': '120' },
    });
    const error = await rejection(publisher.publish(blogItem(), ctx()));
    expect(error).toMatchObject({ code: 'rate-limited', retryAfter: 120 });
    expect(await publisher.find(blogItem(), ctx())).toBeUndefined();
  });

  it('validate flags a post Crescendo did not write at the same path', async () => {
    await fake.seed({ [POST]: '---\ntitle: "Ours?"\n---\nNo.\n' }, 'A person wrote this');
    const problems = await publisher.validate(blogItem(), ctx());
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/did not write/);
  });

  it('plan lists the git data requests with the token redacted', async () => {
    const before = fake.requests.length;
    const requests = await publisher.plan(blogItem(), ctx());
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'GET /repos/acme/site/git/ref/heads/main',
      'GET /repos/acme/site/git/commits/%7Bhead_sha%7D',
      'POST /repos/acme/site/git/trees',
      'POST /repos/acme/site/git/commits',
      'PATCH /repos/acme/site/git/refs/heads/main',
    ]);
    expect(serialized(requests)).not.toContain(DEFAULT_TOKEN);
    expect(
      requests.every((r) => /^(Bearer |Ghost |token )?<redacted>$/.test(r.headers.authorization ?? '')),
    ).toBe(true);
    expect(fake.requests.length).toBe(before);
  });

  it('check proves the token can write to the branch', async () => {
    expect(await publisher.check(ctx())).toMatchObject({
      ok: true,
      what: expect.stringContaining('acme/site'),
    });
    expect(await publisher.check(contextFor(config, {}))).toMatchObject({
      ok: false,
      fix: expect.stringMatching(/CRESCENDO_SITE_GITHUB_TOKEN/),
    });
  });
});
