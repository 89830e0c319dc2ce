import { describe, expect, it } from 'vitest';
import { checkAsset } from '../../actions/engine/assets/index.js';
import { chars, context, errors, googleRsa } from './fixtures.js';

const ctx = context('google-rsa', { channel: 'google-ads' });
const check = (data: unknown) => checkAsset('google-rsa', data, ctx);
const headlines = (n: number) => Array.from({ length: n }, (_, i) => `Headline number ${i + 1}`);

describe('google-rsa', () => {
  it('accepts a valid ad', () => {
    expect(errors(check(googleRsa()))).toEqual([]);
  });

  it('accepts a headline of exactly 30 characters and refuses 31, naming headline and numbers', () => {
    const ad = googleRsa();
    ad.headlines[2] = chars(30);
    expect(errors(check(ad))).toEqual([]);
    ad.headlines[2] = chars(31);
    expect(errors(check(ad))).toEqual([
      { where: 'headlines[2]', message: 'headline 3 is 31 characters; the limit is 30', severity: 'error' },
    ]);
  });

  it('reports the example from the brief exactly', () => {
    const ad = googleRsa();
    ad.headlines[2] = chars(34);
    expect(check(ad)).toContainEqual({
      where: 'headlines[2]',
      message: 'headline 3 is 34 characters; the limit is 30',
      severity: 'error',
    });
  });

  it('counts double-width characters as 2 and says so', () => {
    const ad = googleRsa();
    ad.headlines[0] = 'マ'.repeat(15);
    expect(errors(check(ad))).toEqual([]);
    ad.headlines[0] = 'マ'.repeat(16);
    expect(errors(check(ad))[0]?.message).toBe(
      'headline 1 (double-width characters count 2) is 32 characters; the limit is 30',
    );
  });

  it('accepts 3 and 15 headlines, refuses 2 and 16', () => {
    for (const n of [3, 15]) expect(errors(check({ ...googleRsa(), headlines: headlines(n) }))).toEqual([]);
    expect(errors(check({ ...googleRsa(), headlines: headlines(2) }))).toEqual([
      { where: 'headlines', message: 'there are 2 headlines; at least 3 are required', severity: 'error' },
    ]);
    expect(errors(check({ ...googleRsa(), headlines: headlines(16) }))).toEqual([
      { where: 'headlines', message: 'there are 16 headlines; the limit is 15', severity: 'error' },
    ]);
  });

  it('accepts 2 and 4 descriptions, refuses 1 and 5', () => {
    const d = (n: number) => Array.from({ length: n }, (_, i) => `Description number ${i + 1}.`);
    for (const n of [2, 4]) expect(errors(check({ ...googleRsa(), descriptions: d(n) }))).toEqual([]);
    expect(errors(check({ ...googleRsa(), descriptions: d(1) }))[0]?.message).toBe(
      'there is 1 description; at least 2 are required',
    );
    expect(errors(check({ ...googleRsa(), descriptions: d(5) }))[0]?.message).toBe(
      'there are 5 descriptions; the limit is 4',
    );
  });

  it('limits descriptions to 90 characters', () => {
    const ad = googleRsa();
    ad.descriptions[1] = chars(90);
    expect(errors(check(ad))).toEqual([]);
    ad.descriptions[1] = chars(91);
    expect(errors(check(ad))).toEqual([
      {
        where: 'descriptions[1]',
        message: 'description 2 is 91 characters; the limit is 90',
        severity: 'error',
      },
    ]);
  });

  it('limits display paths to 15 characters and needs path1 for path2', () => {
    expect(errors(check({ ...googleRsa(), path1: chars(15), path2: chars(15) }))).toEqual([]);
    expect(errors(check({ ...googleRsa(), path1: chars(16) }))).toEqual([
      { where: 'path1', message: 'path1 is 16 characters; the limit is 15', severity: 'error' },
    ]);
    const { path1: _, ...withoutPath1 } = googleRsa();
    expect(errors(check(withoutPath1)).map((p) => p.where)).toEqual(['path2']);
  });

  it('refuses "!" in headlines, repeated headlines and a relative final URL', () => {
    const ad = googleRsa();
    ad.headlines = ['Buy now!', 'Same headline', 'same headline '];
    ad.finalUrl = '/launch';
    expect(errors(check(ad)).map((p) => p.message)).toEqual([
      'headline 1 contains "!"; Google Ads does not allow exclamation marks in headlines',
      'headline 3 repeats headline 2; each asset must be unique',
      'final URL "/launch" is not an absolute URL; write it with https://',
    ]);
  });

  it('checks the headlines of variants with their own path and label', () => {
    const ad = { ...googleRsa(), variants: [{ variantId: 'b', headlines: ['One', 'Two', chars(31)] }] };
    expect(errors(check(ad))).toEqual([
      {
        where: 'variants[0].headlines[2]',
        message: 'variant b headline 3 is 31 characters; the limit is 30',
        severity: 'error',
      },
    ]);
  });

  it('refuses variant ids out of order', () => {
    const ad = { ...googleRsa(), variants: [{ variantId: 'c', headlines: ['One', 'Two', 'Three'] }] };
    expect(errors(check(ad))[0]).toMatchObject({ where: 'variants[0].variantId' });
  });
});
