import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHANNEL_OPTIONS } from '../../actions/engine/action/issue-form/campaign-form.js';
import {
  normaliseAssetType,
  readAssetLine,
  readMoney,
  readObjectiveLine,
} from '../../actions/engine/action/issue-form/form-lines.js';
import {
  FORM_PROBLEMS_MARKER,
  isCampaignIssue,
  parseCampaignIssue,
  renderFormProblems,
} from '../../actions/engine/action/issue-form/issue-form.js';
import { Brief } from '../../actions/engine/artifacts/brief.js';
import type { Problem } from '../../actions/engine/errors.js';

const TEMPLATE = readFileSync(
  fileURLToPath(new URL('../../.github/ISSUE_TEMPLATE/campaign.yml', import.meta.url)),
  'utf8',
);

const TICKED = new Set(['Blog / SEO', 'LinkedIn (organic)', 'Email', 'LinkedIn Ads']);

/** A checkbox group exactly as GitHub writes it: every option, ticked ones as `- [X]`. */
function checkboxes(ticked: ReadonlySet<string>, extra: readonly string[] = []): string {
  return [...CHANNEL_OPTIONS.map((label) => `- [${ticked.has(label) ? 'X' : ' '}] ${label}`), ...extra].join(
    '\n',
  );
}

const ANSWERS: Record<string, string> = {
  'Campaign name': 'Q3 Pipeline Push: Mid-market',
  'Campaign id': '_No response_',
  Product: 'Acme Analytics — Team plan',
  'Landing page URL': 'https://acme.example/analytics?ref=campaign',
  Objectives: [
    '500 MQLs by 2025-06-30 — Pipeline for Q3',
    '',
    '- 40 demo requests by 2025-06-15 - Fill the sales calendar',
    '€120k revenue by 2025-06-30',
  ].join('\n'),
  Audience:
    'Heads of data and analytics leads at 200–2,000 person SaaS companies who still report from spreadsheets.\n\nThey own the BI budget.',
  Industries: 'SaaS, fintech, e-commerce',
  Channels: checkboxes(TICKED),
  'Budget amount': '25,000',
  'Budget currency': 'EUR (euro)',
  'Start date': '2025-04-01',
  'End date': '2025-06-30',
  Tone: 'Confident, practical, no hype',
  'Known competitors': 'Globex Analytics\nInitech Insights',
  'Assets requested': 'blog posts: 3\nsocial posts: 20\nemail sequence: 1\nlanding-page: 1\nLinkedIn ads x 4',
  'Model spend cap (USD)': '_No response_',
};

/** An issue body exactly as GitHub renders a submitted form: `### Label`, blank line, answer, blank line. */
function body(overrides: Record<string, string> = {}): string {
  const answers = { ...ANSWERS, ...overrides };
  return Object.entries(answers)
    .map(([label, value]) => `### ${label}\n\n${value}`)
    .join('\n\n');
}

function issue(overrides: Record<string, string> = {}, templateYaml: string | undefined = TEMPLATE) {
  return {
    title: 'Campaign: Q3 Pipeline Push',
    body: body(overrides),
    number: 42,
    ...(templateYaml === undefined ? {} : { templateYaml }),
  };
}

function problemsOf(overrides: Record<string, string>): Problem[] {
  const result = parseCampaignIssue(issue(overrides));
  if (result.ok) throw new Error(`expected problems, got a brief: ${JSON.stringify(result.brief)}`);
  return result.problems;
}

describe('parseCampaignIssue', () => {
  it('reads a filled-in form into a valid Brief', () => {
    const result = parseCampaignIssue(issue());
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    const brief = result.brief;
    expect(Brief.safeParse(brief).success).toBe(true);
    expect(brief).toEqual({
      id: 'q3-pipeline-push-mid-market',
      name: 'Q3 Pipeline Push: Mid-market',
      product: 'Acme Analytics — Team plan',
      landingUrl: 'https://acme.example/analytics?ref=campaign',
      objectives: [
        {
          metric: 'mqls',
          target: 500,
          unit: 'count',
          deadline: '2025-06-30',
          description: '500 MQLs by 2025-06-30',
          businessGoal: 'Pipeline for Q3',
        },
        {
          metric: 'demos',
          target: 40,
          unit: 'count',
          deadline: '2025-06-15',
          description: '40 demo requests by 2025-06-15',
          businessGoal: 'Fill the sales calendar',
        },
        {
          metric: 'revenue',
          target: 120_000,
          unit: 'EUR',
          deadline: '2025-06-30',
          description: '€120k revenue by 2025-06-30',
        },
      ],
      audience:
        'Heads of data and analytics leads at 200–2,000 person SaaS companies who still report from spreadsheets.\n\nThey own the BI budget.',
      industries: ['SaaS', 'fintech', 'e-commerce'],
      channels: ['blog', 'linkedin', 'email', 'linkedin-ads'],
      budget: { amount: 25_000, currency: 'EUR' },
      timeframe: { start: '2025-04-01', end: '2025-06-30' },
      tone: 'Confident, practical, no hype',
      competitors: ['Globex Analytics', 'Initech Insights'],
      assets: [
        { type: 'blog-post', count: 3 },
        { type: 'social-post', count: 20 },
        { type: 'email-sequence', count: 1 },
        { type: 'landing-page', count: 1 },
        { type: 'linkedin-ad', count: 4 },
      ],
    });
  });

  it('reads the same body with the built-in copy of the form, and with Windows line endings', () => {
    const reference = parseCampaignIssue(issue());
    expect(parseCampaignIssue(issue({}, undefined))).toEqual(reference);
    const crlf = issue();
    expect(parseCampaignIssue({ ...crlf, body: crlf.body.replace(/\n/g, '\r\n') })).toEqual(reference);
  });

  it('uses a given campaign id and the optional spend cap', () => {
    const result = parseCampaignIssue(issue({ 'Campaign id': 'Q3-Launch', 'Model spend cap (USD)': '$40' }));
    expect(result).toMatchObject({ ok: true, brief: { id: 'q3-launch', spendCapUsd: 40 } });
  });

  it('derives an id of at most 64 characters, or one from the issue number for a name with no letters', () => {
    const long = parseCampaignIssue(issue({ 'Campaign name': `${'Very long campaign name '.repeat(6)}end` }));
    expect(long.ok && long.brief.id.length).toBeLessThanOrEqual(64);
    expect(long.ok && /^[a-z0-9-]+$/.test(long.brief.id)).toBe(true);
    const symbols = parseCampaignIssue(issue({ 'Campaign name': '🚀🚀🚀 Q3' }));
    expect(symbols).toMatchObject({ ok: true, brief: { id: 'campaign-42' } });
  });

  it('reports a negative budget under "Budget amount"', () => {
    const problems = problemsOf({ 'Budget amount': '-5,000' });
    expect(problems).toEqual([
      { where: 'Budget amount', message: expect.stringContaining('greater than 0') },
    ]);
  });

  it('reports a budget that is not a number under "Budget amount"', () => {
    expect(problemsOf({ 'Budget amount': 'about twenty grand' })).toEqual([
      { where: 'Budget amount', message: expect.stringContaining('is not a number') },
    ]);
  });

  it('reports every problem in one round, dates included', () => {
    const problems = problemsOf({
      'Budget amount': '-1',
      'End date': '2025-03-01',
      'Assets requested': 'podcast: 1',
    });
    expect(problems.map((p) => p.where)).toEqual(['Budget amount', 'End date', 'Assets requested line 1']);
  });

  it('reports an end date before the start under "End date"', () => {
    const problems = problemsOf({ 'Start date': '2025-04-01', 'End date': '2025-03-01' });
    expect(problems).toContainEqual({
      where: 'End date',
      message: expect.stringContaining('before it starts'),
    });
  });

  it('reports a date in the wrong format under its field', () => {
    const problems = problemsOf({ 'Start date': '04/01/2025' });
    expect(problems).toContainEqual({ where: 'Start date', message: expect.stringContaining('yyyy-mm-dd') });
  });

  it('reports an unknown channel under "Channels"', () => {
    const problems = problemsOf({ Channels: checkboxes(TICKED, ['- [X] TikTok']) });
    expect(problems).toEqual([
      { where: 'Channels', message: expect.stringContaining('`TikTok` is not a channel') },
    ]);
  });

  it('reports no channel ticked under "Channels"', () => {
    expect(problemsOf({ Channels: checkboxes(new Set()) })).toEqual([
      { where: 'Channels', message: expect.stringContaining('none ticked') },
    ]);
  });

  it('reports an objective without a number under its line', () => {
    const problems = problemsOf({
      Objectives: '500 MQLs by 2025-06-30 — Pipeline for Q3\nMore demo requests by 2025-06-15',
    });
    expect(problems).toEqual([
      { where: 'Objectives line 2', message: expect.stringContaining('a target number') },
    ]);
  });

  it('counts blank lines when naming an objective line, as the user sees the text box', () => {
    const problems = problemsOf({ Objectives: '500 MQLs by 2025-06-30\n\n300 MQLs' });
    expect(problems).toEqual([
      { where: 'Objectives line 3', message: expect.stringContaining('a deadline') },
    ]);
  });

  it('reports an unknown metric and a deadline outside the campaign under their lines', () => {
    const problems = problemsOf({ Objectives: '500 happy customers by 2025-06-30\n200 leads by 2025-09-01' });
    expect(problems).toEqual([
      { where: 'Objectives line 1', message: expect.stringContaining('`happy customers` is not a metric') },
      { where: 'Objectives line 2', message: expect.stringContaining('outside the time frame') },
    ]);
  });

  it('reports an unknown asset type under its line', () => {
    const problems = problemsOf({ 'Assets requested': 'blog-post: 3\npodcast episodes: 4' });
    expect(problems).toEqual([
      {
        where: 'Assets requested line 2',
        message: expect.stringContaining('`podcast episodes` is not an asset type'),
      },
    ]);
  });

  it('reports a bad asset count and a type listed twice under their lines', () => {
    const problems = problemsOf({ 'Assets requested': 'blog-post: 0\nsocial posts: 2.5\nblog posts: 2' });
    expect(problems.map((p) => p.where)).toEqual([
      'Assets requested line 1',
      'Assets requested line 2',
      'Assets requested line 3',
    ]);
    expect(problems[2]?.message).toContain('listed twice');
  });

  it('names each empty required field once, in the words of the form', () => {
    const problems = problemsOf({
      Objectives: '_No response_',
      Audience: '_No response_',
      'Assets requested': '_No response_',
      'Landing page URL': 'acme.example',
    });
    // In the order of the form.
    expect(problems).toEqual([
      { where: 'Landing page URL', message: expect.stringContaining('http(s) URL') },
      { where: 'Objectives', message: expect.stringContaining('is empty') },
      { where: 'Audience', message: expect.stringContaining('is empty') },
      { where: 'Assets requested', message: expect.stringContaining('is empty') },
    ]);
  });

  it('reports a body that is not the form at all', () => {
    const result = parseCampaignIssue({
      title: 'Campaign: ',
      body: 'Please run a campaign for us!',
      number: 7,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.where)).toEqual(
      expect.arrayContaining([
        'Campaign name',
        'Landing page URL',
        'Objectives',
        'Channels',
        'Budget amount',
      ]),
    );
  });

  it('names the template file when the form itself is broken', () => {
    const result = parseCampaignIssue({ ...issue(), templateYaml: 'name: x\nbody: 3\n' });
    expect(result).toEqual({
      ok: false,
      problems: [
        { where: '.github/ISSUE_TEMPLATE/campaign.yml', message: expect.stringContaining('cannot be read') },
      ],
    });
  });
});

describe('line formats', () => {
  it('reads objective lines', () => {
    expect(readObjectiveLine('1,500 sign-ups by 2025-05-31', 'USD')).toMatchObject({
      ok: true,
      value: { metric: 'signups', target: 1500, unit: 'count', deadline: '2025-05-31' },
    });
    expect(readObjectiveLine('USD 250,000 revenue by 2025-06-30 -- Q3 bookings', 'EUR')).toMatchObject({
      ok: true,
      value: { metric: 'revenue', target: 250_000, unit: 'USD', businessGoal: 'Q3 bookings' },
    });
    expect(readObjectiveLine('2.5k marketing qualified leads by 2025-06-30', 'EUR')).toMatchObject({
      ok: true,
      value: { metric: 'mqls', target: 2500 },
    });
    expect(readObjectiveLine('50k in revenue by 2025-06-30', 'GBP')).toMatchObject({
      ok: true,
      value: { metric: 'revenue', target: 50_000, unit: 'GBP' },
    });
    expect(readObjectiveLine('lots of leads', 'USD')).toMatchObject({
      ok: false,
      message: expect.stringContaining('a target number and a deadline'),
    });
  });

  it('reads asset lines with types or plain names', () => {
    expect(readAssetLine('blog-post: 3')).toEqual({ ok: true, value: { type: 'blog-post', count: 3 } });
    expect(readAssetLine('Blog posts: 3')).toEqual({ ok: true, value: { type: 'blog-post', count: 3 } });
    expect(readAssetLine('social posts: 20')).toEqual({
      ok: true,
      value: { type: 'social-post', count: 20 },
    });
    expect(readAssetLine('email sequence: 1')).toEqual({
      ok: true,
      value: { type: 'email-sequence', count: 1 },
    });
    expect(readAssetLine('3 blog posts')).toEqual({ ok: true, value: { type: 'blog-post', count: 3 } });
    expect(readAssetLine('Google ads × 2')).toEqual({ ok: true, value: { type: 'google-rsa', count: 2 } });
    expect(readAssetLine('ebook')).toEqual({ ok: true, value: { type: 'lead-magnet', count: 1 } });
    expect(readAssetLine('blog posts: several')).toMatchObject({
      ok: false,
      message: expect.stringContaining('not a count'),
    });
    expect(normaliseAssetType('Landing Pages')).toBe('landing-page');
    expect(normaliseAssetType('podcast')).toBeUndefined();
  });

  it('reads money', () => {
    expect(readMoney('25,000')).toEqual({ ok: true, value: { amount: 25_000 } });
    expect(readMoney('25 000 EUR')).toEqual({ ok: true, value: { amount: 25_000, currency: 'EUR' } });
    expect(readMoney('$1.5m')).toEqual({ ok: true, value: { amount: 1_500_000, currency: 'USD' } });
    expect(readMoney('-500')).toEqual({ ok: true, value: { amount: -500 } });
    expect(readMoney('25,5').ok).toBe(false);
  });
});

describe('isCampaignIssue', () => {
  it('knows a campaign by its label', () => {
    expect(isCampaignIssue('anything', ['bug', 'campaign'])).toBe(true);
    expect(isCampaignIssue(null, [{ name: 'Campaign' }])).toBe(true);
  });

  it('knows a campaign by the form headings when the labels are not there yet', () => {
    expect(isCampaignIssue(body(), [])).toBe(true);
    expect(isCampaignIssue(body().replace(/\n/g, '\r\n'), [{ name: 'crescendo' }])).toBe(true);
  });

  it('ignores other issues', () => {
    expect(isCampaignIssue('### Describe the bug\n\nIt crashes', ['bug'])).toBe(false);
    expect(isCampaignIssue(undefined, [])).toBe(false);
  });
});

describe('renderFormProblems', () => {
  const problems = problemsOf({
    'Budget amount': '-5000',
    'Assets requested': 'blog-post: 3\npodcast episodes: 4',
    Channels: checkboxes(TICKED, ['- [X] <img src=x onerror=alert(1)> @octocat #12']),
  });

  it('lists every problem by field, says what to do and how to re-check', () => {
    const markdown = renderFormProblems(problems);
    expect(markdown.startsWith(FORM_PROBLEMS_MARKER)).toBe(true);
    expect(problems.length).toBe(3);
    for (const p of problems) expect(markdown).toContain(`- **${p.where}**`);
    expect(markdown).toContain('greater than 0');
    expect(markdown).toContain('is not an asset type');
    expect(markdown).toMatch(/Edit the issue/);
    expect(markdown).toMatch(/re-checks/);
  });

  it('keeps user text inert: no HTML, mentions or issue links outside code', () => {
    const markdown = renderFormProblems([
      { where: 'Channels', message: 'tick <b>one</b>, ask @octocat, see #12' },
      ...problems,
    ]);
    expect(markdown).not.toContain('<b>');
    expect(markdown).toContain('&lt;b&gt;');
    expect(markdown).toContain('ask &#64;octocat, see &#35;12');
    expect(markdown).not.toContain('ask @octocat');
    // The channel label went into a code span, where GitHub shows it as written.
    expect(markdown).toContain('`<img src=x onerror=alert(1)> @octocat #12`');
  });
});
