import type { ContentFile } from '../../artifacts/asset.js';
import { contextFromFrontMatter } from '../../artifacts/asset-data.js';
import type { BrandVoice } from '../../artifacts/brand.js';
import { AssetType } from '../../assets/asset-type.js';
import {
  type AssetContext,
  type AssetData,
  assetSchemas,
  assetTitle,
  type RenderedAsset,
  renderAsset,
} from '../../assets/index.js';
import { formatError } from '../../errors.js';
import { readFrontMatter } from '../../files/front-matter.js';

/** One asset file under review, with what the checks need to read it and to point at its lines. */
export interface ReviewedAsset {
  path: string;
  /** The file as committed: line numbers are counted in it. */
  text: string;
  lines: string[];
  front: Record<string, unknown>;
  type?: AssetType;
  /** The content plan's key (`blog-post/2`): names the model task and its sample answer. */
  key: string;
  title: string;
  /** The copy (`asset:`), when its type's schema accepts it. */
  data?: AssetData<AssetType>;
  context?: AssetContext;
  rendered?: RenderedAsset;
  /** 1-based line of a front-matter path, e.g. `['asset', 'emails', 0, 'subject']`. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
  /** The line of `status:`, which the review pull request changes. */
  statusLine: number;
  /** Why the file could not be read as an asset; the checks report it and skip the rest. */
  problem?: string;
}

/** Reads one asset file for review; never throws (a broken file becomes `problem`). */
export function reviewedAsset(file: Pick<ContentFile, 'path' | 'text'>, brand: BrandVoice): ReviewedAsset {
  const lines = file.text.split('\n');
  const statusLine = Math.max(1, lines.findIndex((l, i) => i > 0 && /^status:/.test(l)) + 1);
  const base: ReviewedAsset = {
    path: file.path,
    text: file.text,
    lines,
    front: {},
    key: '',
    title: file.path.split('/').pop() ?? file.path,
    lineOf: () => undefined,
    statusLine,
  };
  let doc: ReturnType<typeof readFrontMatter>;
  try {
    doc = readFrontMatter(file.text, file.path);
  } catch (error) {
    return { ...base, problem: formatError(error) };
  }
  const withFront = { ...base, front: doc.data, lineOf: doc.lineOf };
  const type = AssetType.safeParse(doc.data.type);
  if (!type.success)
    return { ...withFront, problem: `its front matter has no asset type (type: ${String(doc.data.type)})` };
  const key = typeof doc.data.key === 'string' ? doc.data.key : '';
  const parsed = assetSchemas[type.data].safeParse(doc.data.asset);
  if (!parsed.success) {
    return {
      ...withFront,
      type: type.data,
      key,
      problem: `its asset data does not match the ${type.data} schema: ${parsed.error.issues[0]?.message ?? ''}`,
    };
  }
  const data = parsed.data as AssetData<AssetType>;
  const context = contextFromFrontMatter(type.data, doc.data, brand);
  let rendered: RenderedAsset | undefined;
  try {
    rendered = context ? renderAsset(type.data, data, context) : undefined;
  } catch {
    rendered = undefined;
  }
  return {
    ...withFront,
    type: type.data,
    key,
    title: assetTitle(type.data, data),
    data,
    ...(context ? { context } : {}),
    ...(rendered ? { rendered } : {}),
  };
}

/**
 * Keys for assets whose files predate keys in the front matter: `<type>/<n>` in date order, skipping keys
 * other files already carry.
 */
export function assignKeys(assets: ReviewedAsset[]): ReviewedAsset[] {
  const taken = new Set(assets.map((a) => a.key).filter(Boolean));
  const next = new Map<string, number>();
  const ordered = [...assets].sort(
    (a, b) => String(a.front.date).localeCompare(String(b.front.date)) || a.path.localeCompare(b.path),
  );
  const keys = new Map<string, string>();
  for (const asset of ordered) {
    if (asset.key) continue;
    const type = asset.type ?? 'asset';
    let n = next.get(type) ?? 1;
    while (taken.has(`${type}/${n}`)) n++;
    keys.set(asset.path, `${type}/${n}`);
    taken.add(`${type}/${n}`);
    next.set(type, n + 1);
  }
  return assets.map((a) => (a.key ? a : { ...a, key: keys.get(a.path) ?? a.path }));
}
