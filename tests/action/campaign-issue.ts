import { CHANNEL_OPTIONS } from '../../actions/engine/action/issue-form/campaign-form.js';

/** The example brief (scripts/demo/brief.yml, id q2-2027-launch) as a submitted campaign form, in its words. */
export const EXAMPLE_ANSWERS: Record<string, string> = {
  'Campaign name': 'Q2 2027 Product Launch',
  'Campaign id': 'q2-2027-launch',
  Product: 'Cadence Automate',
  'Landing page URL': 'https://www.example.com/automate',
  Objectives: [
    '500 MQLs by end of Q2 — Build Q3 sales pipeline for the new automation tier',
    '50K website visitors by end of Q2 — Grow awareness of the automation tier among marketing managers',
    '5% blog growth from 12,000 visitors a month by end of Q2 — Durable organic reach after the launch',
  ].join('\n'),
  Audience:
    'Marketing managers and marketing-ops leads at B2B software and consulting companies with 50–500 employees',
  Industries: 'SaaS, Tech, Consulting',
  Channels: CHANNEL_OPTIONS.map(
    (label) =>
      `- [${['Blog / SEO', 'LinkedIn (organic)', 'X (Twitter)', 'Email', 'Google Ads', 'LinkedIn Ads'].includes(label) ? 'X' : ' '}] ${label}`,
  ).join('\n'),
  'Budget amount': '$45K',
  'Budget currency': 'USD (US dollar)',
  'Start date': '2027-04-01',
  'End date': '2027-06-30',
  Tone: 'Professional yet approachable',
  'Known competitors': 'HubSpot\nMarketo\nActiveCampaign',
  'Assets requested': [
    '8 blog posts (SEO-optimized)',
    '2 lead magnets (ebook, template)',
    '2 landing pages (trial: https://www.example.com/trial, demo: https://www.example.com/demo)',
    '3 email sequences (welcome, nurture, promotional)',
    '40 social posts (LinkedIn, Twitter)',
    'Google Ads for both lead magnets',
    'LinkedIn Ads for both lead magnets',
  ].join('\n'),
  'Publishing cadence':
    'Blog: 2 posts/week\nEmail: Weekly newsletter + nurture sequences\nSocial: Daily posts',
  Region: 'North America',
  'Time zone': 'ET',
  'MQL definition':
    'Lead score of 60 or more, or a demo request, from a manager or above at a 50–500 person B2B company',
  'Model spend cap (USD)': '_No response_',
};

export function formBody(overrides: Record<string, string> = {}): string {
  return Object.entries({ ...EXAMPLE_ANSWERS, ...overrides })
    .map(([label, value]) => `### ${label}\n\n${value}`)
    .join('\n\n');
}
