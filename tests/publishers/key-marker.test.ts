import { describe, expect, it } from 'vitest';
import { atextKey, keyComment, keyInComment, titleTag } from '../../actions/engine/publishers/key-marker.js';

describe('publish keys inside platform items', () => {
  it('round-trips through an HTML comment, even with characters that would end the comment', () => {
    for (const key of ['q2/blog/post/a', 'odd --> key <!-- with spaces', 'ünïcode/ключ']) {
      const comment = keyComment(key);
      expect(comment).not.toMatch(/-->.*-->/);
      expect(keyInComment(`<p>Body</p>\n${comment}`)).toBe(key);
    }
    expect(keyInComment('<p>no marker</p>')).toBeUndefined();
    expect(keyInComment(undefined)).toBeUndefined();
    expect(keyInComment('<!-- crescendo:key=%E0%A4 -->')).toBeUndefined();
  });

  it('as Message-ID atext it keeps letters, digits, _ and -, escapes the rest, and stays distinct', () => {
    expect(atextKey('q2-launch/email/a_1')).toBe('q2-launch=2Femail=2Fa_1');
    expect(atextKey('a b')).not.toBe(atextKey('a_b'));
    expect(atextKey('é')).toBe('=C3=A9');
    expect(atextKey('x.y@z<>')).toMatch(/^[A-Za-z0-9_=-]+$/);
  });

  it('a title tag of one key is never part of another key’s tag', () => {
    expect(titleTag('abcd').includes(titleTag('abc'))).toBe(false);
  });
});
