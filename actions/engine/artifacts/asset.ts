import { z } from 'zod';
import { AssetType } from '../assets/asset-type.js';
import { isIsoDate } from '../assets/shared/slug.js';
import { readFrontMatter, setFrontMatterField, writeFrontMatter } from '../files/front-matter.js';
import { SAMPLE_BANNER } from '../files/markdown.js';
import type { RepoFiles } from '../files/repo-files.js';

/** `content/<campaign>/`: every asset of a campaign, one file each, plus its index. */
export const contentDir = (campaignId: string): string => `content/${campaignId}`;
export const contentIndexPath = (campaignId: string): string => `${contentDir(campaignId)}/index.md`;

/** `content/<campaign>/<channel>/<yyyy-mm-dd>-<slug>.md`: one asset per file, sorted by date in a listing. */
export function assetPath(campaignId: string, channel: string, date: string, slug: string): string {
  for (const [name, value] of [
    ['campaign id', campaignId],
    ['channel', channel],
    ['slug', slug],
  ] as const) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value) || value.includes('..')) {
      throw new Error(`${name} "${value}" cannot be part of a path: use letters, digits, ".", "_" and "-"`);
    }
  }
  if (!isIsoDate(date)) throw new Error(`date "${date}" is not a calendar day written yyyy-mm-dd`);
  return `${contentDir(campaignId)}/${channel}/${date}-${slug}.md`;
}

/**
 * The `n`-th asset that wants the same path: `<yyyy-mm-dd>-<slug>-<n>.md` (n ≥ 2; the first keeps its
 * path), so same-date assets with the same slug never overwrite each other.
 */
export function numberedAssetPath(path: string, n: number): string {
  if (!path.endsWith('.md')) throw new Error(`asset path "${path}" does not end in .md`);
  return n < 2 ? path : `${path.slice(0, -3)}-${n}.md`;
}

/** Where an asset's review stands: `draft` until the review stage approves it. */
export const AssetStatus = z.enum(['draft', 'approved', 'changes-requested']);
export type AssetStatus = z.infer<typeof AssetStatus>;

/**
 * An asset file's front matter: each fact once. The copy is `asset:` (the validated answer, in the asset
 * type's schema); title, slug, variants and tracked links are derived from it (assets/index.ts), and the body
 * below the front matter is rendered from it for people to read.
 */
export const AssetFront = z.object({
  sample: z.literal(true).optional(),
  type: AssetType,
  /** The content plan's key (`blog-post/2`): which planned asset this is, so a revision can make it again. */
  key: z.string().min(1).optional(),
  campaign: z.string().min(1),
  channel: z.string().min(1),
  date: z.string().refine(isIsoDate, 'must be a date written yyyy-mm-dd'),
  status: AssetStatus,
  keyword: z.string().min(1).optional(),
  /** The campaign's landing page the checks held links against. */
  landingUrl: z.string().min(1).optional(),
  asset: z.unknown(),
});
export type AssetFront = z.infer<typeof AssetFront>;

/** The asset file: its front matter, then its rendered copy (with the sample banner when made from samples). */
export function renderAssetFile(front: AssetFront, body: string): string {
  const { sample, ...rest } = front;
  return writeFrontMatter(sample ? { sample, ...rest } : rest, sample ? `${SAMPLE_BANNER}\n\n${body}` : body);
}

export interface ContentFile {
  path: string;
  text: string;
  front: Record<string, unknown>;
  body: string;
}

/** The campaign's asset markdown files on the default branch (the index excluded). */
export async function readContentFiles(
  files: Pick<RepoFiles, 'readFile' | 'listFiles'>,
  campaignId: string,
): Promise<ContentFile[]> {
  const paths = (await files.listFiles(contentDir(campaignId))).filter(
    (p) => p.endsWith('.md') && p !== contentIndexPath(campaignId),
  );
  const texts = await Promise.all(paths.map((path) => files.readFile(path)));
  return paths.map((path, i) => {
    const text = texts[i] ?? '';
    const doc = readFrontMatter(text, path);
    return { path, text, front: doc.data, body: doc.body };
  });
}

/** The file with its `status:` line changed and nothing else, so the review's diff is that one line. */
export function withStatus(file: ContentFile, status: AssetStatus): string {
  return setFrontMatterField(file.text, file.path, 'status', status);
}
