import { describe, expect, it } from 'vitest';
import { PathTrie } from '../../actions/engine/attribution/path-trie.js';

describe('PathTrie', () => {
  it('numbers distinct paths in order of first sight, prefixes and repeats included', () => {
    const trie = new PathTrie();
    expect(trie.find([1, 2, 3], 3)).toBe(0);
    expect(trie.find([1, 2], 2)).toBe(1);
    expect(trie.find([1, 2, 3, 9], 3)).toBe(0);
    expect(trie.find([2, 1], 2)).toBe(2);
    expect(trie.find([1, 2], 2)).toBe(1);
    expect(trie.find([], 0)).toBe(3);
    expect(trie.size).toBe(4);
  });

  it('keeps every path apart as its table grows', () => {
    const trie = new PathTrie();
    const paths: number[][] = [];
    for (let a = 0; a < 40; a++) for (let b = 0; b < 40; b++) paths.push([a, b, (a * b) % 7, 65_534]);
    const first = paths.map((p) => trie.find(p, p.length));
    const again = paths.map((p) => trie.find(p, p.length));
    expect(first).toEqual(paths.map((_, i) => i));
    expect(again).toEqual(first);
    expect(trie.size).toBe(paths.length);
  });
});
