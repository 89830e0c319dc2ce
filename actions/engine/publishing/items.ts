import type { PlannedEntry } from '../artifacts/ledger.js';
import { assetSlug, assetTitle } from '../assets/index.js';
import type { RepoFiles } from '../files/repo-files.js';
import { PublishError, type PublishItem } from '../publishers/publisher.js';
import type { AssetFile } from './approved-assets.js';

/*
 * What a publisher is handed for one ledger entry: the approved asset as committed on the default branch
 * (its copy, its data, the HTML the review approved), the entry's key, time and tracked link, and the brand's
 * name and postal address. An asset that is gone or no longer approved is never published.
 */

export interface ItemSource {
  files: Pick<RepoFiles, 'readFile'>;
  assets: ReadonlyMap<string, AssetFile>;
  brand: PublishItem['brand'];
}

/** `content/x/email/2027-04-13-nurture.md`, email 2, variant b → `…-nurture-email-2-b.html`. */
export const emailHtmlPath = (path: string, email: number, variant: string): string =>
  `${path.replace(/\.md$/, '')}-email-${email}${variant === 'a' ? '' : `-${variant}`}.html`;

export async function publishItem(
  entry: PlannedEntry,
  campaign: string,
  source: ItemSource,
): Promise<PublishItem> {
  const asset = source.assets.get(entry.path);
  if (asset?.front.status !== 'approved') {
    throw new PublishError(
      'invalid',
      `${entry.path} is ${asset ? `${asset.front.status}, not approved` : 'gone'}`,
      {
        where: entry.path,
        fix: 'only approved assets are published: approve it in a review, or remove the entry from the distribution',
      },
    );
  }
  const { type } = asset.front;
  let html: string | undefined;
  if (entry.email !== undefined) {
    const file = emailHtmlPath(entry.path, entry.email, entry.variant);
    html = await source.files.readFile(file);
    if (html === undefined) {
      throw new PublishError('invalid', `the approved HTML of email ${entry.email} is missing`, {
        where: file,
        fix: 'run the content stage again for this sequence, or restore the file',
      });
    }
  }
  return {
    key: entry.key,
    campaign,
    path: entry.path,
    type,
    channel: entry.channel,
    variant: entry.variant,
    publishAt: entry.publishAt,
    title: assetTitle(type, asset.data as never),
    slug: assetSlug(type, asset.data as never),
    markdown: asset.body,
    ...(html === undefined ? {} : { html }),
    ...(entry.email === undefined ? {} : { emailNumber: entry.email }),
    data: asset.data,
    ...(entry.link ? { link: entry.link } : {}),
    brand: source.brand,
    ...(entry.keywords ? { keywords: entry.keywords } : {}),
    ...(entry.dailyBudget ? { dailyBudget: entry.dailyBudget } : {}),
  };
}
