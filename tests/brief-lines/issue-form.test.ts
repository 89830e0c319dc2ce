import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHANNEL_OPTIONS } from '../../actions/engine/action/issue-form/campaign-form.js';
import { parseCampaignIssue } from '../../actions/engine/action/issue-form/issue-form.js';
import { Brief } from '../../actions/engine/artifacts/brief.js';
import type { Problem } from '../../actions/engine/errors.js';

const TEMPLATE = readFileSync(
  fileURLToPath(new URL('../../.github/ISSUE_TEMPLATE/campaign.yml', import.meta.url)),
  'utf8',
);
const TICKED = new Set(['Blog / SEO', 'LinkedIn (organic)', 'X (Twitter)', 'Email', 'LinkedIn Ads']);

/** The workflow's reference scenario, typed into the form as a marketer would. */
const SCENARIO: Record<string, string> = {
  'Campaign name': 'Q2 2027 Product Launch',
  'Campaign id': '_No response_',
  Product: 'Cadence Automate',
  'Landing page URL': 'https://www.example.com/automate',
  Objectives: [
    '500 MQLs by end of Q2 — Build Q3 pipeline',
    '50K website visitors this quarter',
    '5% blog growth from 20,000 visitors a month by end of Q2',
  ].join('\n'),
  Audience: 'Marketing managers and marketing-ops leads at B2B software companies with 50–500 employees',
  Industries: 'SaaS, Tech, Consulting',
  Channels: CHANNEL_OPTIONS.map((label) => `- [${TICKED.has(label) ? 'X' : ' '}] ${label}`).join('\n'),
  'Budget amount': '$45K',
  'Budget currency': 'USD (US dollar)',
  'Start date': '2027-04-01',
  'End date': '2027-06-30',
  Tone: 'Professional yet approachable',
  'Known competitors': 'HubSpot\nMarketo\nActiveCampaign',
  'Assets requested': [
    '- 8 blog posts (SEO-optimized)',
    '- 2 lead magnets (ebook, template)',
    '- 2 landing pages (trial, demo)',
    '- 3 email sequences (welcome, nurture, promotional)',
    '- 40 social posts (LinkedIn, Twitter)',
    '- LinkedIn Ads for both lead magnets',
  ].join('\n'),
  'Publishing cadence':
    'Blog: 2 posts/week\nEmail: Weekly newsletter + nurture sequences\nSocial: Daily posts',
  Region: 'North America',
  'Time zone': 'ET',
  'MQL definition': 'Lead score of 50 or more: a manager or above at a 50–500 person B2B company',
  'Model spend cap (USD)': '_No response_',
};

function issue(overrides: Record<string, string> = {}) {
  const body = Object.entries({ ...SCENARIO, ...overrides })
    .map(([label, value]) => `### ${label}\n\n${value}`)
    .join('\n\n');
  return { title: 'Campaign: Q2 2027 Product Launch', body, number: 7, templateYaml: TEMPLATE };
}

function problemsOf(overrides: Record<string, string>): Problem[] {
  const result = parseCampaignIssue(issue(overrides));
  if (result.ok) throw new Error(`expected problems, got ${JSON.stringify(result.brief)}`);
  return result.problems;
}

describe('the reference scenario through the campaign issue form', () => {
  it('reads into a valid Brief holding every fact the marketer gave', () => {
    const result = parseCampaignIssue(issue());
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const brief = result.brief;
    expect(Brief.safeParse(brief).success).toBe(true);
    expect(brief.objectives).toEqual([
      {
        metric: 'mqls',
        target: 500,
        unit: 'count',
        deadline: '2027-06-30',
        description: '500 MQLs by end of Q2',
        businessGoal: 'Build Q3 pipeline',
      },
      {
        metric: 'visitors',
        target: 50_000,
        unit: 'count',
        deadline: '2027-06-30',
        description: '50K website visitors this quarter',
      },
      {
        metric: 'visitors',
        target: 21_000,
        unit: 'count',
        deadline: '2027-06-30',
        description: '5% blog growth from 20,000 visitors a month by end of Q2',
        channel: 'blog',
        baseline: 20_000,
        growth: 5,
        period: 'month',
      },
    ]);
    expect(brief.budget).toEqual({ amount: 45_000, currency: 'USD' });
    expect(brief.channels).toEqual(['blog', 'linkedin', 'x', 'email', 'linkedin-ads']);
    expect(brief.assets).toEqual([
      { type: 'blog-post', count: 8, notes: ['SEO-optimized'] },
      { type: 'lead-magnet', count: 2, names: ['ebook', 'template'] },
      { type: 'landing-page', count: 2, names: ['trial', 'demo'] },
      { type: 'email-sequence', count: 3, names: ['welcome', 'nurture', 'promotional'] },
      {
        type: 'social-post',
        count: 40,
        platforms: [
          { platform: 'linkedin', count: 20 },
          { platform: 'x', count: 20 },
        ],
      },
      { type: 'linkedin-ad', count: 2, promotes: 'lead-magnet', names: ['ebook', 'template'] },
    ]);
    expect(brief.cadence).toEqual([
      { channel: 'blog', times: 2, unit: 'week', what: 'posts' },
      { channel: 'email', times: 1, unit: 'week', what: 'newsletter' },
      { channel: 'linkedin', times: 1, unit: 'day', what: 'posts' },
      { channel: 'x', times: 1, unit: 'day', what: 'posts' },
    ]);
    expect(brief).toMatchObject({
      region: 'North America',
      timeZone: 'America/New_York',
      mqlDefinition: 'Lead score of 50 or more: a manager or above at a 50–500 person B2B company',
    });
    expect(brief.landingPages).toBeUndefined();
  });

  it('reads the objectives written on one line as the workflow writes them, once the baseline is given', () => {
    const result = parseCampaignIssue(
      issue({
        Objectives:
          '500 MQLs, 50K website visitors and 5% blog growth (from 20K visitors a month) in a quarter',
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      brief: {
        objectives: [
          { metric: 'mqls', target: 500, deadline: '2027-06-30' },
          { metric: 'visitors', target: 50_000, deadline: '2027-06-30' },
          { metric: 'visitors', target: 21_000, baseline: 20_000, growth: 5, channel: 'blog' },
        ],
      },
    });
  });

  it('asks for the missing baseline with one question quoting the line', () => {
    const line = '500 MQLs, 50K website visitors and 5% blog growth in a quarter';
    expect(problemsOf({ Objectives: line })).toEqual([
      {
        where: 'Objectives line 1',
        message:
          '`500 MQLs, 50K website visitors and 5% blog growth in a quarter`: 5% more blog visitors than what? Add the figure it grows from, like `5% blog growth from 20,000 blog visitors a month in a quarter`',
      },
    ]);
  });

  it('keeps landing page addresses written with their purposes', () => {
    const result = parseCampaignIssue(
      issue({
        'Assets requested':
          '2 landing pages (trial: https://www.example.com/trial, demo: https://www.example.com/demo)',
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      brief: {
        assets: [{ type: 'landing-page', count: 2, names: ['trial', 'demo'] }],
        landingPages: [
          { purpose: 'trial', url: 'https://www.example.com/trial' },
          { purpose: 'demo', url: 'https://www.example.com/demo' },
        ],
      },
    });
  });

  it('reads the phrasings that used to be refused', () => {
    const result = parseCampaignIssue(
      issue({
        Objectives: [
          'Generate 400 marketing-qualified leads by 2027-06-30',
          'Book 60 sales demos by June 15',
          'Grow organic sessions by 30% from 12,000 by 2027-06-30',
        ].join('\n'),
        'Budget amount': '45,000 USD',
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      brief: {
        objectives: [
          { metric: 'mqls', target: 400 },
          { metric: 'demos', target: 60, deadline: '2027-06-15' },
          { metric: 'sessions', target: 15_600, channel: 'blog' },
        ],
        budget: { amount: 45_000, currency: 'USD' },
      },
    });
  });

  it('names the field and line of every question, in the order of the form', () => {
    expect(
      problemsOf({
        Objectives: '500 MQLs by end of Q2\nGrow organic sessions by 30% by 2027-06-30',
        'Assets requested': '3 email sequences (welcome, nurture)\n40 social posts (mostly LinkedIn)',
        'Publishing cadence': 'biweekly webinar',
        'Time zone': 'IST',
        'MQL definition': 'standard',
      }),
    ).toEqual([
      {
        where: 'Objectives line 2',
        message: expect.stringContaining('30% more organic sessions than what?'),
      },
      {
        where: 'Assets requested line 1',
        message: expect.stringContaining('but 2 named (welcome, nurture)'),
      },
      { where: 'Assets requested line 2', message: expect.stringContaining('how many of the 40 posts') },
      {
        where: 'Publishing cadence line 1',
        message: expect.stringContaining('twice a week, or every two weeks?'),
      },
      { where: 'Time zone', message: expect.stringContaining('which zone') },
      { where: 'MQL definition', message: expect.stringContaining('what makes a lead an MQL') },
    ]);
  });

  it('reports a deadline outside the campaign dates under its line', () => {
    expect(problemsOf({ Objectives: '500 MQLs by end of Q3' })).toEqual([
      {
        where: 'Objectives line 1',
        message: expect.stringContaining('2027-09-30 is outside the time frame'),
      },
    ]);
  });
});
