import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PublishError } from '../../../actions/engine/publishers/publisher.js';
import { XConfig, xPublisher } from '../../../actions/engine/publishers/x/index.js';
import {
  DEFAULT_X_TOKEN,
  type FakeX,
  fetchTimingOutOnHang,
  startFakeX,
  tooManyRequests,
} from '../../fakes/x/index.js';
import { context, flat, NOW, socialItem } from '../context.js';

let fake: FakeX;
const config = XConfig.parse({});
const refreshEnv = () => ({
  X_REFRESH_TOKEN: 'x-refresh-0',
  X_CLIENT_ID: 'client-id',
  CRESCENDO_X_API_URL: fake.url,
});
const tokenEnv = () => ({ X_ACCESS_TOKEN: DEFAULT_X_TOKEN, CRESCENDO_X_API_URL: fake.url });
const ctx = (
  env: Record<string, string> = tokenEnv(),
  options: { fetch?: typeof fetch; saveSecret?: boolean } = {},
) => context(config, env, options);

async function failure(promise: Promise<unknown>): Promise<PublishError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PublishError);
  return error as PublishError;
}

beforeEach(async () => {
  fake = await startFakeX({
    now: () => NOW.getTime(),
    clientId: 'client-id',
    refreshTokens: ['x-refresh-0'],
  });
});
afterEach(() => fake.close());

describe('x publish', () => {
  it('posts the composed text and answers its id and address', async () => {
    const published = await xPublisher.publish(socialItem('x'), ctx());
    expect(published).toEqual({
      remoteId: fake.posts[0]?.id,
      url: `https://x.com/i/web/status/${fake.posts[0]?.id}`,
      at: NOW.toISOString(),
    });
    expect(fake.posts[0]?.text).toBe(
      'Lead scoring without the guesswork (really): the 5-step model we use.\n\n#MarketingOps #B2B\n\nhttps://acme-analytics.com/blog/lead-scoring?utm_source=x&utm_medium=social&utm_campaign=q2-launch&utm_content=lead-scoring-launch-a',
    );
    const sent = fake.requests.find((r) => r.path === '/2/tweets');
    expect(sent?.headers.authorization).toBe(`Bearer ${DEFAULT_X_TOKEN}`);
    expect(sent?.json).toEqual({ text: fake.posts[0]?.text });
  });

  it('refreshes once per run, and stores the rotated refresh token before using the new access token', async () => {
    const run = ctx(refreshEnv(), { saveSecret: true });
    await xPublisher.publish(socialItem('x'), run);
    await xPublisher.publish(socialItem('x', { variant: 'b' }), run);
    expect(fake.requests.filter((r) => r.path === '/2/oauth2/token')).toHaveLength(1);
    expect(run.saved).toEqual({ X_REFRESH_TOKEN: 'x-refresh-1' });
    expect([...fake.refreshTokens]).toEqual(['x-refresh-1']);
    expect(fake.posts).toHaveLength(2);
    expect(run.logs.join('\n')).not.toContain('x-refresh-1');
  });

  it('a confidential client authenticates the refresh with Basic', async () => {
    const confidential = await startFakeX({
      clientId: 'client-id',
      clientSecret: 'client-secret-value',
      refreshTokens: ['r0'],
    });
    try {
      const run = ctx(
        {
          X_REFRESH_TOKEN: 'r0',
          X_CLIENT_ID: 'client-id',
          X_CLIENT_SECRET: 'client-secret-value',
          CRESCENDO_X_API_URL: confidential.url,
        },
        { saveSecret: true },
      );
      await xPublisher.publish(socialItem('x'), run);
      expect(confidential.posts).toHaveLength(1);
      expect(run.saved.X_REFRESH_TOKEN).toBe('x-refresh-1');
    } finally {
      await confidential.close();
    }
  });
});

describe('x validate', () => {
  it('accepts a good item', async () => {
    expect(await xPublisher.validate(socialItem('x'), ctx())).toEqual([]);
  });

  it('refuses to refresh without a place to keep the rotated token', async () => {
    const problems = await xPublisher.validate(socialItem('x'), ctx(refreshEnv()));
    expect(problems).toEqual([
      expect.objectContaining({
        where: 'X_REFRESH_TOKEN',
        message: expect.stringMatching(/no place to keep/),
      }),
    ]);
    const error = await failure(xPublisher.publish(socialItem('x'), ctx(refreshEnv())));
    expect(error.code).toBe('missing-credentials');
    expect(fake.requests).toHaveLength(0);
  });

  it('counts like X: a post over 280 weighted characters is named', async () => {
    const problems = await xPublisher.validate(socialItem('x', { post: { text: '界'.repeat(120) } }), ctx());
    expect(problems).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/weighs \d+ characters.*280/) }),
    ]);
  });
});

describe('x failures', () => {
  it('an expired access token says how to refresh, without the token', async () => {
    const error = await failure(
      xPublisher.publish(
        socialItem('x'),
        ctx({ X_ACCESS_TOKEN: 'stale-token', CRESCENDO_X_API_URL: fake.url }),
      ),
    );
    expect(error.code).toBe('expired');
    expect(error.fix).toMatch(/2 hours.*X_REFRESH_TOKEN/);
    expect(flat([error.message, error.fix])).not.toContain('stale-token');
  });

  it('a spent refresh token fails as expired and asks for a new authorisation', async () => {
    const run = ctx({ ...refreshEnv(), X_REFRESH_TOKEN: 'x-refresh-spent' }, { saveSecret: true });
    const error = await failure(xPublisher.publish(socialItem('x'), run));
    expect(error.code).toBe('expired');
    expect(error.fix).toMatch(/authorise the app again/);
    expect(run.saved).toEqual({});
  });

  it('a failed store of the rotated token stops the run before posting', async () => {
    const run = ctx(refreshEnv(), { saveSecret: true });
    run.saveSecret = async () => {
      throw new Error('Resource not accessible by integration');
    };
    const error = await failure(xPublisher.publish(socialItem('x'), run));
    expect(error.code).toBe('auth');
    expect(fake.posts).toHaveLength(0);
  });

  it('429 is rate-limited until X says the window resets; the 24-hour cap wins when exhausted', async () => {
    const reset = NOW.getTime() / 1000 + 600;
    fake.failNext({ route: 'POST /2/tweets', ...tooManyRequests(reset) });
    expect(await failure(xPublisher.publish(socialItem('x'), ctx()))).toMatchObject({
      code: 'rate-limited',
      retryAfter: 600,
    });
    fake.failNext({ route: 'POST /2/tweets', ...tooManyRequests(NOW.getTime() / 1000 + 5 * 3600, true) });
    expect(await failure(xPublisher.publish(socialItem('x'), ctx()))).toMatchObject({
      code: 'rate-limited',
      retryAfter: 5 * 3600,
    });
  });

  it('403 duplicate content is a duplicate, and find locates the earlier post', async () => {
    const first = await xPublisher.publish(socialItem('x'), ctx());
    const error = await failure(xPublisher.publish(socialItem('x'), ctx()));
    expect(error.code).toBe('duplicate');
    expect(error.message).toMatch(/duplicate content/);
    expect(await xPublisher.find(socialItem('x'), ctx())).toEqual({ ...first, at: NOW.toISOString() });
  });

  it('another 403 is forbidden and names the scopes; 402 names the credits', async () => {
    fake.failNext({
      route: 'POST /2/tweets',
      status: 403,
      body: {
        title: 'Forbidden',
        detail: 'You are not permitted to perform this action.',
        type: 'about:blank',
        status: 403,
      },
    });
    const forbidden = await failure(xPublisher.publish(socialItem('x'), ctx()));
    expect(forbidden).toMatchObject({ code: 'forbidden', fix: expect.stringMatching(/tweet\.write/) });
    fake.failNext({
      route: 'POST /2/tweets',
      status: 402,
      body: {
        title: 'CreditsDepleted',
        detail: 'Your enrolled account does not have any credits to fulfill this request.',
        type: 'https://api.twitter.com/2/problems/credits',
        status: 402,
      },
    });
    expect(await failure(xPublisher.publish(socialItem('x'), ctx()))).toMatchObject({
      code: 'forbidden',
      fix: expect.stringMatching(/credits/),
    });
  });

  it('a timeout after sending is unknown-outcome', async () => {
    fake.failNext({ route: 'POST /2/tweets', hang: true });
    const error = await failure(
      xPublisher.publish(socialItem('x'), ctx(tokenEnv(), { fetch: fetchTimingOutOnHang(fake) })),
    );
    expect(error.code).toBe('unknown-outcome');
  });

  it('a connection cut after X posted is unknown-outcome, and find recognises the post', async () => {
    fake.failNext({ route: 'POST /2/tweets', cut: 'after' });
    const error = await failure(xPublisher.publish(socialItem('x'), ctx()));
    expect(error.code).toBe('unknown-outcome');
    const found = await xPublisher.find(socialItem('x'), ctx());
    expect(found?.remoteId).toBe(fake.posts[0]?.id);
    expect(fake.posts).toHaveLength(1);
  });
});

describe('x find', () => {
  it('reads t.co links and escaped text back, and tells variants apart', async () => {
    const ampersand = socialItem('x', {
      variant: 'b',
      post: { variants: [{ variantId: 'b', text: 'Sales & marketing, <finally> aligned.' }] },
    });
    const b = await xPublisher.publish(ampersand, ctx());
    expect(await xPublisher.find(socialItem('x'), ctx())).toBeUndefined();
    expect((await xPublisher.find(ampersand, ctx()))?.remoteId).toBe(b.remoteId);
    const query = fake.requests.find((r) => r.path.endsWith('/tweets') && r.method === 'GET')?.query;
    expect(query?.get('start_time')).toBe('2027-04-05T09:00:00Z');
    expect(query?.get('tweet.fields')).toBe('created_at,entities');
  });

  it('pages through the account until it finds the post', async () => {
    await xPublisher.publish(socialItem('x'), ctx());
    for (let i = 0; i < 120; i++) {
      fake.posts.push({
        id: String(9_000 + i),
        authorId: '2244994945',
        text: `other post ${i}`,
        createdAt: NOW.getTime() + 1000 + i,
      });
    }
    expect((await xPublisher.find(socialItem('x'), ctx()))?.remoteId).toBe(fake.posts[0]?.id);
  });
});

describe('x plan and check', () => {
  it('plans the refresh and the post with every secret redacted', async () => {
    const env = { ...refreshEnv(), X_CLIENT_SECRET: 'client-secret-value' };
    const plan = await xPublisher.plan(socialItem('x'), ctx(env, { saveSecret: true }));
    expect(plan).toEqual([
      {
        method: 'POST',
        url: `${fake.url}/2/oauth2/token`,
        headers: { Authorization: 'Basic <redacted>', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: { grant_type: 'refresh_token', refresh_token: '<redacted>', client_id: '<redacted>' },
      },
      {
        method: 'POST',
        url: `${fake.url}/2/tweets`,
        headers: { Authorization: 'Bearer <redacted>', 'Content-Type': 'application/json' },
        body: { text: fake.posts[0]?.text ?? expect.stringMatching(/^Lead scoring/) },
      },
    ]);
    for (const secret of ['x-refresh-0', 'client-secret-value']) expect(flat(plan)).not.toContain(secret);
    expect(fake.requests).toHaveLength(0);
  });

  it('check names the account and whether the token refreshes', async () => {
    expect(await xPublisher.check(ctx())).toEqual({
      ok: true,
      what: 'X account @acme (access token only: it lasts 2 hours and is not refreshed)',
    });
    expect(await xPublisher.check(ctx(refreshEnv(), { saveSecret: true }))).toEqual({
      ok: true,
      what: 'X account @acme (refresh token, rotated on each run)',
    });
    const bad = await xPublisher.check(ctx({ X_ACCESS_TOKEN: 'stale', CRESCENDO_X_API_URL: fake.url }));
    expect(bad).toMatchObject({ ok: false, fix: expect.stringMatching(/2 hours/) });
  });
});
