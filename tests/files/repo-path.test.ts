import { describe, expect, it } from 'vitest';
import { isPlainRepoPath, isUnderPrefixes } from '../../actions/engine/files/repo-path.js';

describe('repository paths from editable files', () => {
  it('accepts plain relative paths only', () => {
    expect(isPlainRepoPath('content/x/blog-post/a.md')).toBe(true);
    for (const bad of ['', '/etc/passwd', 'a/../b', './a', 'a//b', 'a/', 'a\\..\\b', 'a/.', 'a\0b']) {
      expect([bad, isPlainRepoPath(bad)]).toEqual([bad, false]);
    }
  });

  it('is under a prefix only as a whole folder, never by climbing out of it', () => {
    expect(isUnderPrefixes('content/x/a.md', ['content/x'])).toBe(true);
    expect(isUnderPrefixes('content/x', ['content/x'])).toBe(true);
    expect(isUnderPrefixes('content/xy/a.md', ['content/x'])).toBe(false);
    expect(isUnderPrefixes('content/x/../../.github/crescendo.yml', ['content/x'])).toBe(false);
  });
});
