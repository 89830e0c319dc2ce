import { AssetFront, type ContentFile, readContentFiles } from '../artifacts/asset.js';
import type { AssetType } from '../assets/asset-type.js';
import { type AssetData, assetSchemas } from '../assets/index.js';
import { CrescendoError, type Problem } from '../errors.js';
import { SAMPLE_BANNER } from '../files/markdown.js';
import type { RepoFiles } from '../files/repo-files.js';
import { zodProblems } from '../files/yaml.js';

/** An asset file read and validated: its front matter and its data in the asset type's schema. */
export interface AssetFile<T extends AssetType = AssetType> {
  path: string;
  front: AssetFront & { type: T };
  data: AssetData<T>;
  /** The copy below the front matter, without the sample banner. */
  body: string;
}

/** Reads one content file into an `AssetFile`; a hand-edit that breaks it is reported with its fields. */
export function readAssetFile(file: Pick<ContentFile, 'path' | 'front' | 'body'>): AssetFile {
  const front = AssetFront.safeParse(file.front);
  const problems: Problem[] = front.success ? [] : zodProblems(front.error, file.path);
  const data = front.success ? assetSchemas[front.data.type].safeParse(front.data.asset) : undefined;
  if (data && !data.success) problems.push(...zodProblems(data.error, `${file.path} asset`));
  if (!front.success || !data?.success) {
    throw new CrescendoError('is not an asset Crescendo can publish', {
      where: file.path,
      problems,
      fix: 'run `crescendo check` on the file, fix what it names, and approve the asset again',
    });
  }
  const body = file.body.replace(SAMPLE_BANNER, '').replace(/^\s+/, '');
  return { path: file.path, front: front.data, data: data.data as AssetData<AssetType>, body };
}

/** Every asset of the campaign on the default branch, validated (approved or not). */
export async function readAssetFiles(
  files: Pick<RepoFiles, 'readFile' | 'listFiles'>,
  campaign: string,
): Promise<AssetFile[]> {
  return (await readContentFiles(files, campaign)).map(readAssetFile);
}

/** Only what the review approved (front matter `status: approved`) is ever scheduled or published. */
export const isApproved = (asset: AssetFile): boolean => asset.front.status === 'approved';
