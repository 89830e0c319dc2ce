import { readFrontMatter, writeFrontMatter } from '../files/front-matter.js';
import type { StageContext } from '../stages/stage.js';

export interface ContentFile {
  path: string;
  text: string;
  front: Record<string, unknown>;
  body: string;
}

/** The campaign's asset markdown files on the default branch (the index excluded). */
export async function readContentFiles(ctx: StageContext): Promise<ContentFile[]> {
  const id = ctx.campaign.brief.id;
  const paths = (await ctx.listFiles(`content/${id}`)).filter(
    (p) => p.endsWith('.md') && !p.endsWith('/index.md'),
  );
  const files: ContentFile[] = [];
  for (const path of paths) {
    const text = (await ctx.readFile(path)) ?? '';
    const doc = readFrontMatter(text, path);
    files.push({ path, text, front: doc.data, body: doc.body });
  }
  return files;
}

export function withStatus(file: ContentFile, status: string): string {
  return writeFrontMatter({ ...file.front, status }, file.body);
}
