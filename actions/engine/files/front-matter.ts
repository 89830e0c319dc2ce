import matter from 'gray-matter';
import { CrescendoError } from '../errors.js';
import { parseYaml, toYaml } from './yaml.js';

export interface FrontMatterDocument {
  data: Record<string, unknown>;
  body: string;
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/**
 * Splits a markdown file into front matter and body. The front matter is parsed with
 * `yaml` (not gray-matter's js-yaml) so dates stay strings and errors carry lines.
 */
export function readFrontMatter(text: string, file: string): FrontMatterDocument {
  if (!text.startsWith('---')) {
    throw new CrescendoError('has no front matter', {
      where: file,
      fix: 'start the file with a "---" line, the YAML fields, and another "---" line',
    });
  }
  // gray-matter only splits the file; `yaml` parses, so errors carry lines and dates stay strings.
  const parsed = matter(text, { engines: { yaml: () => ({}) } });
  // gray-matter keeps the newline after the opening `---`, so lines in `matter` are already file lines.
  const yaml = parseYaml(parsed.matter, file);
  const data = yaml.value;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new CrescendoError('front matter must be a YAML mapping of fields', { where: `${file}:2` });
  }
  return { data: data as Record<string, unknown>, body: parsed.content, lineOf: yaml.lineOf };
}

export function writeFrontMatter(data: Record<string, unknown>, body: string): string {
  return `---\n${toYaml(data)}---\n\n${body.trimStart()}`;
}
