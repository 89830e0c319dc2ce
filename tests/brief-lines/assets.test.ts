import { describe, expect, it } from 'vitest';
import { readAssetLines } from '../../actions/engine/brief-lines/assets.js';

const lines = (...texts: string[]) => texts.map((text, i) => ({ line: i + 1, text }));

describe('readAssetLines', () => {
  it('gives ads "for both lead magnets" the lead magnets\' count and names', () => {
    const read = readAssetLines(
      lines('2 lead magnets (ebook, template)', 'LinkedIn Ads for both lead magnets'),
    );
    expect(read.problems).toEqual([]);
    expect(read.values).toEqual([
      { line: 1, value: { type: 'lead-magnet', count: 2, names: ['ebook', 'template'] } },
      {
        line: 2,
        value: { type: 'linkedin-ad', count: 2, promotes: 'lead-magnet', names: ['ebook', 'template'] },
      },
    ]);
  });

  it('counts ads "for each" promoted asset from that line, wherever it is', () => {
    const read = readAssetLines(
      lines('Google ads for each landing page', '3 landing pages (trial, demo, pricing)'),
    );
    expect(read.values[0]?.value).toEqual({
      type: 'google-rsa',
      count: 3,
      promotes: 'landing-page',
      names: ['trial', 'demo', 'pricing'],
    });
  });

  it('asks when "both" does not match, or the promoted assets are not requested', () => {
    const three = readAssetLines(lines('3 lead magnets', 'LinkedIn ads for both lead magnets'));
    expect(three.problems).toEqual([
      {
        field: 'assets',
        line: 2,
        text: 'LinkedIn ads for both lead magnets',
        message: expect.stringMatching(
          /^`LinkedIn ads for both lead magnets`: "both" lead magnets, but the brief asks for 3/,
        ),
        question: true,
      },
    ]);
    const none = readAssetLines(lines('8 blog posts', 'LinkedIn ads for all lead magnets'));
    expect(none.problems[0]?.message).toMatch(/: which lead magnets\? The brief asks for none/);
  });

  it('merges social posts written per network on separate lines into one split', () => {
    const read = readAssetLines(lines('20 LinkedIn posts', '8 blog posts', '15 tweets'));
    expect(read.values).toEqual([
      {
        line: 1,
        value: {
          type: 'social-post',
          count: 35,
          platforms: [
            { platform: 'linkedin', count: 20 },
            { platform: 'x', count: 15 },
          ],
        },
      },
      { line: 2, value: { type: 'blog-post', count: 8 } },
    ]);
  });

  it('collects landing page addresses with their lines, and problems with theirs', () => {
    const read = readAssetLines(
      lines('2 landing pages (trial: https://a.example/t, demo: https://a.example/d)', 'podcasts: 2'),
    );
    expect(read.landingPages).toEqual([
      { line: 1, value: { purpose: 'trial', url: 'https://a.example/t' } },
      { line: 1, value: { purpose: 'demo', url: 'https://a.example/d' } },
    ]);
    expect(read.problems.map((p) => [p.line, p.question])).toEqual([[2, false]]);
  });
});
