import { describe, expect, it } from 'vitest';
import { checkAssetRequest } from '../../actions/engine/assets/index.js';

describe('checkAssetRequest', () => {
  it('accepts what platforms can hold', () => {
    expect(checkAssetRequest({ type: 'social-post', count: 20, maxLength: 280, platform: 'x' })).toEqual([]);
    expect(
      checkAssetRequest({ type: 'social-post', count: 1, maxLength: 3000, platform: 'linkedin' }),
    ).toEqual([]);
    expect(checkAssetRequest({ type: 'blog-post', count: 3 })).toEqual([]);
    expect(checkAssetRequest({ type: 'email-sequence', count: 5 })).toEqual([]);
  });

  it('rejects a 400-character post on X, with the reason', () => {
    expect(checkAssetRequest({ type: 'social-post', count: 1, maxLength: 400, platform: 'x' })).toEqual([
      {
        where: 'maxLength',
        message: 'the plan asks for 400 characters, but a post on X (Twitter) holds at most 280',
        severity: 'error',
      },
    ]);
    expect(checkAssetRequest({ type: 'social-post', count: 1, maxLength: 281 })).toHaveLength(1);
  });

  it('rejects zero, negative and fractional counts, and too many', () => {
    expect(checkAssetRequest({ type: 'blog-post', count: 0 })[0]?.message).toBe(
      'the plan asks for 0 blog-post assets; ask for a whole number, at least 1',
    );
    expect(checkAssetRequest({ type: 'blog-post', count: -2 })).toHaveLength(1);
    expect(checkAssetRequest({ type: 'blog-post', count: 1.5 })).toHaveLength(1);
    expect(checkAssetRequest({ type: 'email-sequence', count: 21 })[0]?.message).toBe(
      'the plan asks for 21 emails in the sequence; the limit is 20',
    );
  });

  it('rejects lengths over ad limits and lengths of nothing', () => {
    expect(checkAssetRequest({ type: 'google-rsa', count: 1, maxLength: 91 })[0]?.message).toBe(
      'the plan asks for 91 characters, but a responsive search ad description holds at most 90',
    );
    expect(checkAssetRequest({ type: 'linkedin-ad', count: 1, maxLength: 601 })).toHaveLength(1);
    expect(checkAssetRequest({ type: 'blog-post', count: 1, maxLength: 0 })).toHaveLength(1);
  });

  it('rejects an unknown type', () => {
    expect(checkAssetRequest({ type: 'podcast' as 'blog-post', count: 1 })[0]?.where).toBe('type');
  });
});
