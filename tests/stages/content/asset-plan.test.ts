import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Brief } from '../../../actions/engine/artifacts/brief.js';
import { ResearchData } from '../../../actions/engine/artifacts/research.js';
import type { StrategyData } from '../../../actions/engine/artifacts/strategy.js';
import { type PlannedAsset, planAssets } from '../../../actions/engine/stages/content/asset-plan.js';
import { exampleBrief, samplesDir } from '../../helpers.js';
import { demoBenchmarks, demoProposal, strategyOf } from '../strategy/fixtures.js';

const brief = exampleBrief();
const research = ResearchData.parse(JSON.parse(readFileSync(join(samplesDir, 'research.json'), 'utf8')));
const DISTRIBUTION = { id: 'distribution', name: 'Distribution', start: '2027-04-26', end: '2027-06-28' };
const strategy: StrategyData = {
  ...strategyOf(brief, demoProposal, demoBenchmarks),
  phases: [DISTRIBUTION],
};
const plan = planAssets(brief, strategy, research);
const ofType = (type: string, p: PlannedAsset[] = plan) =>
  p.filter((a) => a.type === type).sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
const pick = (a: PlannedAsset) => ({
  key: a.key,
  ...(a.name ? { name: a.name } : {}),
  ...(a.landingUrl ? { landingUrl: a.landingUrl } : {}),
  ...(a.promotes ? { promotes: a.promotes } : {}),
});

describe('the asset plan of the workflow’s example', () => {
  it('has every item the brief asks for, plus the weekly newsletter, once each', () => {
    const requested = brief.assets.reduce((n, a) => n + a.count, 0);
    expect(requested).toBe(59);
    expect(plan).toHaveLength(60);
    expect(new Set(plan.map((a) => a.key)).size).toBe(60);
    expect(plan.every((a) => a.date >= DISTRIBUTION.start && a.date <= DISTRIBUTION.end)).toBe(true);
  });

  it('splits the 40 social posts across LinkedIn and X as the line says, one a day each', () => {
    const social = ofType('social-post');
    expect(social.filter((a) => a.channel === 'linkedin').map((a) => a.key)).toEqual(
      Array.from({ length: 20 }, (_, i) => `social-post/${i + 1}`),
    );
    expect(social.filter((a) => a.channel === 'x')).toHaveLength(20);
    for (const channel of ['linkedin', 'x']) {
      const dates = social.filter((a) => a.channel === channel).map((a) => a.date);
      expect(dates[0]).toBe('2027-04-26');
      expect(dates[19]).toBe('2027-05-15'); // "Social: Daily posts": 20 consecutive days
      expect(new Set(dates).size).toBe(20);
    }
  });

  it('names each sequence, lead magnet and landing page, with each page at its own address', () => {
    expect(ofType('email-sequence').map(pick)).toEqual([
      { key: 'email-sequence/1', name: 'welcome' },
      { key: 'email-sequence/2', name: 'nurture' },
      { key: 'email-sequence/3', name: 'promotional' },
      { key: 'email-sequence/4', name: 'newsletter' },
    ]);
    expect(ofType('lead-magnet').map(pick)).toEqual([
      { key: 'lead-magnet/1', name: 'ebook' },
      { key: 'lead-magnet/2', name: 'template' },
    ]);
    expect(ofType('landing-page').map(pick)).toEqual([
      { key: 'landing-page/1', name: 'trial', landingUrl: 'https://www.example.com/trial' },
      { key: 'landing-page/2', name: 'demo', landingUrl: 'https://www.example.com/demo' },
    ]);
  });

  it('gives Google Ads and LinkedIn Ads one ad for each lead magnet', () => {
    for (const type of ['google-rsa', 'linkedin-ad']) {
      expect(ofType(type).map((a) => a.promotes)).toEqual([
        { key: 'lead-magnet/1', name: 'ebook' },
        { key: 'lead-magnet/2', name: 'template' },
      ]);
    }
  });

  it('publishes the blog at two posts a week, each post for a different keyword, highest volume first', () => {
    const posts = ofType('blog-post');
    expect(posts.map((a) => a.date)).toEqual([
      '2027-04-26',
      '2027-04-29',
      '2027-05-03',
      '2027-05-06',
      '2027-05-10',
      '2027-05-13',
      '2027-05-17',
      '2027-05-20',
    ]);
    const byVolume = [...research.keywords].sort((a, b) => b.monthlySearchVolume - a.monthlySearchVolume);
    expect(posts.map((a) => a.keyword)).toEqual(byVolume.slice(0, 8).map((k) => k.keyword));
    expect(posts[0]?.notes).toEqual(['SEO-optimized']);
  });

  it('sends the newsletter every week of distribution, and ads target commercial keywords', () => {
    const newsletter = ofType('email-sequence').find((a) => a.name === 'newsletter');
    expect(newsletter?.sendDays).toEqual([0, 7, 14, 21, 28, 35, 42, 49, 56, 63]);
    const commercial = new Set(
      research.keywords.filter((k) => k.intent === 'commercial').map((k) => k.keyword),
    );
    for (const a of [...ofType('google-rsa'), ...ofType('landing-page')])
      expect(commercial.has(a.keyword ?? '')).toBe(true);
    expect(ofType('linkedin-ad').every((a) => a.keyword === undefined)).toBe(true);
  });
});

describe('the asset plan of other briefs', () => {
  const withLines = (changes: Partial<Brief>): PlannedAsset[] =>
    planAssets({ ...brief, ...changes }, strategy, research);

  it('without a split, social posts alternate over the campaign’s social channels', () => {
    const p = withLines({ assets: [{ type: 'social-post', count: 3 }], cadence: undefined });
    expect(ofType('social-post', p).map((a) => a.channel)).toEqual(['linkedin', 'linkedin', 'x']);
    expect(p.find((a) => a.key === 'social-post/3')?.channel).toBe('x');
  });

  it('without a cadence, items spread evenly over distribution; no newsletter without an email cadence', () => {
    const p = withLines({ assets: [{ type: 'blog-post', count: 3 }], cadence: undefined });
    expect(p.map((a) => a.date)).toEqual(['2027-04-26', '2027-05-28', '2027-06-28']);
  });

  it('a cadence too slow for the count spreads the items over the phase instead of running past it', () => {
    const p = withLines({
      assets: [{ type: 'blog-post', count: 20 }],
      cadence: [{ channel: 'blog', times: 1, unit: 'week' }],
    });
    expect(p.at(-1)?.date).toBe(DISTRIBUTION.end);
  });

  it('a brief that names the newsletter among its sequences gets no second one', () => {
    const p = withLines({
      assets: [{ type: 'email-sequence', count: 2, names: ['welcome', 'newsletter'] }],
    });
    expect(ofType('email-sequence', p).map((a) => a.name)).toEqual(['welcome', 'newsletter']);
  });
});
