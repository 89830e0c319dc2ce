import { describe, expect, it } from 'vitest';
import {
  channelFor,
  metricChannel,
  splitSourceMedium,
  withLedger,
} from '../../actions/engine/importers/channel-grouping.js';

describe('source/medium → channel (GA4 default channel grouping, narrowed to Crescendo channels)', () => {
  it.each([
    ['google', 'cpc', 'google-ads'],
    ['google', 'ppc', 'google-ads'],
    ['google', 'paid_search', 'google-ads'],
    ['bing', 'cpc', 'paid-search-other'],
    ['linkedin', 'paid_social', 'linkedin-ads'],
    ['lnkd.in', 'cpc', 'linkedin-ads'],
    ['facebook', 'paid_social', 'meta-ads'],
    ['m.facebook.com', 'cpc', 'meta-ads'],
    ['reddit', 'cpc', 'paid-social-other'],
    ['linkedin', 'social', 'linkedin'],
    ['www.linkedin.com', 'referral', 'linkedin'],
    ['x', 'social', 'x'],
    ['t.co', 'referral', 'x'],
    ['facebook', 'social', 'organic-social-other'],
    ['newsletter', 'sm', 'organic-social-other'],
    ['google', 'organic', 'blog'],
    ['duckduckgo', 'referral', 'blog'],
    ['email', 'email', 'email'],
    ['mailchimp', 'email', 'email'],
    ['Newsletter', 'E-mail', 'email'],
    ['(direct)', '(none)', 'direct'],
    ['partner.example.org', 'referral', 'referral'],
    ['partner', 'display', 'other'],
    ['partner', 'affiliate', 'other'],
    ['partner', 'cpm', 'other'],
    ['blog', 'owned', 'blog'],
    ['lead-magnet', 'owned', 'lead-magnet'],
    ['landing-page', 'owned', 'landing-page'],
    ['something', 'else', 'unassigned'],
  ])('%s / %s → %s', (source, medium, channel) => {
    expect(channelFor(source, medium)).toBe(channel);
  });

  it('counts a cross-network campaign as other, whatever its medium', () => {
    expect(channelFor('google', 'cpc', 'pmax cross-network spring')).toBe('other');
  });

  it('splits GA4 "source / medium" and reads "(not set)" as empty', () => {
    expect(splitSourceMedium('google / cpc')).toEqual({ source: 'google', medium: 'cpc' });
    expect(splitSourceMedium('(not set) / (not set)')).toEqual({ source: '', medium: '' });
    expect(splitSourceMedium('(direct) / (none)')).toEqual({ source: '(direct)', medium: '' });
  });

  it('reads channel names as people write them, including channels outside the plan', () => {
    expect(metricChannel('LinkedIn Ads')).toBe('linkedin-ads');
    expect(metricChannel('SEO')).toBe('blog');
    expect(metricChannel('lead-magnet')).toBe('lead-magnet');
    expect(metricChannel('Paid search other')).toBe('paid-search-other');
    expect(metricChannel('fax')).toBeUndefined();
  });

  it('takes the ledger channel only when the source could not tell', () => {
    const ledger = { 'launch-a': 'x' as const };
    expect(withLedger('unassigned', 'launch-a', ledger)).toBe('x');
    expect(withLedger('email', 'launch-a', ledger)).toBe('email');
    expect(withLedger('unassigned', 'other-a', ledger)).toBe('unassigned');
  });
});
