import type { z } from 'zod';
import { CrescendoError } from '../errors.js';
import { readFrontMatter, writeFrontMatter } from './front-matter.js';
import { SAMPLE_BANNER } from './markdown.js';
import type { RepoFiles } from './repo-files.js';
import { validateWith } from './yaml.js';

export interface ArtifactMeta {
  kind: string;
  campaign: string;
  generated: string;
  sample: boolean;
}

/** A generated markdown file: front matter (machine-read) plus a rendered body (human-read). */
export function renderArtifact(meta: ArtifactMeta, data: Record<string, unknown>, body: string): string {
  const { sample, ...rest } = meta;
  const front = sample ? { ...rest, sample, ...data } : { ...rest, ...data };
  return writeFrontMatter(front, sample ? `${SAMPLE_BANNER}\n\n${body}` : body);
}

/** Parses the data an artifact keeps under `key` in its front matter; problems name file, field and line. */
export function parseArtifact<T>(text: string, path: string, key: string, schema: z.ZodType<T>): T {
  const doc = readFrontMatter(text, path);
  return validateWith(
    schema,
    doc.data[key],
    path,
    (p) => doc.lineOf([key, ...p]),
    `front matter \`${key}\` is missing or invalid`,
  );
}

/** Reads an artifact another stage wrote and a person approved; a missing one says which stage to approve. */
export async function readArtifact<T>(
  files: Pick<RepoFiles, 'readFile'>,
  path: string,
  key: string,
  schema: z.ZodType<T>,
  missing: { missing: string; fix: string },
): Promise<T> {
  const text = await files.readFile(path);
  if (!text) throw new CrescendoError(missing.missing, { where: path, fix: missing.fix });
  return parseArtifact(text, path, key, schema);
}
