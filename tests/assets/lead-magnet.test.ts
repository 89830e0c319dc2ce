import { describe, expect, it } from 'vitest';
import { checkAsset } from '../../actions/engine/assets/index.js';
import { context, errors, leadMagnet, warnings } from './fixtures.js';

const check = (data: unknown) => checkAsset('lead-magnet', data, context('lead-magnet'));

describe('lead-magnet', () => {
  it('accepts a valid e-book', () => {
    expect(check(leadMagnet())).toEqual([]);
  });

  it('needs chapters for an e-book and sections for a template', () => {
    const { chapters: _, ...noChapters } = leadMagnet();
    expect(errors(check(noChapters))[0]?.message).toBe('an e-book needs chapters; there are none');
    expect(errors(check({ ...leadMagnet(), kind: 'template' })).map((p) => p.message)).toEqual([
      'a template needs sections; there are none',
      'a template has sections, not chapters',
    ]);
  });

  it('refuses an H1 inside a chapter and warns when the outline disagrees', () => {
    const magnet = leadMagnet();
    magnet.chapters![0]!.markdown = '# Title again';
    magnet.outline = ['How', 'Why'];
    expect(errors(check(magnet))[0]?.where).toBe('chapters[0].markdown');
    expect(warnings(check(magnet)).map((p) => p.where)).toEqual(['outline']);
  });
});
