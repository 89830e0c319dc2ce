import { describe, expect, it } from 'vitest';
import { checkAsset } from '../../actions/engine/assets/index.js';
import { blogPost, context, errors, text, warnings } from './fixtures.js';

const ctx = context('blog-post');
const check = (data: unknown) => checkAsset('blog-post', data, ctx);
const messages = (data: unknown) => errors(check(data)).map((p) => `${p.where}: ${p.message}`);

describe('blog-post', () => {
  it('accepts a valid post without errors or warnings', () => {
    expect(check(blogPost())).toEqual([]);
  });

  it('limits the title to 60 characters', () => {
    expect(messages({ ...blogPost(), title: text(60) })).toEqual([]);
    expect(messages({ ...blogPost(), title: text(61) })).toEqual([
      'title: title is 61 characters; the limit is 60',
    ]);
  });

  it('wants a meta description of 120 to 160 characters', () => {
    const meta = (n: number) => messages({ ...blogPost(), metaDescription: text(n) });
    expect(meta(119)).toEqual(['metaDescription: meta description is 119 characters; the minimum is 120']);
    expect(meta(120)).toEqual([]);
    expect(meta(160)).toEqual([]);
    expect(meta(161)).toEqual(['metaDescription: meta description is 161 characters; the limit is 160']);
  });

  it('refuses a slug that is not kebab-case', () => {
    expect(messages({ ...blogPost(), slug: 'Marketing_Automation' })).toEqual([
      'slug: slug "Marketing_Automation" must be lower-case letters and digits joined by single hyphens',
    ]);
  });

  it('wants the keyword in the title and the H1, case-insensitively', () => {
    expect(
      messages({ ...blogPost(), title: 'MARKETING AUTOMATION for teams', h1: 'Marketing Automation' }),
    ).toEqual([]);
    expect(
      messages({ ...blogPost(), title: 'Campaigns as pull requests', h1: 'Review your campaigns' }),
    ).toEqual([
      'title: title does not contain the target keyword "marketing automation"',
      'h1: the H1 does not contain the target keyword "marketing automation"',
    ]);
  });

  it('does not take part of a word for the keyword', () => {
    const c = context('blog-post', { keyword: 'AI' });
    const post = { ...blogPost(), title: 'A paid guide', h1: 'AI for marketers' };
    expect(errors(checkAsset('blog-post', post, c)).map((p) => p.where)).toContain('title');
  });

  it('wants the keyword within the first 100 words of the text', () => {
    const filler = (n: number) => Array.from({ length: n }, () => 'word').join(' ');
    const post = (prefix: number) => ({
      ...blogPost(),
      sections: [
        {
          heading: 'Intro',
          level: 2 as const,
          markdown: `${filler(prefix)} marketing automation and more. [Pricing](/pricing)`,
        },
      ],
    });
    // "marketing automation" as words 99 and 100: inside; as 100 and 101: not whole inside.
    expect(messages(post(98))).toEqual([]);
    expect(messages(post(99))).toEqual([
      'sections[0].markdown: the first 100 words of the text do not contain the target keyword "marketing automation"',
    ]);
  });

  it('does not count headings as the first words of text', () => {
    const post = {
      ...blogPost(),
      sections: [
        { heading: 'Marketing automation', level: 2 as const, markdown: 'Nothing here. [Pricing](/pricing)' },
      ],
    };
    expect(messages(post)).toEqual([
      'sections[0].markdown: the first 100 words of the text do not contain the target keyword "marketing automation"',
    ]);
  });

  it('allows exactly one H1: a "#" heading in a section is refused', () => {
    const post = blogPost();
    post.sections[1]!.markdown = '# Another title\n\nText.';
    expect(messages(post)).toEqual([
      'sections[1].markdown: section 2 contains a second H1 ("Another title"); a page has exactly one H1, the h1 field',
    ]);
  });

  it('refuses an H3 before any H2', () => {
    const post = blogPost();
    post.sections[0]!.level = 3;
    expect(messages(post)).toEqual([
      'sections[0].heading: heading "Why review marketing like code" is an H3 before any H2; start with an H2',
    ]);
  });

  it('refuses skipped levels inside section markdown', () => {
    const post = blogPost();
    post.sections[2]!.markdown = '#### Too deep\n\nText.';
    expect(messages(post)).toEqual([
      'sections[2].markdown: heading "Too deep" is an H4 right after an H2; go down one level at a time',
    ]);
  });

  it('accepts an H3 after an H2 and a new H2 after an H3', () => {
    expect(messages(blogPost())).toEqual([]);
  });

  it('wants at least one internal link', () => {
    const post = blogPost();
    post.internalLinks = [];
    expect(messages(post)).toEqual([]); // the body links /pricing
    post.sections[0]!.markdown = 'Marketing automation, [elsewhere](https://other.example/x).';
    expect(messages(post)).toEqual([
      'internalLinks: the post has no internal link; link at least one other page of the site (a root-relative path like /pricing or a URL on crescendo.dev or crescendo.dev)',
    ]);
  });

  it('refuses an internal link to another site', () => {
    const post = blogPost();
    post.internalLinks = [{ anchorText: 'x', url: 'https://other.example/' }];
    expect(messages(post)[0]).toMatch(
      /^internalLinks\[0\]\.url: internal link 1 \("https:\/\/other.example\/"\) is not on this site/,
    );
  });

  it('skips keyword rules when the strategy names no keyword', () => {
    const { keyword: _, ...rest } = ctx;
    expect(errors(checkAsset('blog-post', { ...blogPost(), title: 'Other', h1: 'Other' }, rest))).toEqual([]);
  });

  it('checks variant titles like the title', () => {
    const post = { ...blogPost(), variants: [{ variantId: 'b', title: text(61) }] };
    expect(messages(post)).toEqual(['variants[0].title: variant b title is 61 characters; the limit is 60']);
  });

  it('warns when the meta description lacks the keyword', () => {
    const post = { ...blogPost(), metaDescription: text(140, 'Campaigns as pull requests') };
    expect(warnings(check(post)).map((p) => p.where)).toEqual(['metaDescription']);
  });

  it('reports schema problems with their path', () => {
    const problems = check({ ...blogPost(), sections: [{ heading: 'x', level: 1, markdown: 'y' }] });
    expect(problems[0]).toMatchObject({ where: 'sections[0].level', severity: 'error' });
  });
});
