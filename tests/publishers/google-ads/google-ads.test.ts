import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GoogleAdsConfig, googleAdsPublisher } from '../../../actions/engine/publishers/google-ads/index.js';
import { PublishError } from '../../../actions/engine/publishers/publisher.js';
import {
  DEFAULT_GOOGLE_TOKEN,
  type FakeGoogleAds,
  type FakeGoogleAdsOptions,
  fetchTimingOutOnHang,
  quotaExhausted,
  startFakeGoogleAds,
} from '../../fakes/google-ads/index.js';
import { context, flat, rsaItem } from '../context.js';

let fake: FakeGoogleAds;
const config = (overrides: Record<string, unknown> = {}) =>
  GoogleAdsConfig.parse({ customerId: '123-456-7890', dailyBudget: 25, maxCpc: 2.5, ...overrides });
const refreshEnv = (url: string) => ({
  GOOGLE_ADS_REFRESH_TOKEN: '1//refresh-token-value',
  GOOGLE_ADS_CLIENT_ID: 'client.apps.googleusercontent.com',
  GOOGLE_ADS_CLIENT_SECRET: 'GOCSPX-client-secret',
  CRESCENDO_GOOGLE_ADS_API_URL: url,
  CRESCENDO_GOOGLE_OAUTH_URL: url,
});
const ctx = (
  options: {
    config?: Record<string, unknown>;
    env?: Record<string, string>;
    fetch?: typeof fetch;
    url?: string;
  } = {},
) =>
  context(config(options.config), options.env ?? refreshEnv(options.url ?? fake.url), {
    fetch: options.fetch,
  });
const oauth = {
  clientId: 'client.apps.googleusercontent.com',
  clientSecret: 'GOCSPX-client-secret',
  refreshTokens: ['1//refresh-token-value'],
};

async function failure(promise: Promise<unknown>): Promise<PublishError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PublishError);
  return error as PublishError;
}

async function withFake<T>(
  options: FakeGoogleAdsOptions,
  run: (other: FakeGoogleAds) => Promise<T>,
): Promise<T> {
  const other = await startFakeGoogleAds({ oauth, ...options });
  try {
    return await run(other);
  } finally {
    await other.close();
  }
}

beforeEach(async () => {
  fake = await startFakeGoogleAds({ oauth });
});
afterEach(() => fake.close());

describe('google ads publish', () => {
  it('creates budget, PAUSED campaign, ad group, ad and keywords in one atomic mutate', async () => {
    const published = await googleAdsPublisher.publish(rsaItem({ dailyBudget: 40 }), ctx());
    const { state } = fake;
    expect(state.campaigns).toHaveLength(1);
    const [campaign] = state.campaigns;
    expect(campaign).toMatchObject({
      status: 'PAUSED',
      advertisingChannelType: 'SEARCH',
      manualCpc: {},
      containsEuPoliticalAdvertising: 'DOES_NOT_CONTAIN_EU_POLITICAL_ADVERTISING',
    });
    expect(campaign?.name).toMatch(/^q2-launch \| lead-scoring-rsa \| crescendo-[0-9a-f]{12}$/);
    expect(state.budgets[0]).toMatchObject({ amountMicros: '40000000', name: `${campaign?.name} | budget` });
    expect(state.adGroups[0]).toMatchObject({
      campaign: campaign?.resourceName,
      cpcBidMicros: '2500000',
      name: 'lead-scoring-rsa',
    });
    expect(state.criteria.map((c) => c.keyword)).toEqual([
      { text: 'lead scoring software', matchType: 'PHRASE' },
      { text: 'lead scoring model', matchType: 'PHRASE' },
    ]);
    const [ad] = state.ads;
    expect(published.remoteId).toBe(ad?.resourceName);
    expect(ad?.ad.finalUrls).toEqual(['https://acme-analytics.com/lead-scoring']);
    expect(ad?.ad.finalUrlSuffix).toBe(
      'utm_source=google&utm_medium=cpc&utm_campaign=q2-launch&utm_content=lead-scoring-rsa-a&utm_term={keyword}',
    );
    expect(published.note).toMatch(/created PAUSED.*daily budget of 40.*never enables it/);
    expect(fake.requests.filter((r) => r.path.endsWith(':mutate'))).toHaveLength(1);
  });

  it('adds a later variant as a second ad in the same ad group, with its own headlines', async () => {
    await googleAdsPublisher.publish(rsaItem(), ctx());
    const b = await googleAdsPublisher.publish(rsaItem({ variant: 'b' }), ctx());
    expect(fake.state.campaigns).toHaveLength(1);
    expect(fake.state.ads).toHaveLength(2);
    const ad = fake.state.ads.find((a) => a.resourceName === b.remoteId);
    expect(ad?.adGroup).toBe(fake.state.adGroups[0]?.resourceName);
    expect(JSON.stringify(ad?.ad.responsiveSearchAd)).toContain('Lead Scoring That Works');
    expect(ad?.status).toBe('ENABLED');
    expect(b.note).toMatch(/existing campaign/);
  });

  it('never changes what a live campaign serves: a variant added to an enabled campaign is PAUSED', async () => {
    await googleAdsPublisher.publish(rsaItem(), ctx());
    const [campaign] = fake.state.campaigns;
    if (campaign) campaign.status = 'ENABLED';
    const b = await googleAdsPublisher.publish(rsaItem({ variant: 'b' }), ctx());
    expect(fake.state.ads.find((a) => a.resourceName === b.remoteId)?.status).toBe('PAUSED');
  });

  it('sends login-customer-id when the account is reached through a manager', async () => {
    await withFake(
      { customer: { id: '1234567890', name: 'Acme', currency: 'USD', managerId: '9998887776' } },
      async (other) => {
        const denied = await failure(googleAdsPublisher.publish(rsaItem(), ctx({ url: other.url })));
        expect(denied).toMatchObject({ code: 'forbidden', fix: expect.stringMatching(/loginCustomerId/) });
        await googleAdsPublisher.publish(
          rsaItem(),
          ctx({ url: other.url, config: { loginCustomerId: '999-888-7776' } }),
        );
        expect(other.requests.at(-1)?.headers['login-customer-id']).toBe('9998887776');
        expect(other.state.ads).toHaveLength(1);
      },
    );
  });
});

describe('google ads validate', () => {
  it('runs the mutate with validateOnly and creates nothing', async () => {
    expect(await googleAdsPublisher.validate(rsaItem(), ctx())).toEqual([]);
    const preflight = fake.requests.find((r) => r.path.endsWith(':mutate'));
    expect(preflight?.json).toMatchObject({ validateOnly: true, partialFailure: false });
    expect(fake.state.campaigns).toHaveLength(0);
  });

  it('returns what Google refuses, located', async () => {
    const item = rsaItem({ keywords: ['one two three four five six seven eight nine ten eleven'] });
    const problems = await googleAdsPublisher.validate(item, ctx());
    expect(problems).toEqual([
      {
        where: 'mutate_operations[4].ad_group_criterion_operation.create.keyword.text',
        message: 'criterionError.KEYWORD_HAS_TOO_MANY_WORDS: Keyword has too many words.',
      },
    ]);
  });

  it('names local problems without calling Google: credentials, limits, keywords', async () => {
    const noCredentials = await googleAdsPublisher.validate(rsaItem(), ctx({ env: {} }));
    expect(noCredentials).toEqual([expect.objectContaining({ where: 'GOOGLE_ADS_REFRESH_TOKEN' })]);
    const long = await googleAdsPublisher.validate(
      rsaItem({ ad: { headlines: ['An Extremely Long Headline For Search', 'Two', 'Three'] }, keywords: [] }),
      ctx(),
    );
    expect(long.map((p) => p.where)).toEqual([
      'content/q2-launch/google-ads/2027-04-06-lead-scoring-rsa.md: asset.headlines[0]',
      'content/q2-launch/google-ads/2027-04-06-lead-scoring-rsa.md: keyword',
    ]);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('google ads failures', () => {
  it('a revoked refresh token and an expired access token both say how to authorise again', async () => {
    const revoked = await failure(
      googleAdsPublisher.publish(
        rsaItem(),
        ctx({ env: { ...refreshEnv(fake.url), GOOGLE_ADS_REFRESH_TOKEN: '1//revoked' } }),
      ),
    );
    expect(revoked).toMatchObject({
      code: 'expired',
      fix: expect.stringMatching(/7 days while the OAuth consent screen is in Testing/),
    });
    await withFake({ expiredTokens: ['ya29.old'] }, async (other) => {
      const error = await failure(
        googleAdsPublisher.publish(
          rsaItem(),
          ctx({ env: { GOOGLE_ADS_ACCESS_TOKEN: 'ya29.old', CRESCENDO_GOOGLE_ADS_API_URL: other.url } }),
        ),
      );
      expect(error.code).toBe('expired');
      expect(error.message).toMatch(/authenticationError\.OAUTH_TOKEN_EXPIRED/);
      expect(flat([error.message, error.fix])).not.toContain('ya29.old');
    });
  });

  it('a Cloud project with Test access is told to apply for more', async () => {
    await withFake({ access: 'test' }, async (other) => {
      const error = await failure(googleAdsPublisher.publish(rsaItem(), ctx({ url: other.url })));
      expect(error).toMatchObject({
        code: 'forbidden',
        fix: expect.stringMatching(/Explorer or Basic access/),
      });
      expect(error.message).toMatch(/CLOUD_PROJECT_NOT_APPROVED_FOR_PRODUCTION/);
    });
  });

  it('exhausted quota is rate-limited for the delay Google gives', async () => {
    fake.failNext({
      route: 'POST /v26/customers/1234567890/googleAds:mutate',
      ...quotaExhausted('v26', 3600),
    });
    expect(await failure(googleAdsPublisher.publish(rsaItem(), ctx()))).toMatchObject({
      code: 'rate-limited',
      retryAfter: 3600,
    });
  });

  it('a sunset version, or one Google no longer serves at all, names the setting to change', async () => {
    await withFake({ sunsetVersions: ['v22'] }, async (other) => {
      const sunset = await failure(
        googleAdsPublisher.publish(rsaItem(), ctx({ url: other.url, config: { apiVersion: 'v22' } })),
      );
      expect(sunset).toMatchObject({
        code: 'version-retired',
        fix: expect.stringMatching(/publishing\.google-ads\.apiVersion/),
      });
    });
    const gone = await failure(googleAdsPublisher.publish(rsaItem(), ctx({ config: { apiVersion: 'v17' } })));
    expect(gone.code).toBe('version-retired');
  });

  it('publishing the same variant again is a duplicate that find resolves', async () => {
    const first = await googleAdsPublisher.publish(rsaItem(), ctx());
    const error = await failure(googleAdsPublisher.publish(rsaItem(), ctx()));
    expect(error.code).toBe('duplicate');
    expect(await googleAdsPublisher.find(rsaItem(), ctx())).toMatchObject({
      remoteId: first.remoteId,
      note: expect.stringMatching(/PAUSED/),
    });
    expect(fake.state.campaigns).toHaveLength(1);
  });

  it('a campaign of the same name (its ad group removed) answers DUPLICATE_CAMPAIGN_NAME: a duplicate', async () => {
    await googleAdsPublisher.publish(rsaItem(), ctx());
    fake.state.ads.length = 0;
    fake.state.adGroups.length = 0;
    const error = await failure(googleAdsPublisher.publish(rsaItem(), ctx()));
    expect(error.code).toBe('duplicate');
    expect(error.message).toMatch(/campaignError\.DUPLICATE_CAMPAIGN_NAME/);
  });

  it('a connection cut after Google applied the mutate is unknown-outcome; find recognises the ad', async () => {
    fake.failNext({ route: 'POST /v26/customers/1234567890/googleAds:mutate', cut: 'after' });
    expect((await failure(googleAdsPublisher.publish(rsaItem(), ctx()))).code).toBe('unknown-outcome');
    const found = await googleAdsPublisher.find(rsaItem(), ctx());
    expect(found?.remoteId).toBe(fake.state.ads[0]?.resourceName);
    expect(await googleAdsPublisher.find(rsaItem({ variant: 'b' }), ctx())).toBeUndefined();
    expect(fake.state.campaigns).toHaveLength(1);
  });

  it('a timeout on the mutate is unknown-outcome; on a search it is only unavailable', async () => {
    fake.failNext({ route: 'POST /v26/customers/1234567890/googleAds:mutate', hang: true });
    expect(
      (await failure(googleAdsPublisher.publish(rsaItem(), ctx({ fetch: fetchTimingOutOnHang(fake) })))).code,
    ).toBe('unknown-outcome');
    fake.failNext({ route: 'POST /v26/customers/1234567890/googleAds:search', hang: true });
    expect(
      (await failure(googleAdsPublisher.find(rsaItem(), ctx({ fetch: fetchTimingOutOnHang(fake) })))).code,
    ).toBe('unavailable');
  });
});

describe('google ads plan and check', () => {
  it('plans the token refresh, the two searches and the mutate, with no secret', async () => {
    const plan = await googleAdsPublisher.plan(rsaItem(), ctx({ config: { loginCustomerId: '9998887776' } }));
    expect(plan.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${fake.url}/token`,
      `POST ${fake.url}/v26/customers/1234567890/googleAds:search`,
      `POST ${fake.url}/v26/customers/1234567890/googleAds:search`,
      `POST ${fake.url}/v26/customers/1234567890/googleAds:mutate`,
    ]);
    expect(plan[3]?.headers).toEqual({
      Authorization: 'Bearer <redacted>',
      'login-customer-id': '9998887776',
      'Content-Type': 'application/json',
    });
    const body = plan[3]?.body as {
      mutateOperations: Record<string, { create: Record<string, unknown> }>[];
      validateOnly: boolean;
    };
    expect(body.validateOnly).toBe(false);
    expect(body.mutateOperations.map((o) => Object.keys(o)[0])).toEqual([
      'campaignBudgetOperation',
      'campaignOperation',
      'adGroupOperation',
      'adGroupAdOperation',
      'adGroupCriterionOperation',
      'adGroupCriterionOperation',
    ]);
    expect(body.mutateOperations[1]?.campaignOperation?.create.status).toBe('PAUSED');
    for (const secret of ['1//refresh-token-value', 'GOCSPX-client-secret', DEFAULT_GOOGLE_TOKEN])
      expect(flat(plan)).not.toContain(secret);
    expect(fake.requests).toHaveLength(0);
  });

  it('check reads the customer', async () => {
    expect(await googleAdsPublisher.check(ctx())).toEqual({
      ok: true,
      what: 'Google Ads customer 123-456-7890 (API v26): "Acme Analytics" in USD',
    });
    const bad = await googleAdsPublisher.check(
      ctx({ env: { GOOGLE_ADS_ACCESS_TOKEN: 'nope', CRESCENDO_GOOGLE_ADS_API_URL: fake.url } }),
    );
    expect(bad).toMatchObject({ ok: false, fix: expect.stringMatching(/adwords scope/) });
  });
});
