import { describe, expect, it } from 'vitest';
import { parseCampaignFile } from '../../actions/engine/artifacts/campaign.js';
import { CrescendoError } from '../../actions/engine/errors.js';
import { readFrontMatter } from '../../actions/engine/files/front-matter.js';
import { checkFile } from '../../scripts/cli/check-file.js';

function caught(fn: () => unknown): CrescendoError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CrescendoError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('hand-edited files', () => {
  it('reports broken front matter with file and line', () => {
    const error = caught(() =>
      readFrontMatter('---\nkind: research\ncampaign: [unclosed\n---\nbody\n', 'plans/x.md'),
    );
    expect(error.where).toBe('plans/x.md');
    // yaml reports where it noticed the unclosed list: the line itself or the one after.
    expect([3, 4]).toContain(error.problems[0]?.line);
  });

  it('reports a campaign file field with its line', () => {
    const text = 'brief:\n  id: ok-id\n  name: x\nstate:\n  sample: maybe\n';
    const error = caught(() => parseCampaignFile(text, 'campaigns/ok-id/campaign.yml'));
    const stage = error.problems.find((p) => p.where.endsWith('state.sample'));
    expect(stage?.line).toBe(5);
  });

  it('check names the artifact kind and the failing checkpoint', () => {
    const result = checkFile(
      'plans/reports/x-research.md',
      '---\nkind: research\ncampaign: x\nresearch: {}\n---\n',
    );
    expect(result.ok).toBe(false);
    expect(result.kind).toBe('research');
    expect(result.problems[0]?.where).toContain('research.summary');
  });
});
