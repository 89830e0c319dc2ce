import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { assetPath, renderAssetFile } from '../../../actions/engine/artifacts/asset.js';
import { type BrandVoice, parseBrandVoice } from '../../../actions/engine/artifacts/brand.js';
import { Brief } from '../../../actions/engine/artifacts/brief.js';
import type { ResearchReport } from '../../../actions/engine/artifacts/research.js';
import {
  AssetContext,
  type AssetData,
  type AssetType,
  assetSlug,
  renderAsset,
} from '../../../actions/engine/assets/index.js';
import type {
  CheckResult,
  CodeCheck,
  ReviewInput,
} from '../../../actions/engine/stages/review/code-check.js';
import { assignKeys, reviewedAsset } from '../../../actions/engine/stages/review/reviewed-asset.js';
import { siteMap } from '../../../actions/engine/stages/review/site-map.js';
import { smallBriefPath, smallDemoDir, smallSamplesDir } from '../../helpers.js';

/** The demo's brief, brand and research: real, known-good inputs the checks are held against. */
export const brief: Brief = Brief.parse(parse(readFileSync(smallBriefPath, 'utf8')));
export const brand: BrandVoice = parseBrandVoice(readFileSync(join(smallDemoDir, 'brand.yml'), 'utf8'));
export const research = JSON.parse(
  readFileSync(join(smallSamplesDir, 'research.json'), 'utf8'),
) as ResearchReport;

/** The demo's sample answer for a content key (`email-sequence/1`), a fresh copy to change. */
export function sample<T extends AssetType>(key: `${T}/${number}`): AssetData<T> {
  return JSON.parse(readFileSync(join(smallSamplesDir, `content__${key.replace('/', '__')}.json`), 'utf8'));
}

const CHANNEL: Record<AssetType, string> = {
  'blog-post': 'blog',
  'landing-page': 'landing-page',
  'email-sequence': 'email',
  'google-rsa': 'google-ads',
  'linkedin-ad': 'linkedin-ads',
  'lead-magnet': 'lead-magnet',
  'social-post': 'linkedin',
};

const KEYWORD: Partial<Record<AssetType, string>> = {
  'blog-post': 'marketing automation software',
  'landing-page': 'b2b marketing automation',
  'google-rsa': 'marketing automation platform',
};

export interface AssetFileOptions {
  date?: string;
  keyword?: string | null;
  brand?: BrandVoice;
  status?: 'draft' | 'approved' | 'changes-requested';
}

/** An asset file as the content stage writes it (front matter with the copy, then the rendered body). */
export function assetFile<T extends AssetType>(
  type: T,
  data: AssetData<T>,
  options: AssetFileOptions = {},
): { path: string; text: string } {
  const key = `${type}/1`;
  const channel = CHANNEL[type];
  const date = options.date ?? '2027-04-13';
  const keyword = options.keyword === null ? undefined : (options.keyword ?? KEYWORD[type]);
  const context = AssetContext.parse({
    type,
    channel,
    keyword,
    date,
    message: 'Nurture without an admin.',
    brand: options.brand ?? brand,
    campaignId: brief.id,
    landingUrl: brief.landingUrl,
  });
  const rendered = renderAsset(type, data, context);
  const path = assetPath(brief.id, channel, date, assetSlug(type, data));
  const text = renderAssetFile(
    {
      type,
      key,
      campaign: brief.id,
      channel,
      date,
      status: options.status ?? 'draft',
      ...(keyword ? { keyword } : {}),
      landingUrl: brief.landingUrl,
      asset: data,
    },
    rendered.markdown,
  );
  return { path, text };
}

/** What the checks read, built from asset files as the review stage builds it. */
export function reviewInput(
  files: readonly { path: string; text: string }[],
  overrides: { brand?: BrandVoice; brief?: Brief; research?: ResearchReport } = {},
): ReviewInput {
  const useBrand = overrides.brand ?? brand;
  const useBrief = overrides.brief ?? brief;
  const assets = assignKeys(files.map((f) => reviewedAsset(f, useBrand)));
  return {
    campaignId: useBrief.id,
    brief: useBrief,
    brand: useBrand,
    assets,
    research: overrides.research ?? research,
    site: siteMap(useBrief, useBrand, assets),
  };
}

export const runCheck = (
  check: CodeCheck,
  files: readonly { path: string; text: string }[],
  overrides: Parameters<typeof reviewInput>[1] = {},
): CheckResult => check.run(reviewInput(files, overrides));

/** The 1-based line of the first line of `text` containing `needle`. */
export function lineWith(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`no line contains ${needle}`);
  return index + 1;
}

/** The demo's landing page, so links to the landing URL have a page Crescendo made. */
export const landing = () => assetFile('landing-page', sample('landing-page/1'));
