import { CrescendoError } from '../errors.js';
import { parseYaml, toYaml } from './yaml.js';

/**
 * The one reader and writer of markdown front matter in Crescendo. Front matter is data, never code: only
 * YAML opened by a line of exactly `---` is read. gray-matter is not used here because it runs the
 * JavaScript of `---js` / `---javascript` front matter (its `eval` engine) — a repository file must never
 * run in a process that holds the model key and the GitHub token.
 */
export interface FrontMatterDocument {
  data: Record<string, unknown>;
  body: string;
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

const FENCE = '---';

/** The lines of the front matter block: [start, end) line indexes of the YAML, and where the body starts. */
function locate(text: string, file: string): { yaml: string; body: string } {
  const lines = text.split('\n');
  const first = lines[0] ?? '';
  if (first !== FENCE) {
    if (first.startsWith(FENCE)) {
      throw new CrescendoError(
        `front matter must open with a line of exactly "---", not "${first.slice(0, 40)}"`,
        {
          where: `${file}:1`,
          fix: 'only YAML front matter is read (never code such as ---js): make the first line exactly ---',
        },
      );
    }
    throw new CrescendoError('has no front matter', {
      where: file,
      fix: 'start the file with a "---" line, the YAML fields, and another "---" line',
    });
  }
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === FENCE) {
      return { yaml: lines.slice(1, i).join('\n'), body: lines.slice(i + 1).join('\n') };
    }
  }
  throw new CrescendoError('front matter is not closed', {
    where: `${file}:1`,
    fix: 'end the YAML fields with a line of exactly ---',
  });
}

/** Splits a markdown file into its YAML front matter (parsed, with lines) and its body. */
export function readFrontMatter(text: string, file: string): FrontMatterDocument {
  const { yaml: source, body } = locate(text.replace(/^\uFEFF/, '').replaceAll('\r\n', '\n'), file);
  // The YAML starts on line 2 of the file.
  const yaml = parseYaml(source, file, 1);
  const data = yaml.value ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new CrescendoError('front matter must be a YAML mapping of fields', { where: `${file}:2` });
  }
  return { data: data as Record<string, unknown>, body, lineOf: yaml.lineOf };
}

export function writeFrontMatter(data: Record<string, unknown>, body: string): string {
  return `${FENCE}\n${toYaml(data)}${FENCE}\n\n${body.trimStart()}`;
}

/**
 * Sets one top-level scalar field of a file's front matter by editing only its line, so a status change in
 * a later stage is a one-line diff. The field must already exist as a one-line scalar; otherwise it is added
 * as the last field.
 */
export function setFrontMatterField(text: string, file: string, key: string, value: string): string {
  const { data } = readFrontMatter(text, file);
  const rendered = toYaml({ [key]: value }).trimEnd();
  const lines = text.split('\n');
  const close = lines.indexOf(FENCE, 1);
  const at = lines.findIndex((line, i) => i > 0 && i < close && line.startsWith(`${key}:`));
  if (at > 0 && typeof data[key] !== 'object') lines[at] = rendered;
  else lines.splice(close, 0, rendered);
  const result = lines.join('\n');
  if (readFrontMatter(result, file).data[key] !== value) {
    throw new CrescendoError(`could not set ${key} in the front matter`, { where: file });
  }
  return result;
}
