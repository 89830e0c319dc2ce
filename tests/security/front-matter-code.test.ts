import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CrescendoError } from '../../actions/engine/errors.js';
import { readFrontMatter } from '../../actions/engine/files/front-matter.js';
import { parseYaml } from '../../actions/engine/files/yaml.js';
import { checkFile } from '../../scripts/cli/check-file.js';

// Every language gray-matter would evaluate or hand to an engine, plus spellings people try.
const OPENERS = [
  '---js',
  '---javascript',
  '--- js',
  '---json',
  '---coffee',
  '---toml',
  '---yaml',
  '----',
  '---\t',
];

const dir = mkdtempSync(join(tmpdir(), 'crescendo-fm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file whose front matter, if evaluated, writes a marker file: proof that code ran. */
function attack(opener: string): { text: string; marker: string } {
  const marker = join(dir, `ran-${Math.random().toString(36).slice(2)}`);
  const code = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'pwned'); ({ kind: 'research' })`;
  return { text: `${opener}\n${code}\n---\n# Report\n`, marker };
}

const ran = (marker: string): boolean => {
  try {
    return readFileSync(marker, 'utf8') === 'pwned';
  } catch {
    return false;
  }
};

describe('front matter is data, never code', () => {
  for (const opener of OPENERS) {
    it(`"${opener.replace('\t', '\\t')}" is a located error and runs nothing`, () => {
      const { text, marker } = attack(opener);
      let error: unknown;
      try {
        readFrontMatter(text, 'plans/reports/x-research.md');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CrescendoError);
      expect((error as CrescendoError).where).toBe('plans/reports/x-research.md:1');
      expect((error as CrescendoError).fix).toMatch(/exactly ---/);
      expect(ran(marker)).toBe(false);
    });
  }

  it('crescendo check refuses such a file with the reason and runs nothing', () => {
    const { text, marker } = attack('---js');
    writeFileSync(join(dir, 'x.md'), text);
    const result = checkFile('plans/reports/x-research.md', text);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.message).join(' ')).toMatch(/exactly "---"/);
    expect(ran(marker)).toBe(false);
  });

  it('YAML tags that name code stay inert strings or errors', () => {
    const text = '---\nkind: !!js/function "function () { return 1 }"\n---\n';
    const doc = (() => {
      try {
        return readFrontMatter(text, 'x.md').data;
      } catch (error) {
        return error;
      }
    })();
    expect(typeof doc === 'object' && doc !== null && typeof (doc as { kind?: unknown }).kind).not.toBe(
      'function',
    );
  });

  it('a YAML alias bomb is a located error, not a hang or a crash', () => {
    const bomb = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    ].join('\n');
    expect(() => parseYaml(bomb, 'campaigns/x/campaign.yml')).toThrow(/aliases/);
  });

  it('reads plain YAML front matter with file lines, and a BOM or CRLF file', () => {
    const doc = readFrontMatter('\uFEFF---\r\nkind: report\r\ncampaign: x\r\n---\r\nBody\r\n', 'r.md');
    expect(doc.data).toEqual({ kind: 'report', campaign: 'x' });
    expect(doc.lineOf(['campaign'])).toBe(3);
    expect(doc.body.trim()).toBe('Body');
  });
});
