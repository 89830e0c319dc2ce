import { describe, expect, it } from 'vitest';
import { charCount, googleAdsLength, xWeightedLength } from '../../actions/engine/assets/index.js';

describe('charCount', () => {
  it('counts code points of the NFC form', () => {
    expect(charCount('café')).toBe(4);
    expect(charCount('cafe\u0301')).toBe(4);
    expect(charCount('😀')).toBe(1);
  });
});

describe('xWeightedLength (twitter-text parseTweet)', () => {
  it('counts Latin characters as 1', () => {
    expect(xWeightedLength('x'.repeat(280))).toBe(280);
  });

  it('counts every URL as 23, however long', () => {
    expect(xWeightedLength('https://a.co')).toBe(23);
    expect(xWeightedLength(`https://example.com/${'a'.repeat(200)}`)).toBe(23);
    expect(xWeightedLength('see example.com/pricing')).toBe(4 + 23);
  });

  it('counts CJK characters and emoji as 2', () => {
    expect(xWeightedLength('日本語')).toBe(6);
    expect(xWeightedLength('👍')).toBe(2);
    expect(xWeightedLength('👨‍👩‍👧‍👦')).toBe(2);
  });
});

describe('googleAdsLength', () => {
  it('counts double-width characters as 2', () => {
    expect(googleAdsLength('Marketing')).toBe(9);
    expect(googleAdsLength('マーケティング')).toBe(14);
    expect(googleAdsLength('한국어 광고')).toBe(11);
    expect(googleAdsLength('ＡＢＣ')).toBe(6);
  });
});
