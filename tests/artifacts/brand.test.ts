import { describe, expect, it } from 'vitest';
import { checkAsset, parseBrandVoice } from '../../actions/engine/assets/index.js';
import { CrescendoError } from '../../actions/engine/errors.js';
import { blogPost, brand, context, errors, googleRsa, linkedInAd, warnings } from '../assets/fixtures.js';

describe('parseBrandVoice', () => {
  it('reads brand.yml with defaults for the lists', () => {
    const voice = parseBrandVoice('name: Acme\ntone: Warm\naudience: Founders\nwordsToAvoid:\n  - synergy\n');
    expect(voice).toMatchObject({
      name: 'Acme',
      language: 'en',
      wordsToAvoid: ['synergy'],
      productFacts: [],
    });
  });

  it('points at the line of a bad field and suggests camelCase for snake_case keys', () => {
    try {
      parseBrandVoice(
        'name: Acme\ntone: Warm\naudience: Founders\nwords_to_avoid:\n  - synergy\nproductFacts: 3\n',
      );
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CrescendoError);
      const problems = (e as CrescendoError).problems;
      expect(problems.find((p) => p.where.endsWith('productFacts'))).toMatchObject({ line: 6 });
      expect(problems.some((p) => p.message.includes('keys are camelCase: wordsToAvoid'))).toBe(true);
    }
  });

  it('reports broken YAML with its line', () => {
    expect(() => parseBrandVoice('name: Acme\ntone: [unclosed\n')).toThrow(/not valid YAML/);
  });

  it('refuses a file without the required fields', () => {
    expect(() => parseBrandVoice('name: Acme\n')).toThrow(CrescendoError);
  });
});

describe('brand checks', () => {
  it('refuses a word to avoid, naming the word and the field, in any case', () => {
    const post = blogPost();
    post.sections[1]!.markdown = 'Real Synergy between teams.';
    expect(errors(checkAsset('blog-post', post, context('blog-post')))).toEqual([
      {
        where: 'sections[1].markdown',
        message: 'uses "Synergy"; brand.yml lists "synergy" under wordsToAvoid',
        severity: 'error',
      },
    ]);
  });

  it('matches phrases with hyphens and does not flag parts of words', () => {
    const ad = googleRsa();
    ad.headlines[0] = 'Best-in-class automation';
    ad.headlines[1] = 'Synergyless';
    expect(errors(checkAsset('google-rsa', ad, context('google-rsa'))).map((p) => p.where)).toEqual([
      'headlines[0]',
    ]);
  });

  it('ignores URLs and slugs', () => {
    const ad = { ...linkedInAd(), destinationUrl: 'https://crescendo.dev/synergy' };
    expect(errors(checkAsset('linkedin-ad', ad, context('linkedin-ad')))).toEqual([]);
  });

  it('requires the disclaimers that apply to the type', () => {
    const ctx = context('linkedin-ad', {
      brand: { ...brand, requiredDisclaimers: [{ text: 'Terms apply.', appliesTo: ['linkedin-ad'] }] },
    });
    expect(errors(checkAsset('linkedin-ad', linkedInAd(), ctx))[0]?.message).toBe(
      'the required disclaimer "Terms apply." is missing',
    );
    const withIt = { ...linkedInAd(), introText: `${linkedInAd().introText} Terms apply.` };
    expect(errors(checkAsset('linkedin-ad', withIt, ctx))).toEqual([]);
    expect(errors(checkAsset('blog-post', blogPost(), { ...ctx, type: 'blog-post' }))).toEqual([]);
  });

  it('warns about a percentage no product fact backs', () => {
    const ad = { ...linkedInAd(), introText: 'Cut setup time by 40% and costs by 25 %.' };
    expect(warnings(checkAsset('linkedin-ad', ad, context('linkedin-ad'))).map((p) => p.message)).toEqual([
      'states 25 %, which no product fact in brand.yml backs; verify it or remove it',
    ]);
  });
});
