import {
  type AssetContext,
  type AssetData,
  type AssetType,
  BrandVoice,
  type ContentProblem,
} from '../../actions/engine/assets/index.js';

export const brand: BrandVoice = BrandVoice.parse({
  name: 'Crescendo',
  tone: 'Professional yet approachable',
  audience: 'Marketing managers at B2B companies',
  website: 'https://crescendo.dev',
  productFacts: ['Crescendo cuts campaign setup time by 40%', 'Every stage opens a pull request'],
  wordsToUse: ['pull request', 'campaign'],
  wordsToAvoid: ['synergy', 'best-in-class'],
  postalAddress: '1 Main Street, Springfield',
});

export function context(type: AssetType, overrides: Partial<AssetContext> = {}): AssetContext {
  return {
    type,
    // A social post's network is its channel.
    channel: type === 'social-post' ? 'x' : 'blog',
    keyword: 'marketing automation',
    date: '2026-03-02',
    message: 'Run your marketing as code',
    brand,
    campaignId: 'q2-launch',
    landingUrl: 'https://crescendo.dev/launch',
    ...overrides,
  };
}

/** `n` copies of a character: the exact-length strings the boundary tests need. */
export const chars = (n: number, ch = 'x'): string => ch.repeat(n);

/** A sentence padded with "x" to exactly `n` characters. */
export const text = (n: number, start = 'Marketing automation for teams'): string =>
  start.length >= n ? start.slice(0, n) : `${start} ${chars(n - start.length - 1)}`;

const words = (n: number): string => Array.from({ length: n }, (_, i) => `word${i + 1}`).join(' ');

export function blogPost(): AssetData<'blog-post'> {
  return {
    title: 'Marketing automation that ships as pull requests',
    metaDescription: text(
      140,
      'Marketing automation for B2B teams: every stage of a campaign is a pull request you review, merge and measure, in one repository.',
    ),
    slug: 'marketing-automation-pull-requests',
    h1: 'Marketing automation, reviewed like code',
    sections: [
      {
        heading: 'Why review marketing like code',
        level: 2,
        markdown: `Marketing automation works best when people review it. ${words(20)}\n\nSee [our pricing](/pricing).`,
      },
      { heading: 'How the stages fit', level: 3, markdown: `${words(30)}` },
      { heading: 'Getting started', level: 2, markdown: 'Open an issue from the campaign form.' },
    ],
    internalLinks: [{ anchorText: 'How it works', url: 'https://crescendo.dev/how-it-works' }],
    cta: { label: 'Start a campaign', url: 'https://crescendo.dev/start' },
  };
}

export function landingPage(): AssetData<'landing-page'> {
  return {
    slug: 'q2-launch',
    title: 'Marketing automation as code | Crescendo',
    metaDescription: text(140),
    hero: {
      headline: 'Marketing automation your team can review',
      subheadline: 'Every campaign stage is a pull request.',
      ctaLabel: 'Get the demo',
    },
    benefitsHeading: 'Why teams switch',
    benefits: [
      { title: 'Reviewable', description: 'Every change is a **diff**.' },
      { title: 'Revertible', description: 'Undo a stage with one click.' },
      { title: 'Measurable', description: 'Reports land as pull requests.' },
    ],
    proofHeading: 'Teams ship faster',
    proof: {
      testimonials: [
        { quote: 'We launched in a week.', name: 'Ada Lovelace', role: 'CMO', company: 'Analytical' },
      ],
      stats: [{ value: '40%', label: 'less setup time', source: 'Crescendo customer survey 2026' }],
    },
    form: {
      heading: 'Book your demo',
      fields: [
        { name: 'work_email', label: 'Work email', type: 'email', required: true },
        { name: 'company', label: 'Company', type: 'text', required: false },
      ],
      submitLabel: 'Book my demo',
    },
  };
}

export function emailSequence(): AssetData<'email-sequence'> {
  return {
    name: 'Trial onboarding',
    slug: 'trial-onboarding',
    emails: [
      {
        subject: 'Welcome to Crescendo',
        preheader: 'Your first campaign is one issue away: here is how to open it.',
        body: 'Hi there,\n\nOpen an issue from the **campaign form** and watch the [research stage](https://crescendo.dev/docs/research) start.',
        sendOffsetDays: 0,
        cta: { label: 'Open your first issue', url: 'https://crescendo.dev/start' },
      },
      {
        subject: 'Your strategy pull request is ready',
        preheader: 'Merge it to approve the plan, or comment to ask for a revision.',
        body: 'Review the strategy like code.',
        sendOffsetDays: 3,
        cta: { label: 'Review the strategy', url: 'https://crescendo.dev/strategy' },
      },
    ],
  };
}

export function socialPost(): AssetData<'social-post'> {
  return {
    slug: 'launch-post',
    text: 'Marketing automation you can review like code.',
    link: 'https://crescendo.dev/launch',
    hashtags: ['MarketingOps'],
  };
}

export function googleRsa(): AssetData<'google-rsa'> {
  return {
    slug: 'brand-search',
    headlines: ['Marketing Automation as Code', 'Review Every Campaign', 'Start Free Today'],
    descriptions: [
      'Every campaign stage is a pull request your team reviews and merges.',
      'Research, strategy, content and reports in one repository.',
    ],
    finalUrl: 'https://crescendo.dev/launch',
    path1: 'automation',
    path2: 'demo',
  };
}

export function linkedInAd(): AssetData<'linkedin-ad'> {
  return {
    slug: 'demo-ad',
    introText: 'Marketing teams ship campaigns as pull requests with Crescendo.',
    headline: 'Marketing automation you can review',
    description: 'Book a 20 minute demo.',
    destinationUrl: 'https://crescendo.dev/launch',
    callToAction: 'REQUEST_DEMO',
  };
}

export function leadMagnet(): AssetData<'lead-magnet'> {
  return {
    kind: 'ebook',
    slug: 'marketing-as-code-guide',
    title: 'The marketing-as-code guide',
    outline: ['Why', 'How'],
    chapters: [
      { title: 'Why', markdown: 'Because review helps.\n\n## A subheading\n\nText.' },
      { title: 'How', markdown: 'Open an issue.' },
    ],
  };
}

export const errors = (problems: readonly ContentProblem[]): ContentProblem[] =>
  problems.filter((p) => p.severity === 'error');
export const warnings = (problems: readonly ContentProblem[]): ContentProblem[] =>
  problems.filter((p) => p.severity === 'warning');
