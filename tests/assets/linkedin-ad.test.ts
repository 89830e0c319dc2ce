import { describe, expect, it } from 'vitest';
import { checkAsset } from '../../actions/engine/assets/index.js';
import { chars, context, errors, linkedInAd, warnings } from './fixtures.js';

const check = (data: unknown) =>
  checkAsset('linkedin-ad', data, context('linkedin-ad', { channel: 'linkedin' }));

describe('linkedin-ad', () => {
  it('accepts a valid ad', () => {
    expect(check(linkedInAd())).toEqual([]);
  });

  it('introductory text: warning above 150, error above 600', () => {
    expect(check({ ...linkedInAd(), introText: chars(150) })).toEqual([]);
    expect(check({ ...linkedInAd(), introText: chars(151) })).toEqual([
      {
        where: 'introText',
        message: 'introductory text is 151 characters; the recommended maximum is 150',
        severity: 'warning',
      },
    ]);
    expect(errors(check({ ...linkedInAd(), introText: chars(600) }))).toEqual([]);
    expect(errors(check({ ...linkedInAd(), introText: chars(601) }))).toEqual([
      {
        where: 'introText',
        message: 'introductory text is 601 characters; the limit is 600',
        severity: 'error',
      },
    ]);
  });

  it('headline: warning above 70, error above 200', () => {
    expect(warnings(check({ ...linkedInAd(), headline: chars(71) }))[0]?.message).toBe(
      'headline is 71 characters; the recommended maximum is 70',
    );
    expect(errors(check({ ...linkedInAd(), headline: chars(200) }))).toEqual([]);
    expect(errors(check({ ...linkedInAd(), headline: chars(201) }))[0]?.message).toBe(
      'headline is 201 characters; the limit is 200',
    );
  });

  it('description: error above 300', () => {
    expect(errors(check({ ...linkedInAd(), description: chars(300) }))).toEqual([]);
    expect(errors(check({ ...linkedInAd(), description: chars(301) }))[0]?.message).toBe(
      'description is 301 characters; the limit is 300',
    );
  });

  it("takes the call to action from LinkedIn's fixed list only", () => {
    expect(errors(check({ ...linkedInAd(), callToAction: 'LEARN_MORE' }))).toEqual([]);
    expect(errors(check({ ...linkedInAd(), callToAction: 'Click here' }))[0]?.where).toBe('callToAction');
  });

  it('refuses the word LinkedIn in ad copy', () => {
    expect(errors(check({ ...linkedInAd(), headline: 'Best tool on LinkedIn' }))[0]?.message).toBe(
      'headline uses the word "LinkedIn"; LinkedIn\'s ad policy forbids it in ad copy',
    );
  });

  it('checks variants', () => {
    const ad = { ...linkedInAd(), variants: [{ variantId: 'b', headline: chars(201) }] };
    expect(errors(check(ad))[0]).toMatchObject({
      where: 'variants[0].headline',
      message: 'variant b headline is 201 characters; the limit is 200',
    });
  });
});
