import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LinkedInConfig } from '../../../actions/engine/publishers/linkedin/index.js';
import { linkedinPublisher } from '../../../actions/engine/publishers/linkedin/publisher.js';
import { PublishError } from '../../../actions/engine/publishers/publisher.js';
import {
  DEFAULT_TOKEN,
  type FakeLinkedIn,
  fetchTimingOutOnHang,
  startFakeLinkedIn,
} from '../../fakes/linkedin/index.js';
import { context, flat, NOW, PNG, socialItem } from '../context.js';

const ORG = '2414183';
let fake: FakeLinkedIn;
const config = (overrides: Record<string, unknown> = {}) =>
  LinkedInConfig.parse({ organizationId: `urn:li:organization:${ORG}`, version: 202609, ...overrides });
const env = (overrides: Record<string, string> = {}) => ({
  LINKEDIN_ACCESS_TOKEN: DEFAULT_TOKEN,
  CRESCENDO_LINKEDIN_API_URL: fake.url,
  CRESCENDO_LINKEDIN_OAUTH_URL: fake.url,
  ...overrides,
});
const ctx = (
  overrides: { env?: Record<string, string>; config?: Record<string, unknown>; fetch?: typeof fetch } = {},
) => context(config(overrides.config), env(overrides.env), { fetch: overrides.fetch });

async function failure(promise: Promise<unknown>): Promise<PublishError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PublishError);
  return error as PublishError;
}

beforeEach(async () => {
  fake = await startFakeLinkedIn({
    now: () => NOW.getTime(),
    clientId: 'app-id',
    clientSecret: 'app-secret-value',
    refreshTokens: ['li-refresh-token'],
    tokenExpiresAt: Date.parse('2027-05-20T00:00:00Z') / 1000,
  });
});
afterEach(() => fake.close());

describe('linkedin publish', () => {
  it('posts the composed text as little text, so members see all of it', async () => {
    const published = await linkedinPublisher.publish(socialItem('linkedin'), ctx());
    expect(published.remoteId).toMatch(/^urn:li:share:\d+$/);
    expect(published.url).toBe(`https://www.linkedin.com/feed/update/${published.remoteId}/`);
    expect(published.at).toBe(NOW.toISOString());
    const [sent] = fake.requests.filter((r) => r.path === '/rest/posts');
    expect(sent?.headers['linkedin-version']).toBe('202609');
    expect(sent?.headers['x-restli-protocol-version']).toBe('2.0.0');
    expect(sent?.json).toMatchObject({
      author: `urn:li:organization:${ORG}`,
      visibility: 'PUBLIC',
      lifecycleState: 'PUBLISHED',
      distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
      isReshareDisabledByAuthor: false,
    });
    expect(fake.visibleText(published.remoteId)).toBe(
      'Lead scoring without the guesswork (really): the 5-step model we use.\n\n#MarketingOps #B2B\n\n' +
        'https://acme-analytics.com/blog/lead-scoring?utm_source=linkedin&utm_medium=social&utm_campaign=q2-launch&utm_content=lead-scoring-launch-a',
    );
  });

  it('uploads the image and attaches it with its alt text', async () => {
    const image = {
      path: 'content/q2-launch/linkedin/model.png',
      bytes: PNG,
      alt: 'The five steps',
      mimeType: 'image/png',
    };
    const published = await linkedinPublisher.publish(socialItem('linkedin', { image }), ctx());
    const post = fake.state.posts.find((p) => p.id === published.remoteId);
    const urn = post?.content?.media?.id ?? '';
    expect(urn).toMatch(/^urn:li:image:/);
    expect(post?.content?.media?.altText).toBe('The five steps');
    expect(fake.state.images.get(urn)?.bytes).toEqual(Buffer.from(PNG));
    expect(fake.state.images.get(urn)?.contentType).toBe('image/png');
  });

  it('publishes variant b with its own text', async () => {
    const published = await linkedinPublisher.publish(socialItem('linkedin', { variant: 'b' }), ctx());
    expect(fake.visibleText(published.remoteId)).toMatch(/^Stop guessing which leads are ready/);
  });

  it('refreshes the token once per run when a refresh token is configured', async () => {
    const refreshEnv = {
      LINKEDIN_ACCESS_TOKEN: '',
      LINKEDIN_REFRESH_TOKEN: 'li-refresh-token',
      LINKEDIN_CLIENT_ID: 'app-id',
      LINKEDIN_CLIENT_SECRET: 'app-secret-value',
    };
    const run = ctx({ env: refreshEnv });
    await linkedinPublisher.publish(socialItem('linkedin'), run);
    await linkedinPublisher.publish(socialItem('linkedin', { variant: 'b' }), run);
    expect(fake.requests.filter((r) => r.path === '/oauth/v2/accessToken')).toHaveLength(1);
    expect(new Set(fake.state.posts.map((p) => p.id)).size).toBe(2);
  });
});

describe('linkedin validate', () => {
  it('accepts a good item', async () => {
    expect(await linkedinPublisher.validate(socialItem('linkedin'), ctx())).toEqual([]);
  });

  it('names every problem: no token, wrong platform, too long, image type', async () => {
    const noToken = await linkedinPublisher.validate(
      socialItem('linkedin'),
      ctx({ env: { LINKEDIN_ACCESS_TOKEN: '' } }),
    );
    expect(noToken).toEqual([expect.objectContaining({ where: 'LINKEDIN_ACCESS_TOKEN' })]);
    const forX = await linkedinPublisher.validate(socialItem('x'), ctx());
    expect(forX[0]?.message).toMatch(/for x, not linkedin/);
    const long = await linkedinPublisher.validate(
      socialItem('linkedin', { post: { text: 'a'.repeat(3001) } }),
      ctx(),
    );
    expect(long[0]?.message).toMatch(/at most 3000/);
    const webp = { path: 'x.webp', bytes: PNG, alt: '', mimeType: 'image/webp' };
    const image = await linkedinPublisher.validate(socialItem('linkedin', { image: webp }), ctx());
    expect(image[0]).toMatchObject({ where: 'x.webp' });
    expect(fake.requests).toHaveLength(0);
  });
});

describe('linkedin failures', () => {
  it('an expired token fails with the fix and no secret', async () => {
    const expired = await startFakeLinkedIn({ expiredTokens: ['old-token'] });
    try {
      const error = await failure(
        linkedinPublisher.publish(
          socialItem('linkedin'),
          context(config(), { LINKEDIN_ACCESS_TOKEN: 'old-token', CRESCENDO_LINKEDIN_API_URL: expired.url }),
        ),
      );
      expect(error.code).toBe('expired');
      expect(error.fix).toMatch(/60 days.*LINKEDIN_ACCESS_TOKEN/);
      expect(flat([error.message, error.fix])).not.toContain('old-token');
    } finally {
      await expired.close();
    }
  });

  it('a 429 is rate-limited until midnight UTC', async () => {
    fake.failNext({
      route: 'POST /rest/posts',
      status: 429,
      body: {
        status: 429,
        serviceErrorCode: 101,
        code: 'TOO_MANY_REQUESTS',
        message: 'Resource level throttle DAY limit',
      },
    });
    const error = await failure(linkedinPublisher.publish(socialItem('linkedin'), ctx()));
    expect(error.code).toBe('rate-limited');
    expect(error.retryAfter).toBe(15 * 3600);
  });

  it('a retired version names the setting to change', async () => {
    const retired = await startFakeLinkedIn({ retiredVersions: ['202409'] });
    try {
      const error = await failure(
        linkedinPublisher.publish(
          socialItem('linkedin'),
          context(config({ version: '202409' }), {
            LINKEDIN_ACCESS_TOKEN: DEFAULT_TOKEN,
            CRESCENDO_LINKEDIN_API_URL: retired.url,
          }),
        ),
      );
      expect(error.code).toBe('version-retired');
      expect(error.message).toMatch(/NONEXISTENT_VERSION: Requested version 202409 is not active/);
      expect(error.fix).toMatch(/publishing\.linkedin\.version/);
    } finally {
      await retired.close();
    }
  });

  it('a missing page role is forbidden', async () => {
    const error = await failure(
      linkedinPublisher.publish(socialItem('linkedin'), ctx({ config: { organizationId: '999' } })),
    );
    expect(error.code).toBe('forbidden');
    expect(error.fix).toMatch(/w_organization_social/);
  });

  it('the 422 DUPLICATE_POST is a duplicate that find resolves, never a success on its own', async () => {
    const first = await linkedinPublisher.publish(socialItem('linkedin'), ctx());
    const error = await failure(linkedinPublisher.publish(socialItem('linkedin'), ctx()));
    expect(error.code).toBe('duplicate');
    expect(await linkedinPublisher.find(socialItem('linkedin'), ctx())).toMatchObject({
      remoteId: first.remoteId,
    });
    expect(fake.state.posts).toHaveLength(1);
  });

  it('a timeout after sending is unknown-outcome and sends nothing else', async () => {
    fake.failNext({ route: 'POST /rest/posts', hang: true });
    const error = await failure(
      linkedinPublisher.publish(socialItem('linkedin'), ctx({ fetch: fetchTimingOutOnHang(fake) })),
    );
    expect(error.code).toBe('unknown-outcome');
    expect(error.message).toMatch(/timed out/);
    expect(fake.requests.filter((r) => r.path === '/rest/posts')).toHaveLength(1);
  });

  it('a connection cut after LinkedIn posted is unknown-outcome, and find recognises the post', async () => {
    fake.failNext({ route: 'POST /rest/posts', cut: 'after' });
    const error = await failure(linkedinPublisher.publish(socialItem('linkedin'), ctx()));
    expect(error.code).toBe('unknown-outcome');
    const [post] = fake.state.posts;
    const found = await linkedinPublisher.find(socialItem('linkedin'), ctx());
    expect(found).toEqual({
      remoteId: post?.id,
      url: `https://www.linkedin.com/feed/update/${post?.id}/`,
      at: NOW.toISOString(),
    });
    expect(fake.state.posts).toHaveLength(1);
  });

  it('a server that cannot be reached is unavailable: nothing was sent', async () => {
    const closed = await startFakeLinkedIn();
    const url = closed.url;
    await closed.close();
    const error = await failure(
      linkedinPublisher.publish(
        socialItem('linkedin'),
        context(config(), { LINKEDIN_ACCESS_TOKEN: DEFAULT_TOKEN, CRESCENDO_LINKEDIN_API_URL: url }),
      ),
    );
    expect(error.code).toBe('unavailable');
    expect(error.fix).toMatch(/CRESCENDO_LINKEDIN_API_URL/);
  });
});

describe('linkedin find', () => {
  it('finds nothing before the post exists', async () => {
    expect(await linkedinPublisher.find(socialItem('linkedin'), ctx())).toBeUndefined();
  });

  it('tells variants apart and ignores an identical post from before the item was due', async () => {
    const b = await linkedinPublisher.publish(socialItem('linkedin', { variant: 'b' }), ctx());
    expect(await linkedinPublisher.find(socialItem('linkedin'), ctx())).toBeUndefined();
    expect((await linkedinPublisher.find(socialItem('linkedin', { variant: 'b' }), ctx()))?.remoteId).toBe(
      b.remoteId,
    );
    const later = socialItem('linkedin', { variant: 'b', publishAt: '2027-04-09T09:00:00+00:00' });
    expect(await linkedinPublisher.find(later, ctx())).toBeUndefined();
  });

  it('recognises the post by its tracked link after someone edited the text', async () => {
    const published = await linkedinPublisher.publish(socialItem('linkedin'), ctx());
    const post = fake.state.posts.find((p) => p.id === published.remoteId);
    if (post) post.commentary = post.commentary.replace('Lead scoring', 'Lead-scoring');
    expect((await linkedinPublisher.find(socialItem('linkedin'), ctx()))?.remoteId).toBe(published.remoteId);
  });
});

describe('linkedin plan and check', () => {
  it('plans the exact requests with every secret redacted', async () => {
    const secretEnv = {
      LINKEDIN_REFRESH_TOKEN: 'li-refresh-token',
      LINKEDIN_CLIENT_ID: 'app-id',
      LINKEDIN_CLIENT_SECRET: 'app-secret-value',
    };
    const image = { path: 'model.png', bytes: PNG, alt: 'The five steps', mimeType: 'image/png' };
    const plan = await linkedinPublisher.plan(socialItem('linkedin', { image }), ctx({ env: secretEnv }));
    expect(plan.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${fake.url}/oauth/v2/accessToken`,
      `POST ${fake.url}/rest/images?action=initializeUpload`,
      'PUT <uploadUrl from initializeUpload>',
      `POST ${fake.url}/rest/posts`,
    ]);
    expect(plan[3]?.headers).toEqual({
      Authorization: 'Bearer <redacted>',
      'LinkedIn-Version': '202609',
      'X-Restli-Protocol-Version': '2.0.0',
      'Content-Type': 'application/json',
    });
    expect(plan[3]?.body).toMatchObject({ content: { media: { id: '<image URN from initializeUpload>' } } });
    expect(plan[2]?.body).toBe('<12 bytes of image/png>');
    for (const secret of [DEFAULT_TOKEN, 'li-refresh-token', 'app-secret-value'])
      expect(flat(plan)).not.toContain(secret);
    expect(fake.requests).toHaveLength(0);
  });

  it('check proves the token and reports when it expires', async () => {
    const run = ctx({ env: { LINKEDIN_CLIENT_ID: 'app-id', LINKEDIN_CLIENT_SECRET: 'app-secret-value' } });
    expect(await linkedinPublisher.check(run)).toEqual({
      ok: true,
      what: `LinkedIn token for organization ${ORG} (version 202609)`,
      expiresAt: '2027-05-20T00:00:00.000Z',
    });
    const bad = await linkedinPublisher.check(ctx({ env: { LINKEDIN_ACCESS_TOKEN: 'nope' } }));
    expect(bad.ok).toBe(false);
    expect(bad.fix).toMatch(/invalid or revoked.*LINKEDIN_ACCESS_TOKEN/);
  });

  it('check warns in the log when the version is about to retire', async () => {
    const run = ctx({ config: { version: '202604' } });
    await linkedinPublisher.check(run);
    expect(run.logs.join('\n')).toMatch(/202604 is about a year old/);
  });
});
