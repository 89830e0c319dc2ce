import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { assetPath, renderAssetFile } from '../../actions/engine/artifacts/asset.js';
import {
  type AssetData,
  AssetType,
  assetSchemas,
  assetTitle,
  assetVariants,
  checkAsset,
  markdownToHtml,
  renderAsset,
  safeUrl,
  slugify,
} from '../../actions/engine/assets/index.js';
import {
  blogPost,
  context,
  emailSequence,
  errors,
  googleRsa,
  landingPage,
  leadMagnet,
  linkedInAd,
  socialPost,
} from './fixtures.js';

const samples: { [K in AssetType]: () => AssetData<K> } = {
  'blog-post': blogPost,
  'landing-page': landingPage,
  'email-sequence': emailSequence,
  'social-post': () => socialPost(),
  'google-rsa': googleRsa,
  'linkedin-ad': linkedInAd,
  'lead-magnet': leadMagnet,
};

function renderSample<T extends AssetType>(type: T) {
  const data = samples[type]();
  const ctx = context(type);
  return { data, ctx, rendered: renderAsset(type, data, ctx) };
}

/** The asset file the content stage writes: front matter (each fact once) and the rendered copy. */
function assetFile<T extends AssetType>(type: T, data: AssetData<T>, ctx = context(type)): string {
  return renderAssetFile(
    {
      type,
      campaign: ctx.campaignId,
      channel: ctx.channel,
      date: ctx.date,
      status: 'draft',
      keyword: ctx.keyword,
      landingUrl: ctx.landingUrl,
      asset: data,
    },
    renderAsset(type, data, ctx).markdown,
  );
}

describe('every asset type', () => {
  for (const type of AssetType.options) {
    it(`${type}: the sample passes its checks`, () => {
      expect(errors(checkAsset(type, samples[type](), context(type)))).toEqual([]);
    });

    // gray-matter stands in for the YAML 1.1 readers of static site generators: what we write reads the same there.
    it(`${type}: front matter holds each fact once and parses back with gray-matter`, () => {
      const data = samples[type]();
      const parsed = matter(assetFile(type, data));
      expect(parsed.data).toEqual({
        type,
        campaign: 'q2-launch',
        channel: context(type).channel,
        date: '2026-03-02',
        status: 'draft',
        keyword: 'marketing automation',
        landingUrl: context(type).landingUrl,
        asset: JSON.parse(JSON.stringify(data)),
      });
      expect(assetTitle(type, data).length).toBeGreaterThan(0);
      expect(parsed.content.trim().length).toBeGreaterThan(0);
    });

    it(`${type}: the schema converts to JSON Schema for structured outputs`, () => {
      const schema = z.toJSONSchema(assetSchemas[type]);
      expect(schema.type).toBe('object');
    });
  }

  it('keeps YAML-1.1 look-alikes as strings', () => {
    const ctx = context('social-post', { keyword: 'no', date: '2026-03-02' });
    const parsed = matter(assetFile('social-post', socialPost(), ctx));
    expect(parsed.data.keyword).toBe('no');
    expect(parsed.data.date).toBe('2026-03-02');
  });

  it('derives each variant with its own utm_content and tracked link', () => {
    const post = { ...socialPost(), variants: [{ variantId: 'b', text: 'Other words' }] };
    expect(assetVariants('social-post', post, context('social-post', { channel: 'linkedin' }))).toEqual([
      {
        id: 'a',
        utmContent: 'launch-post-a',
        link: 'https://crescendo.dev/launch?utm_source=linkedin&utm_medium=social&utm_campaign=q2-launch&utm_content=launch-post-a',
      },
      {
        id: 'b',
        utmContent: 'launch-post-b',
        link: 'https://crescendo.dev/launch?utm_source=linkedin&utm_medium=social&utm_campaign=q2-launch&utm_content=launch-post-b',
      },
    ]);
  });

  it('tags search ads for Google Ads with the {keyword} ValueTrack term, not a fixed keyword', () => {
    const data = samples['google-rsa']();
    const link =
      assetVariants('google-rsa', data, context('google-rsa', { channel: 'google-ads' }))[0]?.link ?? '';
    expect(link).toContain('utm_source=google&utm_medium=cpc');
    expect(link).toContain('utm_term={keyword}');
    expect(link).not.toContain('utm_term=marketing');
  });

  it("puts no UTM parameters on links from the brand's own pages", () => {
    const data = samples['google-rsa']();
    expect(
      assetVariants('google-rsa', data, context('google-rsa', { channel: 'blog' }))[0]?.link,
    ).toBeUndefined();
  });

  it('renders the blog post outline with one H1 and the further-reading links', () => {
    const { rendered } = renderSample('blog-post');
    const body = rendered.markdown;
    expect(body.match(/^# /gm)).toHaveLength(1);
    expect(body).toContain('## Why review marketing like code');
    expect(body).toContain('### How the stages fit');
    expect(body).toContain('- [How it works](<https://crescendo.dev/how-it-works>)');
  });

  it('escapes pipes in RSA tables', () => {
    const ad = { ...googleRsa(), headlines: ['A | B', 'Two', 'Three'] };
    expect(renderAsset('google-rsa', ad, context('google-rsa')).markdown).toContain('| 1 | A \\| B | 5 |');
  });

  it('demotes lead magnet chapter headings under the chapter title', () => {
    const body = matter(renderSample('lead-magnet').rendered.markdown).content;
    expect(body).toContain('## Why');
    expect(body).toContain('### A subheading');
  });
});

describe('assetPath and slugify', () => {
  it('builds content/<id>/<channel>/<date>-<slug>.md', () => {
    expect(assetPath('Q2-2025-launch', 'linkedin', '2026-04-01', 'launch-post')).toBe(
      'content/Q2-2025-launch/linkedin/2026-04-01-launch-post.md',
    );
  });

  it('refuses path traversal and impossible dates', () => {
    expect(() => assetPath('../x', 'blog', '2026-04-01', 'a')).toThrow(/campaign id/);
    expect(() => assetPath('q2', 'blog', '2026-02-30', 'a')).toThrow(/calendar day/);
    expect(() => assetPath('q2', 'blog/x', '2026-02-01', 'a')).toThrow(/channel/);
  });

  it('slugifies titles to ASCII kebab-case', () => {
    expect(slugify('Q2 Launch: Café & Co!')).toBe('q2-launch-cafe-and-co');
    expect(slugify('  Marketing   Automation—2026 ')).toBe('marketing-automation-2026');
    expect(slugify('日本語')).toBe('untitled');
    expect(slugify('one two three four', 9)).toBe('one-two');
  });
});

describe('markdownToHtml', () => {
  it('renders GFM and escapes text and raw HTML', () => {
    const html = markdownToHtml(
      '**Bold** <b>raw</b> & ~~gone~~\n\n| a | b |\n| - | - |\n| 1 | <i>2</i> |\n\n- [x] done',
    );
    expect(html).toContain('<strong>Bold</strong> &lt;b&gt;raw&lt;/b&gt; &amp; <del>gone</del>');
    expect(html).toContain('<td>&lt;i&gt;2&lt;/i&gt;</td>');
    expect(html).toContain('<li>☑ done</li>');
  });

  it('neutralises dangerous URLs', () => {
    expect(safeUrl('javascript:alert(1)')).toBe('#');
    expect(safeUrl('JaVa\tScRiPt:alert(1)')).toBe('#');
    expect(safeUrl('data:text/html,x')).toBe('#');
    expect(safeUrl('https://x.dev/?a=1')).toBe('https://x.dev/?a=1');
    expect(safeUrl('/pricing')).toBe('/pricing');
    expect(markdownToHtml('[x](https://a.dev/"onmouseover="y)')).not.toContain('"onmouseover');
    expect(markdownToHtml('![alt "q"](javascript:x)')).toBe('<p><img src="#" alt="alt &quot;q&quot;"></p>\n');
  });
});
