import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  LinkedInAdsConfig,
  linkedinAdsPublisher,
} from '../../../actions/engine/publishers/linkedin-ads/index.js';
import { PublishError } from '../../../actions/engine/publishers/publisher.js';
import {
  dailyLimit,
  type FakeLinkedIn,
  fetchTimingOutOnHang,
  startFakeLinkedIn,
} from '../../fakes/linkedin/index.js';
import { context, flat, linkedInAdItem, NOW, PNG } from '../context.js';

const ACCOUNT = '507404993';
const ORG = '2414183';
const TOKEN = 'li-ads-token';
let fake: FakeLinkedIn;
const config = (overrides: Record<string, unknown> = {}) =>
  LinkedInAdsConfig.parse({
    adAccountId: ACCOUNT,
    campaignGroupId: '635137195',
    organizationId: ORG,
    currency: 'USD',
    dailyBudget: 50,
    bid: 8.5,
    locations: ['urn:li:geo:103644278'],
    ...overrides,
  });
const env = (overrides: Record<string, string> = {}) => ({
  LINKEDIN_ADS_ACCESS_TOKEN: TOKEN,
  CRESCENDO_LINKEDIN_API_URL: fake.url,
  ...overrides,
});
const ctx = (
  options: { config?: Record<string, unknown>; env?: Record<string, string>; fetch?: typeof fetch } = {},
) => context(config(options.config), env(options.env), { fetch: options.fetch });

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
    tokens: [TOKEN],
    now: () => NOW.getTime(),
    organizations: [ORG],
    adAccounts: [
      {
        id: ACCOUNT,
        name: 'Acme Ads',
        currency: 'USD',
        reference: `urn:li:organization:${ORG}`,
        campaignGroups: ['urn:li:sponsoredCampaignGroup:635137195'],
      },
    ],
  });
});
afterEach(() => fake.close());

describe('linkedin ads publish', () => {
  it('creates a DRAFT campaign and a DRAFT inline creative with the image, tracked link and button', async () => {
    const image = { path: 'model.png', bytes: PNG, alt: 'The five steps', mimeType: 'image/png' };
    const published = await linkedinAdsPublisher.publish(linkedInAdItem({ image, dailyBudget: 80 }), ctx());
    const [campaign] = fake.state.campaigns;
    expect(campaign).toMatchObject({ status: 'DRAFT', account: `urn:li:sponsoredAccount:${ACCOUNT}` });
    expect(campaign?.body).toMatchObject({
      type: 'SPONSORED_UPDATES',
      objectiveType: 'WEBSITE_VISIT',
      costType: 'CPC',
      unitCost: { amount: '8.50', currencyCode: 'USD' },
      dailyBudget: { amount: '80.00', currencyCode: 'USD' },
      runSchedule: { start: NOW.getTime() },
      politicalIntent: 'NOT_POLITICAL',
    });
    expect(campaign?.name).toMatch(/^q2-launch \| lead-scoring-ad \| crescendo-[0-9a-f]{12}$/);
    const [creative] = fake.state.creatives;
    expect(published.remoteId).toBe(creative?.id);
    expect(creative).toMatchObject({
      intendedStatus: 'DRAFT',
      campaign: `urn:li:sponsoredCampaign:${campaign?.id}`,
    });
    const post = fake.state.posts.find((p) => p.id === creative?.post);
    expect(post).toMatchObject({
      author: `urn:li:organization:${ORG}`,
      contentLandingPage:
        'https://acme-analytics.com/lead-scoring?utm_source=linkedin&utm_medium=paid_social&utm_campaign=q2-launch&utm_content=lead-scoring-ad-a',
      contentCallToActionLabel: 'DOWNLOAD',
      adContext: { dscAdAccount: `urn:li:sponsoredAccount:${ACCOUNT}`, dscStatus: 'ACTIVE' },
    });
    expect(post?.content?.media?.title).toBe('The 5-step lead scoring model');
    expect(fake.visibleText(post?.id ?? '')).toBe(
      'Sales ignores half your leads (and they are right). Score them in 5 steps.',
    );
    expect(published.url).toBe(
      `https://www.linkedin.com/campaignmanager/accounts/${ACCOUNT}/campaigns/${campaign?.id}/details`,
    );
    expect(published.note).toMatch(/DRAFTS.*nothing is spent/);
  });

  it('puts variant b in the same campaign as a second creative, as a link ad without an image', async () => {
    await linkedinAdsPublisher.publish(linkedInAdItem(), ctx());
    const b = await linkedinAdsPublisher.publish(linkedInAdItem({ variant: 'b' }), ctx());
    expect(fake.state.campaigns).toHaveLength(1);
    expect(fake.state.creatives).toHaveLength(2);
    const post = fake.state.posts.find(
      (p) => p.id === fake.state.creatives.find((c) => c.id === b.remoteId)?.post,
    );
    expect(post?.content?.article).toMatchObject({ title: 'Score leads like the best B2B teams' });
    expect(post?.contentCallToActionLabel).toBe('LEARN_MORE');
    expect(b.note).toMatch(/without an image/);
  });

  it('shares the LinkedIn base URL unless CRESCENDO_LINKEDIN_ADS_API_URL is set', async () => {
    const plan = await linkedinAdsPublisher.plan(
      linkedInAdItem(),
      ctx({ env: { CRESCENDO_LINKEDIN_ADS_API_URL: 'http://127.0.0.1:9/' } }),
    );
    expect(plan[0]?.url.startsWith('http://127.0.0.1:9/rest/adAccounts/')).toBe(true);
  });
});

describe('linkedin ads validate', () => {
  it('accepts a good item after reading the ad account', async () => {
    expect(await linkedinAdsPublisher.validate(linkedInAdItem(), ctx())).toEqual([]);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /rest/adAccounts/${ACCOUNT}`]);
  });

  it('names a currency or page that does not match the account, and local problems without a call', async () => {
    const problems = await linkedinAdsPublisher.validate(
      linkedInAdItem(),
      ctx({ config: { currency: 'EUR', organizationId: '42' } }),
    );
    expect(problems.map((p) => p.where)).toEqual([
      'publishing.linkedin-ads.currency',
      'publishing.linkedin-ads.organizationId',
    ]);
    fake.requests.length = 0;
    const local = await linkedinAdsPublisher.validate(
      linkedInAdItem({ ad: { introText: 'x'.repeat(601) } }),
      ctx({ env: { LINKEDIN_ADS_ACCESS_TOKEN: '' } }),
    );
    expect(local.map((p) => p.where)).toEqual([
      'LINKEDIN_ADS_ACCESS_TOKEN',
      'content/q2-launch/linkedin-ads/2027-04-06-lead-scoring-ad.md: asset.introText',
    ]);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('linkedin ads failures', () => {
  it('an expired token names the ads credential', async () => {
    const expired = await startFakeLinkedIn({ expiredTokens: ['old-ads-token'] });
    try {
      const error = await failure(
        linkedinAdsPublisher.publish(
          linkedInAdItem(),
          context(config(), {
            LINKEDIN_ADS_ACCESS_TOKEN: 'old-ads-token',
            CRESCENDO_LINKEDIN_API_URL: expired.url,
          }),
        ),
      );
      expect(error).toMatchObject({
        code: 'expired',
        fix: expect.stringMatching(/rw_ads.*LINKEDIN_ADS_ACCESS_TOKEN/),
      });
      expect(flat([error.message, error.fix])).not.toContain('old-ads-token');
    } finally {
      await expired.close();
    }
  });

  it('a daily limit is rate-limited until midnight UTC', async () => {
    fake.failNext({ route: `POST /rest/adAccounts/${ACCOUNT}/adCampaigns`, ...dailyLimit() });
    expect(await failure(linkedinAdsPublisher.publish(linkedInAdItem(), ctx()))).toMatchObject({
      code: 'rate-limited',
      retryAfter: 15 * 3600,
    });
  });

  it('a retired version names publishing.linkedin-ads.version', async () => {
    const retired = await startFakeLinkedIn({ tokens: [TOKEN], retiredVersions: ['202501'] });
    try {
      const error = await failure(
        linkedinAdsPublisher.publish(
          linkedInAdItem(),
          context(config({ version: '202501' }), {
            LINKEDIN_ADS_ACCESS_TOKEN: TOKEN,
            CRESCENDO_LINKEDIN_ADS_API_URL: retired.url,
          }),
        ),
      );
      expect(error).toMatchObject({
        code: 'version-retired',
        fix: expect.stringMatching(/publishing\.linkedin-ads\.version/),
      });
    } finally {
      await retired.close();
    }
  });

  it('publishing the same variant again is a duplicate that find resolves', async () => {
    const first = await linkedinAdsPublisher.publish(linkedInAdItem(), ctx());
    expect((await failure(linkedinAdsPublisher.publish(linkedInAdItem(), ctx()))).code).toBe('duplicate');
    expect(await linkedinAdsPublisher.find(linkedInAdItem(), ctx())).toEqual({
      ...first,
      note: expect.stringMatching(/DRAFT/),
    });
    expect(fake.state.creatives).toHaveLength(1);
  });

  it('a connection cut after the creative was made is unknown-outcome; find recognises it and the retry reuses the campaign', async () => {
    fake.failNext({ route: `POST /rest/adAccounts/${ACCOUNT}/creatives`, cut: 'after' });
    expect((await failure(linkedinAdsPublisher.publish(linkedInAdItem(), ctx()))).code).toBe(
      'unknown-outcome',
    );
    expect((await linkedinAdsPublisher.find(linkedInAdItem(), ctx()))?.remoteId).toBe(
      fake.state.creatives[0]?.id,
    );
    expect(await linkedinAdsPublisher.find(linkedInAdItem({ variant: 'b' }), ctx())).toBeUndefined();
    await linkedinAdsPublisher.publish(linkedInAdItem({ variant: 'b' }), ctx());
    expect(fake.state.campaigns).toHaveLength(1);
  });

  it('a timeout on the campaign creation is unknown-outcome', async () => {
    fake.failNext({ route: `POST /rest/adAccounts/${ACCOUNT}/adCampaigns`, hang: true });
    const error = await failure(
      linkedinAdsPublisher.publish(linkedInAdItem(), ctx({ fetch: fetchTimingOutOnHang(fake) })),
    );
    expect(error.code).toBe('unknown-outcome');
    expect(fake.state.creatives).toHaveLength(0);
  });
});

describe('linkedin ads plan and check', () => {
  it('plans search, draft campaign, image and draft creative with no secret', async () => {
    const image = { path: 'model.png', bytes: PNG, alt: '', mimeType: 'image/png' };
    const plan = await linkedinAdsPublisher.plan(linkedInAdItem({ image }), ctx());
    expect(plan.map((r) => `${r.method} ${r.url.replace(fake.url, '')}`)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^GET /rest/adAccounts/${ACCOUNT}/adCampaigns\\?q=search&search=\\(name:\\(values:List\\(q2-launch%20%7C%20lead-scoring-ad%20%7C%20crescendo-[0-9a-f]{12}\\)\\)\\)$`,
        ),
      ),
      `POST /rest/adAccounts/${ACCOUNT}/adCampaigns`,
      'POST /rest/images?action=initializeUpload',
      'PUT <uploadUrl from initializeUpload>',
      `POST /rest/adAccounts/${ACCOUNT}/creatives?action=createInline`,
    ]);
    expect(plan[1]?.body).toMatchObject({ status: 'DRAFT' });
    expect(plan[4]?.body).toMatchObject({
      creative: { intendedStatus: 'DRAFT', campaign: 'urn:li:sponsoredCampaign:<id from x-restli-id>' },
    });
    expect(flat(plan)).not.toContain(TOKEN);
    expect(fake.requests).toHaveLength(0);
  });

  it('check reads the account and its currency', async () => {
    expect(await linkedinAdsPublisher.check(ctx())).toEqual({
      ok: true,
      what: `LinkedIn ad account ${ACCOUNT} (version 202609): "Acme Ads" in USD`,
    });
    expect(await linkedinAdsPublisher.check(ctx({ config: { currency: 'EUR' } }))).toMatchObject({
      ok: false,
      fix: expect.stringMatching(/set publishing\.linkedin-ads\.currency to USD/),
    });
    expect(await linkedinAdsPublisher.check(ctx({ config: { adAccountId: '111' } }))).toMatchObject({
      ok: false,
      fix: expect.stringMatching(/rw_ads/),
    });
  });
});
