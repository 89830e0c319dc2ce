import { describe, expect, it } from 'vitest';
import { checkAsset, renderAsset } from '../../actions/engine/assets/index.js';
import { context, errors, landingPage, warnings } from './fixtures.js';

const ctx = context('landing-page', { channel: 'web' });
const check = (data: unknown) => checkAsset('landing-page', data, ctx);

describe('landing-page checks', () => {
  it('accepts a valid page', () => {
    expect(check(landingPage())).toEqual([]);
  });

  it('needs an email field and well-formed, unique field names', () => {
    const page = landingPage();
    page.form.fields = [
      { name: 'Company Name', label: 'Company', type: 'text', required: true },
      { name: 'company', label: 'Company', type: 'text', required: true },
      { name: 'company', label: 'Company again', type: 'select', required: false, options: ['a'] },
    ];
    expect(errors(check(page)).map((p) => `${p.where}: ${p.message}`)).toEqual([
      'form.fields: the form has no field of type "email"',
      'form.fields[0].name: field 1 name "Company Name" must be snake_case (a-z, 0-9, _), starting with a letter',
      'form.fields[2].name: field 3 repeats the name "company" of field 2',
      'form.fields[2].options: field 3 is a select with 1 options; give at least 2',
    ]);
  });

  it('warns on a generic submit label, too many fields and no proof', () => {
    const page = landingPage();
    page.form.submitLabel = 'Submit';
    page.form.fields.push(
      ...['a', 'b', 'c', 'd'].map((n) => ({ name: n, label: n, type: 'text' as const, required: false })),
    );
    page.proof = { testimonials: [], stats: [] };
    expect(warnings(check(page)).map((p) => p.where)).toEqual(['proof', 'form.fields', 'form.submitLabel']);
  });

  it('requires a source for every statistic', () => {
    const page = landingPage() as unknown as { proof: { stats: { source?: string }[] } };
    delete page.proof.stats[0]!.source;
    expect(check(page)[0]).toMatchObject({ where: 'proof.stats[0].source', severity: 'error' });
  });
});

describe('landing-page HTML', () => {
  it('renders a static page per variant, escaping every text', () => {
    const page = landingPage();
    page.hero.headline = 'Ship <script>alert(1)</script> & win';
    page.benefits[0]!.description = 'Raw <iframe src="x"></iframe> and [bad](javascript:alert(1)).';
    page.proof.testimonials[0]!.quote = '"Great" <b>tool</b>';
    page.variants = [{ variantId: 'b', headline: 'Second <headline>' }];
    const { extra } = renderAsset('landing-page', page, ctx);
    expect(extra.map((e) => e.pathSuffix)).toEqual(['.html', '-b.html']);
    const html = extra[0]!.content;
    expect(html).toContain('<h1>Ship &lt;script&gt;alert(1)&lt;/script&gt; &amp; win</h1>');
    expect(html).toContain('Raw &lt;iframe src=&quot;x&quot;&gt;&lt;/iframe&gt;');
    expect(html).toContain('<a href="#">bad</a>');
    expect(html).toContain('&quot;Great&quot; &lt;b&gt;tool&lt;/b&gt;');
    expect(html).not.toMatch(/<script>alert|<iframe|javascript:/);
    expect(html).toContain(
      '<input id="field-work_email" type="email" name="work_email" autocomplete="email" required>',
    );
    expect(html).toContain('<input type="hidden" name="variant" value="a">');
    expect(extra[1]!.content).toContain('<h1>Second &lt;headline&gt;</h1>');
    expect(extra[1]!.content).toContain('<input type="hidden" name="variant" value="b">');
    expect(html).toContain('<title>Marketing automation as code | Crescendo</title>');
  });
});
