import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Brief } from '../../actions/engine/artifacts/brief.js';
import { parseBriefText } from '../../actions/engine/brief-lines/brief-text.js';
import { CrescendoError } from '../../actions/engine/errors.js';
import { parseBrief } from '../../actions/engine/runner/run-stage.js';
import { checkFile } from '../../scripts/cli/check-file.js';
import { exampleBriefData } from '../helpers.js';

// A structured brief (the example brief after its lines are read), as briefs were written before lines.
const example = exampleBriefData();

/** The workflow's reference brief, written in a marketer's words. */
const MARKETER_BRIEF = `
id: q2-2027-launch
name: Q2 2027 Product Launch
landingUrl: https://www.example.com/automate
timeframe: Q2 2027
budget: $45K
objectives:
  - 500 MQLs by end of Q2 — Build Q3 pipeline
  - 50K website visitors this quarter
  - 5% blog growth from 20,000 visitors a month by end of Q2
audience: Marketing managers at B2B software companies with 50–500 employees
channels: [Content marketing, LinkedIn Ads, Email, SEO, LinkedIn, Twitter]
tone: Professional yet approachable
assets:
  - 8 blog posts (SEO-optimized)
  - 2 lead magnets (ebook, template)
  - "2 landing pages (trial: https://www.example.com/trial, demo: https://www.example.com/demo)"
  - 3 email sequences (welcome, nurture, promotional)
  - 40 social posts (LinkedIn, Twitter)
  - LinkedIn Ads for both lead magnets
cadence: |
  Blog: 2 posts/week
  Email: Weekly newsletter + nurture sequences
  Social: Daily posts
region: North America
timeZone: ET
mqlDefinition: Lead score of 50 or more, a manager or above at a 50–500 person B2B company
`;

describe("brief files in a marketer's words", () => {
  it('keeps every existing brief valid, unchanged', () => {
    const result = parseBriefText(example);
    expect(result).toEqual({ ok: true, brief: Brief.parse(example) });
  });

  it('reads objectives, assets, budget, time frame, channels and cadence written as text', () => {
    const result = parseBriefText(parse(MARKETER_BRIEF));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const brief = result.brief;
    expect(brief.budget).toEqual({ amount: 45_000, currency: 'USD' });
    expect(brief.timeframe).toEqual({ start: '2027-04-01', end: '2027-06-30' });
    expect(brief.channels).toEqual(['blog', 'linkedin-ads', 'email', 'linkedin', 'x']);
    expect(brief.objectives).toEqual([
      expect.objectContaining({
        metric: 'mqls',
        target: 500,
        deadline: '2027-06-30',
        businessGoal: 'Build Q3 pipeline',
      }),
      expect.objectContaining({ metric: 'visitors', target: 50_000, deadline: '2027-06-30' }),
      expect.objectContaining({
        metric: 'visitors',
        channel: 'blog',
        baseline: 20_000,
        growth: 5,
        target: 21_000,
      }),
    ]);
    expect(brief.assets).toHaveLength(6);
    expect(brief.landingPages).toEqual([
      { purpose: 'trial', url: 'https://www.example.com/trial' },
      { purpose: 'demo', url: 'https://www.example.com/demo' },
    ]);
    expect(brief.cadence).toEqual([
      { channel: 'blog', times: 2, unit: 'week', what: 'posts' },
      { channel: 'email', times: 1, unit: 'week', what: 'newsletter' },
      { channel: 'linkedin', times: 1, unit: 'day', what: 'posts' },
      { channel: 'x', times: 1, unit: 'day', what: 'posts' },
    ]);
    expect(brief).toMatchObject({ region: 'North America', timeZone: 'America/New_York' });
    // What is stored is plain structured data: it reads back through the schema as it is.
    expect(Brief.parse(JSON.parse(JSON.stringify(brief)))).toEqual(brief);
  });

  it('locates problems at the item of the file, questions and schema problems alike', () => {
    const raw = parse(MARKETER_BRIEF);
    raw.objectives = [
      '500 MQLs and 50K website visitors by end of Q2',
      'Grow organic sessions by 30% by end of Q2',
      '200 leads by 2027-09-30',
    ];
    raw.timeZone = 'IST';
    const result = parseBriefText(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        path: ['objectives', 1],
        message: expect.stringContaining('30% more organic sessions than what?'),
        question: true,
      },
      { path: ['timeZone'], message: expect.stringContaining('which zone'), question: true },
      // The third line, after the first one became two objectives.
      {
        path: ['objectives', 2, 'deadline'],
        message: '2027-09-30 is outside the time frame 2027-04-01 – 2027-06-30',
        question: false,
      },
    ]);
  });

  it('goes through parseBrief (crescendo start) and checkFile (crescendo check) with lines', () => {
    expect(parseBrief(parse(MARKETER_BRIEF)).assets[4]).toMatchObject({ type: 'social-post', count: 40 });
    const bad = MARKETER_BRIEF.replace(
      '3 email sequences (welcome, nurture, promotional)',
      '3 email sequences (welcome, nurture)',
    );
    try {
      parseBrief(parse(bad), 'brief.yml');
      throw new Error('expected the brief to be refused');
    } catch (error) {
      expect(error).toBeInstanceOf(CrescendoError);
      expect((error as CrescendoError).problems).toEqual([
        { where: 'assets[3]', message: expect.stringContaining('3 email sequences but 2 named') },
      ]);
    }
    const checked = checkFile('brief.yml', bad);
    expect(checked).toMatchObject({ ok: false, kind: 'brief' });
    expect(checked.problems).toEqual([
      {
        where: 'brief.yml assets[3]',
        line: bad.split('\n').findIndex((l) => l.includes('3 email sequences')) + 1,
        message: expect.stringContaining('name each one'),
      },
    ]);
    expect(checkFile('brief.yml', MARKETER_BRIEF)).toMatchObject({ ok: true, problems: [] });
  });
});

describe('the Brief schema holds the new fields and checks they agree', () => {
  const problems = (patch: Record<string, unknown>) => {
    const result = Brief.safeParse({ ...example, ...patch });
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('asks for the baseline of a growth goal and checks its target', () => {
    const objective = { metric: 'sessions', target: 15_600, deadline: '2027-06-30' };
    expect(problems({ objectives: [{ ...objective, growth: 30 }] })).toEqual([
      'objectives.0.baseline: a growth of 30% needs the value it grows from; give the baseline (the value today)',
    ]);
    expect(problems({ objectives: [{ ...objective, growth: 30, baseline: 12_000 }] })).toEqual([]);
    expect(problems({ objectives: [{ ...objective, growth: 50, baseline: 12_000 }] })).toEqual([
      'objectives.0.target: is 15600, but 50% over the baseline 12000 is 18000; change the target, the growth or the baseline',
    ]);
  });

  it('asks which currency a budget without one is in', () => {
    expect(parseBriefText({ ...example, budget: '45000' })).toEqual({
      ok: false,
      problems: [
        { path: ['budget'], message: expect.stringContaining('in which currency?'), question: true },
      ],
    });
    expect(parseBriefText({ ...example, budget: { amount: '45K', currency: 'EUR' } })).toMatchObject({
      ok: true,
      brief: { budget: { amount: 45_000, currency: 'EUR' } },
    });
  });

  it('checks names, platform splits and promoted types against the counts', () => {
    const assets = [
      { type: 'email-sequence', count: 3, names: ['welcome', 'nurture'] },
      {
        type: 'social-post',
        count: 40,
        platforms: [
          { platform: 'linkedin', count: 20 },
          { platform: 'x', count: 10 },
        ],
      },
      { type: 'linkedin-ad', count: 2, promotes: 'lead-magnet' },
    ];
    expect(problems({ assets })).toEqual([
      'assets.0.names: names 2 (welcome, nurture) for 3 email-sequence assets; name each one or change the count',
      'assets.1.platforms: split 30 posts across platforms, but the count is 40',
      'assets.2.promotes: promotes lead-magnet assets, but the brief requests none; add a lead-magnet line',
    ]);
  });

  it('checks time zones, landing pages, cadences and the MQL definition', () => {
    expect(
      problems({
        timeZone: 'Mars/Olympus',
        landingPages: [
          { purpose: 'trial', url: 'https://a.example/t' },
          { purpose: 'Trial', url: 'ftp://a.example/t' },
        ],
        cadence: [{ channel: 'blog', times: 0, unit: 'week' }],
        mqlDefinition: 'yes',
      }),
    ).toEqual([
      'landingPages.1.url: must be an http(s) URL',
      'cadence.0.times: must be at least 1',
      'timeZone: must be a time zone name such as America/New_York, Europe/London or UTC',
      expect.stringMatching(/^mqlDefinition: say what makes a lead an MQL/),
      'landingPages.1.purpose: Trial has two landing pages; give each purpose one address',
    ]);
  });
});
