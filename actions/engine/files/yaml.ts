import { isNode, LineCounter, parseDocument, stringify } from 'yaml';
import type { z } from 'zod';
import { CrescendoError, type Problem } from '../errors.js';
import { knownKeysAt, unknownKeyMessage } from './strict-object.js';

/** `objectives[1].target` from zod's `['objectives', 1, 'target']`. */
export function formatPath(path: readonly PropertyKey[], root = '(root)'): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || root;
}

export function zodProblems(error: z.ZodError, prefix = ''): Problem[] {
  return error.issues.map((issue) => {
    const path = formatPath(issue.path);
    return {
      where: prefix ? (path === '(root)' ? prefix : `${prefix}.${path}`) : path,
      message: issue.message,
    };
  });
}

export interface ParsedYaml {
  value: unknown;
  /** 1-based line of the node at a path, for error messages about hand-edited files. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/** Parses YAML, turning syntax errors into a CrescendoError naming file and line. */
export function parseYaml(text: string, file: string, lineOffset = 0): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new CrescendoError('is not valid YAML', {
      where: file,
      problems: doc.errors.map((e) => ({
        where: file,
        line: (e.linePos?.[0]?.line ?? 0) + lineOffset || undefined,
        message: e.message.split('\n')[0] ?? e.message,
      })),
      fix: 'fix the YAML syntax at the lines shown (indentation, quotes around text containing ":")',
    });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // `yaml` refuses documents whose aliases would expand without bound (a "billion laughs" file).
    throw new CrescendoError('has too many YAML aliases (*name references) to read safely', {
      where: file,
      cause: error,
      fix: 'write the values out instead of repeating them through anchors (&name) and aliases (*name)',
    });
  }
  return {
    value,
    lineOf(path) {
      for (let depth = path.length; depth > 0; depth--) {
        const node = doc.getIn(path.slice(0, depth) as unknown[], true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line + lineOffset;
      }
      return undefined;
    },
  };
}

/** Validates data against a schema; every problem names the file, field and, when known, the line. */
export function validateWith<T>(
  schema: z.ZodType<T>,
  value: unknown,
  file: string,
  lineOf?: (path: readonly PropertyKey[]) => number | undefined,
  what = 'does not match its schema',
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new CrescendoError(what, {
    where: file,
    problems: result.error.issues.flatMap((issue) =>
      // An unknown key is located at the key itself, with the field it probably meant.
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => {
            const path = [...issue.path, key];
            return {
              where: `${file} ${formatPath(path)}`,
              line: lineOf?.(path),
              message: unknownKeyMessage(key, knownKeysAt(schema, issue.path)),
            };
          })
        : [
            {
              where: `${file} ${formatPath(issue.path)}`,
              line: lineOf?.(issue.path),
              message: issue.message,
            },
          ],
    ),
  });
}

/**
 * The one YAML writer. It quotes every string a YAML 1.1 reader would misread (`2026-03-02` as a date, `no` as
 * false): our reader is YAML 1.2, but the static site generators and tools people open these files with are
 * often 1.1 (js-yaml, Jekyll's Psych), and a value must mean the same everywhere.
 */
export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, version: '1.1' });
}
