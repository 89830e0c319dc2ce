import { describe, expect, it } from 'vitest';
import { readAssetLine } from '../../actions/engine/brief-lines/assets.js';

function requests(text: string) {
  const read = readAssetLine(text);
  if (!read.ok) throw new Error(`expected assets from ${text}: ${read.message}`);
  return read.value.map((r) => r.request);
}

function one(text: string) {
  const found = requests(text);
  expect(found).toHaveLength(1);
  return found[0];
}

function answer(text: string) {
  const read = readAssetLine(text);
  if (read.ok) throw new Error(`expected a problem with ${text}, got ${JSON.stringify(read.value)}`);
  return read;
}

describe("asset lines in a marketer's words", () => {
  it('finds the count first or last, as digits, words or "x"', () => {
    expect(one('8 blog posts')).toEqual({ type: 'blog-post', count: 8 });
    expect(one('blog posts: 8')).toEqual({ type: 'blog-post', count: 8 });
    expect(one('Blog posts x 8')).toEqual({ type: 'blog-post', count: 8 });
    expect(one('eight blog posts')).toEqual({ type: 'blog-post', count: 8 });
    expect(one('Write 8 SEO articles')).toEqual({ type: 'blog-post', count: 8 });
    expect(one('LinkedIn ads × 4')).toEqual({ type: 'linkedin-ad', count: 4 });
    expect(one('an ebook')).toEqual({ type: 'lead-magnet', count: 1 });
    expect(one('Google search ads')).toEqual({ type: 'google-rsa', count: 1 });
  });

  it('keeps parenthesised detail that names nothing as notes', () => {
    expect(one('8 blog posts (SEO-optimized)')).toEqual({
      type: 'blog-post',
      count: 8,
      notes: ['SEO-optimized'],
    });
    expect(one('3 blog posts of 1,500 words')).toEqual({
      type: 'blog-post',
      count: 3,
      notes: ['1,500 words'],
    });
    expect(one('3 email sequences (automated)')).toEqual({
      type: 'email-sequence',
      count: 3,
      notes: ['automated'],
    });
  });

  it('names each sequence, lead magnet and landing page', () => {
    expect(one('3 email sequences (welcome, nurture, promotional)')).toEqual({
      type: 'email-sequence',
      count: 3,
      names: ['welcome', 'nurture', 'promotional'],
    });
    expect(one('2 lead magnets (ebook, template)')).toEqual({
      type: 'lead-magnet',
      count: 2,
      names: ['ebook', 'template'],
    });
    expect(one('Lead magnets: e-book and template')).toEqual({
      type: 'lead-magnet',
      count: 2,
      names: ['ebook', 'template'],
    });
    expect(one('2 landing pages (trial, demo)')).toEqual({
      type: 'landing-page',
      count: 2,
      names: ['trial', 'demo'],
    });
    expect(one('email sequences (welcome, nurture, promotional)')).toMatchObject({ count: 3 });
  });

  it("keeps each landing page's address with its purpose", () => {
    const read = readAssetLine(
      '2 landing pages (trial: https://acme.example/trial, demo https://acme.example/demo?x=1)',
    );
    expect(read).toEqual({
      ok: true,
      value: [
        {
          request: { type: 'landing-page', count: 2, names: ['trial', 'demo'] },
          landingPages: [
            { purpose: 'trial', url: 'https://acme.example/trial' },
            { purpose: 'demo', url: 'https://acme.example/demo?x=1' },
          ],
        },
      ],
    });
  });

  it('splits social posts across LinkedIn and X, evenly unless the line says otherwise', () => {
    const split = (linkedin: number, x: number) => [
      { platform: 'linkedin', count: linkedin },
      { platform: 'x', count: x },
    ];
    expect(one('40 social posts (LinkedIn, Twitter)')).toEqual({
      type: 'social-post',
      count: 40,
      platforms: split(20, 20),
    });
    expect(one('41 social posts (LinkedIn/X)')).toMatchObject({ platforms: split(21, 20) });
    expect(one('40 social posts (LinkedIn 25, Twitter 15)')).toMatchObject({ platforms: split(25, 15) });
    expect(one('40 social posts (25 on LinkedIn, X)')).toMatchObject({ platforms: split(25, 15) });
    expect(one('40 social posts (60% LinkedIn, 40% X)')).toMatchObject({ platforms: split(24, 16) });
    expect(one('40 posts on LinkedIn and Twitter')).toMatchObject({
      type: 'social-post',
      platforms: split(20, 20),
    });
    expect(one('Social posts: 40 (LinkedIn, Twitter)')).toMatchObject({ platforms: split(20, 20) });
    expect(one('20 LinkedIn posts')).toEqual({ type: 'social-post', count: 20, platform: 'linkedin' });
    expect(one('20 tweets')).toEqual({ type: 'social-post', count: 20, platform: 'x' });
    expect(one('20 social posts (LinkedIn, max 200 characters)')).toEqual({
      type: 'social-post',
      count: 20,
      platform: 'linkedin',
      maxLength: 200,
    });
  });

  it('reads what ads promote', () => {
    expect(requests('LinkedIn Ads for both lead magnets')).toEqual([
      { type: 'linkedin-ad', count: 2, promotes: 'lead-magnet' },
    ]);
    expect(requests('3 Google ads promoting the landing pages')).toEqual([
      { type: 'google-rsa', count: 3, promotes: 'landing-page' },
    ]);
  });

  it('reads several types on one line, keeping brackets whole', () => {
    expect(requests('8 blog posts, 2 lead magnets (ebook, template); 40 social posts (LinkedIn, X)')).toEqual(
      [
        { type: 'blog-post', count: 8 },
        { type: 'lead-magnet', count: 2, names: ['ebook', 'template'] },
        expect.objectContaining({ type: 'social-post', count: 40 }),
      ],
    );
  });

  it('asks one precise question, quoting the line, when it reads two ways', () => {
    const mismatch = answer('3 email sequences (welcome, nurture)');
    expect(mismatch).toEqual({
      ok: false,
      question: true,
      message:
        '`3 email sequences (welcome, nurture)`: 3 email sequences but 2 named (welcome, nurture): name each one, or change the count to 2?',
    });
    expect(answer('40 social posts (mostly LinkedIn)').message).toMatch(
      /^`40 social posts \(mostly LinkedIn\)`: how many of the 40 posts go to each network\?/,
    );
    expect(answer('40 social posts (LinkedIn 30, X 20)').message).toMatch(/add up to 50 posts, not 40/);
    expect(answer('8 posts').message).toBe(
      '`8 posts`: blog posts or social posts? Write `blog posts` or `social posts (LinkedIn, X)`',
    );
    expect(answer('blog posts and social posts: 3').message).toMatch(
      /which asset is it, `blog posts` or `social posts`\?/,
    );
    expect(answer('3 or 4 blog posts').message).toMatch(/how many, `3` or `4`\?/);
  });

  it('refuses what Crescendo does not write, saying where it belongs', () => {
    expect(answer('podcast episodes: 4')).toMatchObject({
      question: false,
      message: expect.stringContaining('`podcast episodes` is not an asset type'),
    });
    expect(answer('weekly newsletter').message).toContain('write it under Publishing cadence');
    expect(answer('40 social posts (LinkedIn, Instagram)').message).toContain(
      'LinkedIn and X only, not Instagram',
    );
    expect(answer('blog posts: several').message).toContain('`several` is not a count');
  });
});

describe('a social network added to the channel registry', () => {
  it('is read in asset lines like the others', () => {
    expect(one('40 social posts (LinkedIn, Bluesky)')?.platforms).toEqual([
      { platform: 'linkedin', count: 20 },
      { platform: 'bluesky', count: 20 },
    ]);
  });
});
