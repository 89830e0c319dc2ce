import { describe, expect, it } from 'vitest';
import { zeroCost } from '../../../actions/engine/artifacts/campaign-state.js';
import { duplicatePaths } from '../../../actions/engine/files/repo-path.js';
import type { PlannedAsset } from '../../../actions/engine/stages/content/asset-plan.js';
import type { ProducedAsset } from '../../../actions/engine/stages/content/generate.js';
import { withUniquePaths } from '../../../actions/engine/stages/content/unique-paths.js';

const dir = 'content/c/landing-page';
const asset = (key: string): PlannedAsset => ({
  key,
  type: 'landing-page',
  channel: 'landing-page',
  date: '2027-04-01',
  message: 'm',
});
const page = (key: string, slug: string): ProducedAsset => {
  const path = `${dir}/2027-04-01-${slug}.md`;
  return {
    asset: asset(key),
    path,
    cost: zeroCost(),
    files: [
      { path, content: key },
      { path: path.replace(/\.md$/, '.html'), content: `${key} a` },
      { path: path.replace(/\.md$/, '-b.html'), content: `${key} b` },
    ],
  };
};

describe('unique asset paths', () => {
  it('numbers the later of two same-path assets, moving its extra files with it', () => {
    const out = withUniquePaths([page('landing-page/1', 'x'), page('landing-page/2', 'x')]);
    expect(out.map((p) => p.path)).toEqual([`${dir}/2027-04-01-x.md`, `${dir}/2027-04-01-x-2.md`]);
    expect(out[1]?.files.map((f) => [f.path, f.content])).toEqual([
      [`${dir}/2027-04-01-x-2.md`, 'landing-page/2'],
      [`${dir}/2027-04-01-x-2.html`, 'landing-page/2 a'],
      [`${dir}/2027-04-01-x-2-b.html`, 'landing-page/2 b'],
    ]);
  });

  it("moves an asset whose markdown is free but whose extra file is another's (slug x-b next to x)", () => {
    const out = withUniquePaths([page('landing-page/1', 'x'), page('landing-page/2', 'x-b')]);
    expect(out[1]?.path).toBe(`${dir}/2027-04-01-x-b-2.md`);
    expect(duplicatePaths(out.flatMap((p) => p.files))).toEqual([]);
  });

  it('leaves failed assets and distinct paths alone', () => {
    const failed: ProducedAsset = { asset: asset('landing-page/3'), files: [], cost: zeroCost(), error: 'e' };
    const input = [page('landing-page/1', 'x'), failed, page('landing-page/2', 'y')];
    expect(withUniquePaths(input)).toEqual(input);
  });

  it('finds paths written twice in one commit', () => {
    expect(duplicatePaths([{ path: 'a' }, { path: 'b' }, { path: 'a' }, { path: 'a' }])).toEqual(['a']);
  });
});
