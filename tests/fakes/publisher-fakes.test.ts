import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGoogleAds } from './google-ads/index.js';
import { DEFAULT_TOKEN, startFakeLinkedIn } from './linkedin/index.js';
import { DEFAULT_X_TOKEN, startFakeX } from './x/index.js';

/* The platform behaviours the publisher fakes model, proven with plain requests (no Crescendo code). */

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const post = (url: string, body: unknown, headers: Record<string, string>) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('fake LinkedIn', () => {
  const headers = {
    authorization: `Bearer ${DEFAULT_TOKEN}`,
    'linkedin-version': '202609',
    'x-restli-protocol-version': '2.0.0',
  };
  const body = (commentary: string) => ({
    author: 'urn:li:organization:2414183',
    commentary,
    visibility: 'PUBLIC',
    distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
    lifecycleState: 'PUBLISHED',
  });

  it('cuts what members see at unescaped little-text markup, and reads hashtags back as templates', async () => {
    const fake = await startFakeLinkedIn();
    closers.push(fake.close);
    const raw = await post(`${fake.url}/rest/posts`, body('Plans (finally) ship #B2B'), headers);
    expect(raw.status).toBe(201);
    expect(fake.visibleText(raw.headers.get('x-restli-id') ?? '')).toBe('Plans ');
    const escaped = await post(`${fake.url}/rest/posts`, body('Plans \\(finally\\) ship #B2B'), headers);
    expect(fake.visibleText(escaped.headers.get('x-restli-id') ?? '')).toBe('Plans (finally) ship #B2B');
    const read = await fetch(
      `${fake.url}/rest/posts?author=urn%3Ali%3Aorganization%3A2414183&q=author&count=1&sortBy=CREATED`,
      { headers },
    );
    const { elements } = (await read.json()) as { elements: { commentary: string }[] };
    expect(elements[0]?.commentary).toBe('Plans \\(finally\\) ship {hashtag|\\#|B2B}');
  });

  it('refuses a request without LinkedIn-Version, and a repeat with 422 DUPLICATE_POST', async () => {
    const fake = await startFakeLinkedIn();
    closers.push(fake.close);
    const { 'linkedin-version': _, ...unversioned } = headers;
    expect(await (await post(`${fake.url}/rest/posts`, body('x'), unversioned)).json()).toMatchObject({
      status: 400,
      code: 'VERSION_MISSING',
    });
    await post(`${fake.url}/rest/posts`, body('Same text'), headers);
    const again = await post(`${fake.url}/rest/posts`, body('Same text'), headers);
    expect(await again.json()).toMatchObject({ status: 422, code: 'DUPLICATE_POST' });
  });
});

describe('fake X', () => {
  it('rotates refresh tokens: the used one stops working', async () => {
    const fake = await startFakeX({ clientId: 'c', refreshTokens: ['r0'] });
    closers.push(fake.close);
    const refresh = (token: string) =>
      fetch(`${fake.url}/2/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token, client_id: 'c' }),
      });
    const first = (await (await refresh('r0')).json()) as { refresh_token: string; expires_in: number };
    expect(first).toMatchObject({ refresh_token: 'x-refresh-1', expires_in: 7200 });
    expect((await refresh('r0')).status).toBe(400);
  });

  it('returns posts with t.co links and HTML-escaped text', async () => {
    const fake = await startFakeX();
    closers.push(fake.close);
    const auth = { authorization: `Bearer ${DEFAULT_X_TOKEN}` };
    await post(`${fake.url}/2/tweets`, { text: 'Q&A https://acme-analytics.com/a?utm_source=x' }, auth);
    const read = await fetch(`${fake.url}/2/users/2244994945/tweets?max_results=5&tweet.fields=entities`, {
      headers: auth,
    });
    const { data } = (await read.json()) as {
      data: { text: string; entities: { urls: { expanded_url: string }[] } }[];
    };
    expect(data[0]?.text).toMatch(/^Q&amp;A https:\/\/t\.co\/\w+$/);
    expect(data[0]?.entities.urls[0]?.expanded_url).toBe('https://acme-analytics.com/a?utm_source=x');
  });
});

describe('fake Google Ads', () => {
  const auth = { authorization: 'Bearer ya29.fake-access-token' };
  const budget = (name: string, amountMicros: string) => ({
    campaignBudgetOperation: {
      create: { resourceName: 'customers/1234567890/campaignBudgets/-1', name, amountMicros },
    },
  });

  it('applies a mutate atomically and validateOnly not at all', async () => {
    const fake = await startFakeGoogleAds();
    closers.push(fake.close);
    const url = `${fake.url}/v26/customers/1234567890/googleAds:mutate`;
    const bad = await post(
      url,
      {
        mutateOperations: [
          budget('ok', '1000000'),
          { adGroupOperation: { create: { name: 'g', campaign: 'customers/1234567890/campaigns/-9' } } },
        ],
      },
      auth,
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('RESOURCE_NOT_FOUND');
    expect(
      (await post(url, { mutateOperations: [budget('ok', '1000000')], validateOnly: true }, auth)).status,
    ).toBe(200);
    expect(fake.state.budgets).toHaveLength(0);
    await post(url, { mutateOperations: [budget('ok', '1000000')] }, auth);
    expect(fake.state.budgets).toHaveLength(1);
  });

  it('omits results when a search finds nothing', async () => {
    const fake = await startFakeGoogleAds();
    closers.push(fake.close);
    const found = await post(
      `${fake.url}/v26/customers/1234567890/googleAds:search`,
      { query: "SELECT campaign.name FROM ad_group WHERE campaign.name = 'none'" },
      auth,
    );
    expect(Object.keys((await found.json()) as object)).toEqual(['fieldMask', 'requestId']);
  });
});
