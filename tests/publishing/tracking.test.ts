import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trackedLink } from '../../actions/engine/channels/tracking.js';
import {
  type CrescendoPage,
  checkLinks,
  malformed,
  pageAnchorProblems,
} from '../../actions/engine/publishing/link-check.js';
import { googleRsa, linkedInAd, socialPost } from '../assets/fixtures.js';
import { packageRoot } from '../helpers.js';
import { approvedCampaign, type FixtureAsset, fixtureAssets } from './repo.js';

/*
 * Tracking, decided once where the ledger is planned: GA4-recognised mediums, a distinct utm_content per
 * asset, variant and email, every variant's link recorded, {keyword} for Google Ads, no UTMs on the
 * company's own pages; and the link check that runs before anything is published.
 */

const CONFIG = `${readFileSync(join(packageRoot, '.github', 'crescendo.yml'), 'utf8')}
publishing:
  google-ads: { dryRun: true, customerId: 123-456-7890, dailyBudget: 25, maxCpc: 2.5 }
  linkedin-ads:
    { dryRun: true, adAccountId: 507404993, campaignGroupId: 635137195, organizationId: 2414183,
      currency: USD, dailyBudget: 50, bid: 8.5, locations: [urn:li:geo:103644278] }
  linkedin: { organizationId: 2414183 }
  x: {}
  email: { publisher: smtp, from: a@crescendo.dev, to: l@crescendo.dev, unsubscribeUrl: https://crescendo.dev/u }
  blog: { publisher: static-site, format: hugo, dir: site }
`;

const assets: FixtureAsset[] = [
  ...fixtureAssets(),
  { type: 'google-rsa', channel: 'google-ads', date: '2027-04-06', data: googleRsa() },
  { type: 'linkedin-ad', channel: 'linkedin-ads', date: '2027-04-06', data: linkedInAd() },
  {
    type: 'social-post',
    channel: 'linkedin',
    date: '2027-04-07',
    data: { ...socialPost(), slug: 'second-post', variants: [{ variantId: 'b', text: 'Another angle.' }] },
  },
];

describe('tracked links on the ledger', () => {
  const { ledger } = approvedCampaign(CONFIG, assets);
  const params = (link: string | undefined) => new URL(link ?? 'https://none.invalid').searchParams;

  it('uses a utm_medium that GA4 default channel grouping recognises, per channel', () => {
    const medium = Object.fromEntries(
      ledger.entries.map((e) => [e.channel, params(e.link).get('utm_medium')]),
    );
    expect(medium).toMatchObject({
      linkedin: 'social',
      x: 'social',
      email: 'email',
      'google-ads': 'cpc',
      'linkedin-ads': 'paid_social',
    });
  });

  it('records every variant and every email with a utm_content of its own', () => {
    const tracked = ledger.entries.filter((e) => e.link);
    expect(tracked.map((e) => `${e.channel}#${e.variant}${e.email ? `/${e.email}` : ''}`)).toEqual(
      expect.arrayContaining(['linkedin#a', 'linkedin#b', 'email#a/1', 'email#a/2']),
    );
    const contents = tracked.map((e) => params(e.link).get('utm_content'));
    expect(new Set(contents).size).toBe(contents.length);
    for (const entry of tracked) expect(params(entry.link).get('utm_campaign')).toBe('q2-2027-launch');
  });

  it('gives Google Ads the {keyword} ValueTrack parameter, not a hard-coded term', () => {
    for (const entry of ledger.entries.filter((e) => e.channel === 'google-ads')) {
      expect(entry.link).toContain('utm_term={keyword}');
    }
    for (const entry of ledger.entries.filter((e) => e.channel !== 'google-ads')) {
      expect(params(entry.link).has('utm_term')).toBe(false);
    }
  });

  it("puts no UTM parameters on the company's own pages, nor on links to other sites", () => {
    expect(ledger.entries.find((e) => e.channel === 'blog')?.link).toBeUndefined();
    const own = { campaignId: 'q2', content: 'post-a' };
    expect(trackedLink('https://crescendo.dev/pricing', { ...own, channel: 'blog' })).toBe(
      'https://crescendo.dev/pricing',
    );
    expect(
      trackedLink('https://partner.example.org/x', {
        ...own,
        channel: 'linkedin',
        siteHosts: ['crescendo.dev'],
      }),
    ).toBe('https://partner.example.org/x');
  });
});

describe('the link check before publishing', () => {
  const page = (html: string | undefined, approved = true): CrescendoPage => ({
    url: 'https://crescendo.dev/launch',
    path: 'content/q2/landing-page/2027-04-06-launch.md',
    approved,
    variants: [{ id: 'a', file: 'content/q2/landing-page/2027-04-06-launch.html', html }],
  });
  const ok = page('<main><a href="#form">Start</a><form id="form"></form></main>');

  it('says why a URL is not well-formed', () => {
    expect(malformed('https://crescendo.dev/launch?utm_source=x')).toBeUndefined();
    expect(malformed('/pricing')).toBeUndefined();
    expect(malformed('https://crescendo dev/launch')).toBe('contains spaces');
    expect(malformed('crescendo.dev/launch')).toBe('is not an absolute URL');
    expect(malformed('ftp://crescendo.dev/file')).toBe('uses ftp:, not http(s)');
    expect(malformed('https://crescendo/launch')).toBe('has no domain name');
  });

  it('holds links to pages Crescendo made to the page and the anchor existing, approved', () => {
    const ref = (url: string) => ({ where: 'content/q2/x/post.md', url });
    expect(checkLinks([ref('https://crescendo.dev/launch?utm_source=x#form')], [ok])).toEqual([]);
    expect(checkLinks([ref('https://www.crescendo.dev/launch/#pricing')], [ok])[0]?.message).toMatch(
      /no such anchor \(it has #form\)/,
    );
    expect(checkLinks([ref('https://crescendo.dev/launch')], [page(undefined)])[0]?.message).toMatch(
      /is missing/,
    );
    expect(checkLinks([ref('https://crescendo.dev/launch')], [page('<p></p>', false)])[0]?.message).toMatch(
      /not approved/,
    );
    // At publish time the merged distribution is the decision to go ahead; a missing anchor still stops it.
    expect(
      checkLinks([ref('https://crescendo.dev/launch')], [page('<p></p>', false)], { unapproved: 'allow' }),
    ).toEqual([]);
    expect(
      checkLinks([ref('https://crescendo.dev/launch#form')], [page('<p></p>', false)], {
        unapproved: 'allow',
      }),
    ).toHaveLength(1);
    expect(checkLinks([ref('https://elsewhere.example.org/#anything')], [ok])).toEqual([]);
  });

  it("checks a page's own in-page links", () => {
    expect(pageAnchorProblems(ok)).toEqual([]);
    expect(pageAnchorProblems(page('<a href="#signup">Go</a>'))[0]?.message).toBe(
      'the in-page link #signup reaches no element of the page',
    );
  });
});
