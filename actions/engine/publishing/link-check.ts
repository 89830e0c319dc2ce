import { markdownLinks } from '../assets/shared/links.js';
import type { Problem } from '../errors.js';
import type { RepoFiles } from '../files/repo-files.js';
import type { PublishItem } from '../publishers/publisher.js';
import type { AssetFile } from './approved-assets.js';

/*
 * Tracking that works before anything is published: every URL an entry carries is well-formed, and every link
 * to a page Crescendo itself made (the campaign's landing pages, rendered as HTML in content/<id>/) reaches a
 * page that exists in every variant, with the anchor it names. Only our own pages can be checked offline;
 * other sites are held to being well-formed URLs.
 */

/** A page Crescendo rendered: its public address and the HTML of each variant as committed. */
export interface CrescendoPage {
  url: string;
  path: string;
  approved: boolean;
  variants: { id: string; file: string; html: string | undefined }[];
}

export interface LinkRef {
  where: string;
  url: string;
}

/** The landing pages of the campaign, at their `landingUrl`, with each variant's HTML file. */
export async function crescendoPages(
  files: Pick<RepoFiles, 'readFile'>,
  assets: readonly AssetFile[],
): Promise<CrescendoPage[]> {
  const pages: CrescendoPage[] = [];
  for (const asset of assets) {
    if (asset.front.type !== 'landing-page' || !asset.front.landingUrl) continue;
    const ids = [
      'a',
      ...((asset.data as { variants?: { variantId: string }[] }).variants ?? []).map((v) => v.variantId),
    ];
    const base = asset.path.replace(/\.md$/, '');
    const variants = await Promise.all(
      ids.map(async (id) => {
        const file = id === 'a' ? `${base}.html` : `${base}-${id}.html`;
        return { id, file, html: await files.readFile(file) };
      }),
    );
    pages.push({
      url: asset.front.landingUrl,
      path: asset.path,
      approved: asset.front.status === 'approved',
      variants,
    });
  }
  return pages;
}

const decode = (text: string): string =>
  text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/** Link targets of HTML Crescendo rendered (double-quoted attributes), the unsubscribe placeholder left out. */
export const htmlLinks = (html: string, where: string): LinkRef[] =>
  [...html.matchAll(/\shref="([^"]*)"/g)]
    .map((m) => decode(m[1] ?? ''))
    .filter((url) => url !== '{{unsubscribe_url}}')
    .map((url) => ({ where, url }));

export const htmlIds = (html: string): Set<string> =>
  new Set([...html.matchAll(/\s(?:id|name)="([^"]+)"/g)].map((m) => decode(m[1] ?? '')));

/** Every http(s) URL held anywhere in an asset's data (calls to action, final URLs, links). */
export function dataLinks(data: unknown, where: string, path = ''): LinkRef[] {
  if (typeof data === 'string')
    return /^https?:\/\//i.test(data) ? [{ where: `${where} ${path}`, url: data }] : [];
  if (Array.isArray(data)) return data.flatMap((v, i) => dataLinks(v, where, `${path}[${i}]`));
  if (data && typeof data === 'object') {
    return Object.entries(data).flatMap(([k, v]) => dataLinks(v, where, path ? `${path}.${k}` : k));
  }
  return [];
}

/** Every link one publish item carries: its tracked link, the asset's URLs, the body's links. */
export function itemLinks(item: PublishItem): LinkRef[] {
  const refs: LinkRef[] = [];
  if (item.link) refs.push({ where: `${item.path} (tracked link, variant ${item.variant})`, url: item.link });
  refs.push(...dataLinks(item.data, item.path));
  refs.push(...markdownLinks(item.markdown).map((url) => ({ where: `${item.path} (body)`, url })));
  if (item.html) refs.push(...htmlLinks(item.html, `${item.path} (email ${item.emailNumber ?? 1} HTML)`));
  return refs;
}

/** Why a URL is not well-formed, or undefined. Root-relative paths (`/pricing`) are links within the site. */
export function malformed(url: string): string | undefined {
  if (url.trim() === '') return 'is empty';
  if (/\s/.test(url)) return 'contains spaces';
  if (/^(mailto|tel):/i.test(url) || (url.startsWith('/') && !url.startsWith('//')) || url.startsWith('#'))
    return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not an absolute URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return `uses ${parsed.protocol}, not http(s)`;
  if (!parsed.hostname.includes('.') && parsed.hostname !== 'localhost') return 'has no domain name';
  return undefined;
}

const pageKey = (url: URL): string =>
  `${url.hostname.replace(/^www\./, '')}${url.pathname.replace(/\/+$/, '')}`;

function pageOf(url: string, pages: readonly CrescendoPage[]): CrescendoPage | undefined {
  try {
    const key = pageKey(new URL(url));
    return pages.find((page) => pageKey(new URL(page.url)) === key);
  } catch {
    return undefined;
  }
}

/**
 * Problems of links: malformed ones, and links to our pages that are missing or lack the anchor. A link to a
 * page the review has not approved is a problem where the distribution is planned (its pull request shows
 * it, and merging it is a person's decision to go ahead); at publish time (`unapproved: 'allow'`) that
 * decision stands, and only a page or anchor that does not exist stops an entry.
 */
export function checkLinks(
  refs: readonly LinkRef[],
  pages: readonly CrescendoPage[],
  options: { unapproved: 'problem' | 'allow' } = { unapproved: 'problem' },
): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const ref of refs) {
    const id = `${ref.where}\u0000${ref.url}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const bad = malformed(ref.url);
    if (bad) {
      problems.push({ where: ref.where, message: `the link "${ref.url}" ${bad}` });
      continue;
    }
    const page = pageOf(ref.url, pages);
    if (!page) continue;
    if (!page.approved && options.unapproved === 'problem') {
      problems.push({
        where: ref.where,
        message: `links to ${page.url}, the landing page ${page.path}, which is not approved`,
      });
      continue;
    }
    const fragment = decodeURIComponent(new URL(ref.url).hash.slice(1));
    for (const variant of page.variants) {
      if (variant.html === undefined) {
        problems.push({
          where: ref.where,
          message: `links to ${page.url}, whose page ${variant.file} is missing`,
        });
      } else if (fragment && !htmlIds(variant.html).has(fragment)) {
        const ids = [...htmlIds(variant.html)].filter((x) => !x.startsWith('field-'));
        problems.push({
          where: ref.where,
          message: `links to #${fragment} on ${page.url}, but ${variant.file} has no such anchor (it has ${ids.map((x) => `#${x}`).join(', ') || 'none'})`,
        });
      }
    }
  }
  return problems;
}

/** A page's own in-page links (`href="#form"`) must reach an element of that page. */
export function pageAnchorProblems(page: CrescendoPage): Problem[] {
  return page.variants.flatMap((variant) => {
    if (variant.html === undefined) return [];
    const ids = htmlIds(variant.html);
    return htmlLinks(variant.html, variant.file)
      .filter(
        (ref) =>
          ref.url.startsWith('#') && ref.url.length > 1 && !ids.has(decodeURIComponent(ref.url.slice(1))),
      )
      .map((ref) => ({
        where: variant.file,
        message: `the in-page link ${ref.url} reaches no element of the page`,
      }));
  });
}

/** The fix every link problem shares. */
export const LINK_FIX =
  'correct the link in the asset (or add the anchor to the landing page), have the change reviewed, and the next run publishes it';
