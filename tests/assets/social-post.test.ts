import { describe, expect, it } from 'vitest';
import { checkAsset, composeSocialText, xWeightedLength } from '../../actions/engine/assets/index.js';
import { chars, context, errors, socialPost, warnings } from './fixtures.js';

const check = (data: unknown, platform: 'x' | 'linkedin' = 'x') =>
  checkAsset('social-post', data, context('social-post', { channel: platform }));

describe('social-post on X', () => {
  const bare = (text: string) => ({ ...socialPost(), text, hashtags: [], link: undefined });

  it('accepts 280 weighted characters and refuses 281', () => {
    expect(errors(check(bare(chars(280))))).toEqual([]);
    expect(errors(check(bare(chars(281))))).toEqual([
      {
        where: 'text',
        message:
          'the post (with hashtags and link, every URL counted as 23) is 281 weighted characters; the limit is 280',
        severity: 'error',
      },
    ]);
  });

  it('counts the link as 23 whatever its length', () => {
    const text = chars(280 - 2 - 23); // the link is appended after a blank line
    for (const link of [
      'https://a.co',
      `https://www.crescendo.io/${'long-path/'.repeat(30)}?utm_source=x&utm_medium=social`,
    ]) {
      const post = { ...socialPost(), text, hashtags: [], link };
      expect(xWeightedLength(composeSocialText(post, link))).toBe(280);
      expect(errors(check(post))).toEqual([]);
    }
    const over = { ...socialPost(), text: `${text}x`, hashtags: [], link: 'https://a.co' };
    expect(errors(check(over))[0]?.message).toContain('is 281 weighted characters; the limit is 280');
  });

  it('counts CJK characters as 2', () => {
    expect(errors(check(bare('日'.repeat(140))))).toEqual([]);
    expect(errors(check(bare('日'.repeat(141))))[0]?.message).toContain('282 weighted characters');
  });

  it('counts the hashtags it appends, but not twice', () => {
    const post = { ...socialPost(), text: 'Launch day #MarketingOps', link: undefined };
    expect(composeSocialText(post)).toBe('Launch day #MarketingOps');
    expect(composeSocialText({ text: 'Launch day', hashtags: ['A', 'B'] }, 'https://x.co')).toBe(
      'Launch day\n\n#A #B\n\nhttps://x.co',
    );
  });

  it('refuses malformed hashtags and warns above three', () => {
    expect(errors(check({ ...socialPost(), hashtags: ['two words'] }))[0]).toMatchObject({
      where: 'hashtags[0]',
    });
    expect(warnings(check({ ...socialPost(), hashtags: ['a', 'b', 'c', 'd'] })).map((p) => p.where)).toEqual([
      'hashtags',
    ]);
  });

  it('warns when X would not recognise the link (unknown domain ending) and so counts it in full', () => {
    const post = { ...socialPost(), link: 'https://crescendo.invalidtld/launch' };
    expect(warnings(check(post)).map((p) => p.where)).toEqual(['link']);
  });

  it('checks variant texts with the same count', () => {
    const post = { ...bare('short'), variants: [{ variantId: 'b', text: chars(281) }] };
    expect(errors(check(post))[0]?.where).toBe('variants[0].text');
  });
});

describe('social-post on LinkedIn', () => {
  it('accepts 3,000 characters and refuses 3,001', () => {
    const post = (n: number) => ({
      ...socialPost(),
      text: chars(n),
      hashtags: [],
      link: undefined,
    });
    expect(errors(check(post(3000), 'linkedin'))).toEqual([]);
    expect(errors(check(post(3001), 'linkedin'))[0]?.message).toBe(
      'the post (with hashtags and link) is 3001 characters; the limit is 3000',
    );
  });
});

describe('social-post on Bluesky (a channel added with one folder and one registry line)', () => {
  const post = (text: string) => ({ ...socialPost(), text, hashtags: [], link: undefined });
  const onBluesky = (data: unknown) =>
    checkAsset('social-post', data, context('social-post', { channel: 'bluesky' }));

  it('counts graphemes: 300 thumbs-up with a skin tone fit, 301 do not', () => {
    expect(errors(onBluesky(post('👍🏽'.repeat(300))))).toEqual([]);
    expect(errors(onBluesky(post('👍🏽'.repeat(301))))[0]?.message).toBe(
      'the post (with hashtags and link) is 301 characters; the limit is 300',
    );
  });

  it('counts a link in full, unlike X', () => {
    const link = `https://crescendo.dev/${'a'.repeat(40)}`;
    const data = { ...post('x'.repeat(300 - 2 - link.length + 1)), link };
    expect(errors(onBluesky(data))).toHaveLength(1);
  });

  it('a channel that is no social network cannot carry a social post', () => {
    expect(
      errors(checkAsset('social-post', post('hi'), context('social-post', { channel: 'email' })))[0]?.message,
    ).toMatch(/email is not a social network; social posts go to linkedin, x, bluesky/);
  });
});
