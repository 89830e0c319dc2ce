import { CHANNEL_OPTIONS } from '../../actions/engine/action/issue-form/campaign-form.js';

/** The example brief (scripts/demo/brief.yml, id q2-2027-launch) as a submitted campaign form. */
export const EXAMPLE_ANSWERS: Record<string, string> = {
  'Campaign name': 'Q2 2027 Product Launch',
  'Campaign id': 'q2-2027-launch',
  Product: 'Cadence Automate',
  'Landing page URL': 'https://www.example.com/automate',
  Objectives: [
    '500 MQLs by 2027-06-30 — Build Q3 sales pipeline for the new automation tier',
    '50000 visitors by 2027-06-30 — Grow awareness of the automation tier among marketing managers',
  ].join('\n'),
  Audience:
    'Marketing managers and marketing-ops leads at B2B software and consulting companies with 50–500 employees',
  Industries: 'SaaS, Tech, Consulting',
  Channels: CHANNEL_OPTIONS.map(
    (label) =>
      `- [${['Blog / SEO', 'LinkedIn (organic)', 'Email', 'Google Ads', 'LinkedIn Ads'].includes(label) ? 'X' : ' '}] ${label}`,
  ).join('\n'),
  'Budget amount': '45000',
  'Budget currency': 'USD (US dollar)',
  'Start date': '2027-04-01',
  'End date': '2027-06-30',
  Tone: 'Professional yet approachable',
  'Known competitors': 'HubSpot\nMarketo\nActiveCampaign',
  'Assets requested': [
    'blog-post: 2',
    'landing-page: 1',
    'lead-magnet: 1',
    'email-sequence: 1',
    'social-post: 4',
    'google-rsa: 1',
    'linkedin-ad: 1',
  ].join('\n'),
  'Model spend cap (USD)': '_No response_',
};

export function formBody(overrides: Record<string, string> = {}): string {
  return Object.entries({ ...EXAMPLE_ANSWERS, ...overrides })
    .map(([label, value]) => `### ${label}\n\n${value}`)
    .join('\n\n');
}
