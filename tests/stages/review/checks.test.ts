import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BrandVoice } from '../../../actions/engine/artifacts/brand.js';
import { Brief } from '../../../actions/engine/artifacts/brief.js';
import type { ResearchReport } from '../../../actions/engine/artifacts/research.js';
import { brandCheck } from '../../../actions/engine/stages/review/checks/brand.js';
import { consistencyCheck, normalRange } from '../../../actions/engine/stages/review/checks/consistency.js';
import { ctaCheck } from '../../../actions/engine/stages/review/checks/cta.js';
import { factsCheck } from '../../../actions/engine/stages/review/checks/facts.js';
import { CODE_CHECK_LIST } from '../../../actions/engine/stages/review/checks/index.js';
import { limitsCheck } from '../../../actions/engine/stages/review/checks/limits.js';
import { linksCheck } from '../../../actions/engine/stages/review/checks/links.js';
import { seoCheck, targetWords } from '../../../actions/engine/stages/review/checks/seo.js';
import { sourcesCheck } from '../../../actions/engine/stages/review/checks/sources.js';
import { packageRoot } from '../../helpers.js';
import { assetFile, brand, brief, landing, lineWith, research, runCheck, sample } from './fixtures.js';

const blockers = <F extends { severity: string }>(r: { findings: F[] }): F[] =>
  r.findings.filter((f) => f.severity === 'blocker');

describe('the registry of code checks', () => {
  it('registers every check file of stages/review/checks', () => {
    const dir = join(packageRoot, 'actions/engine/stages/review/checks');
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''));
    expect(CODE_CHECK_LIST.map((c) => c.id).sort()).toEqual(files.sort());
  });
});

describe('limits: every rule of the asset type', () => {
  it('passes a valid asset', () => {
    expect(runCheck(limitsCheck, [assetFile('social-post', sample('social-post/2'))]).findings).toEqual([]);
  });

  it('blocks a broken limit at the line of the field', () => {
    const ad = sample('google-rsa/1');
    ad.headlines[2] = 'A headline far longer than thirty';
    const file = assetFile('google-rsa', ad);
    const [finding] = blockers(runCheck(limitsCheck, [file]));
    expect(finding).toMatchObject({ check: 'limits', by: 'code', path: file.path });
    expect(finding?.message).toMatch(/headlines\[2\]: headline 3 is 33 characters; the limit is 30/);
    expect(finding?.line).toBe(lineWith(file.text, 'A headline far longer than thirty'));
  });

  it('blocks a file that cannot be read as an asset', () => {
    const result = runCheck(limitsCheck, [
      { path: 'content/q2-2027-launch/blog/x.md', text: '# no front matter\n' },
    ]);
    expect(blockers(result)).toMatchObject([
      { line: 1, message: expect.stringMatching(/cannot be reviewed/) },
    ]);
  });
});

describe('links: every link and anchor resolves', () => {
  it('blocks anchors the landing page Crescendo made does not have, each at its line', () => {
    const email = assetFile('email-sequence', sample('email-sequence/1'));
    const result = runCheck(linksCheck, [landing(), email]);
    const found = blockers(result);
    expect(found.map((f) => f.quote)).toEqual([
      'https://www.example.com/automate#programs',
      'https://www.example.com/automate#scoring',
      'https://www.example.com/automate#demo',
      'https://www.example.com/automate#demo',
    ]);
    expect(found[0]?.line).toBe(lineWith(email.text, 'url: https://www.example.com/automate#programs'));
    expect(found[0]?.message).toMatch(
      /#programs, which does not exist on https:\/\/www\.example\.com\/automate/,
    );
    expect(found[0]?.message).toMatch(/#form/);
  });

  it('passes links to the page itself and to anchors it has', () => {
    const data = sample('email-sequence/1');
    data.emails.forEach((e, i) => {
      e.cta.url =
        i % 2 ? 'https://www.example.com/automate#form' : 'https://www.example.com/automate?ref=email';
    });
    const result = runCheck(linksCheck, [landing(), assetFile('email-sequence', data)]);
    expect(result.findings).toEqual([]);
  });

  it('blocks an in-page anchor the asset has no heading for, and names brand pages it did not make', () => {
    const post = sample('blog-post/1');
    post.sections[0]!.markdown += '\n\nJump to [the scorecard](#a-simple-scorecard) or [nowhere](#nowhere).';
    const file = assetFile('blog-post', post);
    const result = runCheck(linksCheck, [landing(), file]);
    expect(blockers(result)).toMatchObject([{ quote: '#nowhere', line: lineWith(file.text, '(#nowhere)') }]);
    expect(result.findings.filter((f) => f.severity === 'minor').map((f) => f.quote)).toEqual(['/pricing']);
  });
});

describe('cta: each call to action goes where its words say', () => {
  const withPages = Brief.parse({
    ...brief,
    landingPages: [
      { purpose: 'demo', url: 'https://www.example.com/demo' },
      { purpose: 'free trial', url: 'https://www.example.com/trial' },
    ],
  });
  const blogWith = (label: string, url: string) => {
    const post = sample('blog-post/1');
    post.cta = { label, url };
    post.variants = [];
    return assetFile('blog-post', post);
  };

  it('blocks "Book a demo" going to the trial page, naming the demo page', () => {
    const file = blogWith('Book a demo', 'https://www.example.com/trial');
    const [finding] = blockers(runCheck(ctaCheck, [file], { brief: withPages }));
    expect(finding?.message).toMatch(
      /promises a demo, but https:\/\/www\.example\.com\/trial is the page for a trial/,
    );
    expect(finding?.message).toMatch(/https:\/\/www\.example\.com\/demo/);
    expect(finding?.line).toBe(lineWith(file.text, 'label: Book a demo'));
  });

  it('passes "Book a demo" going to the demo page, and "Start your free trial" to the trial page', () => {
    const result = runCheck(
      ctaCheck,
      [blogWith('Book a demo', 'https://www.example.com/demo?utm_source=blog')],
      { brief: withPages },
    );
    expect(result.findings).toEqual([]);
    expect(
      runCheck(ctaCheck, [blogWith('Start your free trial', 'https://www.example.com/trial')], {
        brief: withPages,
      }).findings,
    ).toEqual([]);
  });

  it('holds a CTA against the purpose of the landing page Crescendo made (its form), as major', () => {
    const email = assetFile('email-sequence', sample('email-sequence/1'));
    const result = runCheck(ctaCheck, [landing(), email]);
    expect(result.findings.map((f) => [f.severity, f.quote])).toEqual([
      ['major', 'Book a 20-minute demo'],
      ['major', 'Book a 20-minute demo'],
    ]);
    expect(result.findings[0]?.message).toMatch(/is the page for a download/);
  });
});

describe('facts: product facts only from brand.yml; the rest are claims to verify', () => {
  const postSaying = (text: string) => {
    const post = sample('social-post/2');
    post.text = text;
    post.variants = [];
    return assetFile('social-post', post);
  };

  it('lets a sentence that states a product fact pass', () => {
    const file = postSaying(
      'Cadence Automate runs nurture programs, lead scoring and pipeline reporting in one place.',
    );
    expect(runCheck(factsCheck, [file]).claims).toEqual([]);
  });

  it('makes any other product statement and any statistic a claim at its line', () => {
    const file = postSaying(
      'Cadence Automate syncs with Salesforce in both directions.\n\nTeams cut their setup time by 40% in the first month.',
    );
    const { claims, findings } = runCheck(factsCheck, [file]);
    expect(findings).toEqual([]);
    expect(claims).toEqual([
      {
        path: file.path,
        line: lineWith(file.text, 'Cadence Automate syncs'),
        text: 'Cadence Automate syncs with Salesforce in both directions.',
        kind: 'product',
      },
      {
        path: file.path,
        line: lineWith(file.text, 'Teams cut'),
        text: 'Teams cut their setup time by 40% in the first month.',
        kind: 'statistic',
      },
    ]);
  });

  it("reads a landing page's benefits, figures and testimonials as claims", () => {
    const page = sample('landing-page/1');
    page.proof.testimonials = [{ quote: 'We launched nurture in a week.', name: 'Ana Ruiz' }];
    const claims = runCheck(factsCheck, [assetFile('landing-page', page)]).claims.map((c) => [
      c.kind,
      c.text,
    ]);
    expect(claims).toContainEqual(['statistic', '2-way CRM sync with Salesforce and HubSpot CRM']);
    expect(claims).toContainEqual(['fact', 'Testimonial: “We launched nurture in a week.”']);
    expect(claims).toContainEqual([
      'product',
      'Guided SPF, DKIM and DMARC set-up, one-click unsubscribe on every email and sending limits that protect your domain.',
    ]);
  });
});

describe('sources: no "Source:" shown to prospects unless it cites a real source', () => {
  it('blocks the invented "product specification" captions at their lines', () => {
    const file = landing();
    const found = blockers(runCheck(sourcesCheck, [file]));
    expect(found.map((f) => f.line)).toEqual([
      lineWith(file.text, 'source: Cadence Automate product specification'),
      lineWith(file.text, 'source: Cadence Automate integrations list'),
    ]);
    expect(found[0]?.message).toMatch(/cites nothing a prospect can check/);
  });

  it('passes a figure sourced from the research (with its address) or from a web address', () => {
    const withSource: ResearchReport = {
      ...research,
      sources: [
        ...research.sources,
        {
          id: 'S9',
          title: 'State of B2B Email 2027',
          url: 'https://example.org/state-of-email',
          kind: 'web',
        },
      ],
    };
    const page = sample('landing-page/1');
    page.proof.stats[0]!.source = 'State of B2B Email 2027';
    page.proof.stats[1]!.source = 'Vendor benchmark, https://example.org/bench';
    expect(
      runCheck(sourcesCheck, [assetFile('landing-page', page)], { research: withSource }).findings,
    ).toEqual([]);
  });

  it('blocks a "Source:" caption in the copy that cites nothing checkable', () => {
    const post = sample('blog-post/1');
    post.sections[1]!.markdown += '\n\nSource: internal product data';
    const file = assetFile('blog-post', post);
    expect(blockers(runCheck(sourcesCheck, [file]))).toMatchObject([
      { quote: 'Source: internal product data', line: lineWith(file.text, 'Source: internal product data') },
    ]);
  });
});

describe('consistency: the same fact stated the same way across assets', () => {
  it('flags "one to five", "two to five" and "a team of two" in each asset, naming the others', () => {
    const files = [
      landing(),
      assetFile('blog-post', sample('blog-post/1')),
      assetFile('lead-magnet', sample('lead-magnet/1')),
    ];
    const result = runCheck(consistencyCheck, files);
    expect(result.findings.map((f) => [f.path.split('/')[2], f.quote, f.severity])).toEqual([
      ['landing-page', 'team of two', 'major'],
      ['blog', 'team is two to five people', 'major'],
      ['lead-magnet', 'teams of one to five', 'major'],
    ]);
    expect(result.findings[0]?.line).toBe(lineWith(files[0]!.text, 'so a team of two can'));
    expect(result.findings[0]?.message).toMatch(/elsewhere: “team is two to five people” in blog\//);
  });

  it('passes when every asset says it the same way', () => {
    const page = sample('landing-page/1');
    page.hero.subheadline = page.hero.subheadline.replace('a team of two', 'a team of two to five');
    const magnet = sample('lead-magnet/1');
    magnet.subtitle = magnet.subtitle?.replace('one to five', 'two to five');
    const files = [
      assetFile('landing-page', page),
      assetFile('blog-post', sample('blog-post/1')),
      assetFile('lead-magnet', magnet),
    ];
    expect(runCheck(consistencyCheck, files).findings).toEqual([]);
  });

  it('normalises how a range is written', () => {
    expect([
      normalRange('two to five'),
      normalRange('2–5'),
      normalRange('two'),
      normalRange('1 or 2'),
    ]).toEqual(['2–5', '2–5', '2', '1–2']);
  });
});

describe("brand: brand.yml's words and disclaimers", () => {
  it('passes on-brand copy', () => {
    expect(runCheck(brandCheck, [assetFile('blog-post', sample('blog-post/1'))]).findings).toEqual([]);
  });

  it('blocks a word to avoid at its line and a missing disclaimer; notes copy without the words to use', () => {
    const strict = BrandVoice.parse({
      ...brand,
      requiredDisclaimers: [{ text: 'Results vary by team.', appliesTo: ['blog-post'] }],
      wordsToUse: ['orchestration'],
    });
    const post = sample('blog-post/1');
    post.sections[0]!.markdown += '\n\nA revolutionary way to run nurture.';
    const file = assetFile('blog-post', post, { brand: strict });
    const result = runCheck(brandCheck, [file], { brand: strict });
    expect(result.findings).toMatchObject([
      {
        severity: 'blocker',
        message: 'uses “revolutionary”; brand.yml lists “revolutionary” under wordsToAvoid',
      },
      {
        severity: 'blocker',
        message: 'the required disclaimer “Results vary by team.” (brand.yml) is missing',
      },
      { severity: 'minor', message: "uses none of brand.yml's words to use (orchestration)" },
    ]);
    expect(result.findings[0]?.line).toBe(lineWith(file.text, 'A revolutionary way'));
  });
});

describe('seo: basics for the keyword, length for its competition', () => {
  const difficult = (difficulty: number): ResearchReport => ({
    ...research,
    keywords: research.keywords.map((k) =>
      k.keyword === 'marketing automation software' ? { ...k, difficulty } : k,
    ),
  });

  it('asks for a longer post when the keyword is contested, and an H2 with the keyword', () => {
    const file = assetFile('blog-post', sample('blog-post/1'));
    const result = runCheck(seoCheck, [file], { research: difficult(70) });
    expect(result.findings.map((f) => [f.severity, f.message.replace(/\d{3,}/g, 'N')])).toEqual([
      ['major', 'the post is N words; for “marketing automation software” (difficulty 70) aim for about N'],
      [
        'minor',
        'no section heading contains “marketing automation software”; put it in one H2 where it reads naturally',
      ],
    ]);
    expect(result.findings[0]?.message).toMatch(/about 1800/);
  });

  it('passes a post long enough for its keyword, with the keyword in a heading', () => {
    const post = sample('blog-post/1');
    post.sections[0]!.heading = 'Why choosing marketing automation software is hard';
    post.sections.push({
      heading: 'In depth',
      level: 2,
      markdown: 'Nurture and pipeline detail. '.repeat(260),
    });
    const result = runCheck(seoCheck, [assetFile('blog-post', post)], { research: difficult(20) });
    expect(result.findings).toEqual([]);
  });

  it('sets the length target by difficulty, else by volume', () => {
    expect([
      targetWords({ difficulty: 10 }),
      targetWords({ difficulty: 45 }),
      targetWords({ difficulty: 80 }),
    ]).toEqual([800, 1200, 1800]);
    expect([
      targetWords({ monthlySearchVolume: 500 }),
      targetWords({ monthlySearchVolume: 20000 }),
      targetWords(undefined),
    ]).toEqual([800, 1500, 800]);
  });
});
