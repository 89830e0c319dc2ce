import { writeFrontMatter } from './front-matter.js';
import { SAMPLE_BANNER } from './markdown.js';

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
