import type { BrandVoice } from '../../artifacts/brand.js';
import type { Brief } from '../../artifacts/brief.js';
import type { LandingPage } from '../../assets/index.js';
import { type Intent, intentsOf } from './intent.js';
import type { ReviewedAsset } from './reviewed-asset.js';

/*
 * Crescendo's own pages, for checking links and anchors: the landing pages it rendered, each at the URL the
 * brief gives it (with `landingPages`, the page whose purpose its copy names; else the brief's `landingUrl`),
 * with the element ids of its HTML as anchors; and the brief's other pages by purpose, whose anchors
 * Crescendo does not know.
 */

export interface SitePage {
  /** As the brief writes it. */
  href: string;
  /** Anchors (element ids) a link may jump to; undefined for a page Crescendo did not make. */
  anchors?: ReadonlySet<string>;
  /** What the page is for. */
  purposes: Intent[];
  /** True when the purposes come from the brief (`landingPages`), false when read from the page's copy. */
  declared: boolean;
  /** The landing page asset rendered for it. */
  assetPath?: string;
}

export interface SiteMap {
  pages: readonly SitePage[];
  /** Hosts of the brand's own site (brand website, landing pages). */
  hosts: readonly string[];
  /** The page a URL opens (query and anchor aside), if it is one of ours. */
  pageAt(url: URL): SitePage | undefined;
  /** An absolute URL for a link written in an asset (root-relative ones on the brand site). */
  resolve(href: string): URL | undefined;
  /** Anchors of an asset's own page, for `#x` links inside it. */
  ownAnchors(asset: ReviewedAsset): ReadonlySet<string>;
}

const pageKey = (url: URL): string =>
  `${url.hostname.replace(/^www\./, '').toLowerCase()}${url.pathname.replace(/\/+$/, '')}`;

const parse = (href: string, base?: string): URL | undefined => {
  try {
    return base ? new URL(href, base) : new URL(href);
  } catch {
    return undefined;
  }
};

/** Element ids in HTML: what `#x` can jump to. */
export const htmlIds = (html: string): Set<string> =>
  new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] ?? '').filter(Boolean));

/** GitHub-style heading anchors of markdown: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const match of markdown.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = (match[1] ?? '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .trim()
      .replace(/\s/g, '-');
    if (slug) anchors.add(slug);
  }
  return anchors;
}

function landingIntents(asset: ReviewedAsset): Intent[] {
  const page = asset.data as LandingPage;
  return [...new Set([...intentsOf(page.form.submitLabel), ...intentsOf(page.hero.ctaLabel)])];
}

export function siteMap(brief: Brief, brand: BrandVoice, assets: readonly ReviewedAsset[]): SiteMap {
  const declared = (brief.landingPages ?? []).map((p) => ({ href: p.url, purposes: intentsOf(p.purpose) }));
  const landing = assets
    .filter((a) => a.type === 'landing-page' && a.data)
    .sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
  const pages: SitePage[] = [];
  const taken = new Set<number>();
  landing.forEach((asset, index) => {
    const own = landingIntents(asset);
    let at = declared.findIndex((p, i) => !taken.has(i) && p.purposes.some((x) => own.includes(x)));
    if (at < 0) at = declared.findIndex((_, i) => !taken.has(i));
    const html = asset.rendered?.extra[0]?.content ?? '';
    const anchors = htmlIds(html);
    if (at >= 0) {
      taken.add(at);
      const page = declared[at]!;
      pages.push({
        href: page.href,
        anchors,
        purposes: page.purposes,
        declared: true,
        assetPath: asset.path,
      });
    } else if (index === 0) {
      pages.push({ href: brief.landingUrl, anchors, purposes: own, declared: false, assetPath: asset.path });
    }
  });
  declared.forEach((page, i) => {
    if (!taken.has(i)) pages.push({ href: page.href, purposes: page.purposes, declared: true });
  });
  const byKey = new Map<string, SitePage>();
  for (const page of pages) {
    const url = parse(page.href);
    if (url && !byKey.has(pageKey(url))) byKey.set(pageKey(url), page);
  }
  const origin = brand.website ?? brief.landingUrl;
  const hosts = [...new Set([brand.website, brief.landingUrl, ...pages.map((p) => p.href)])]
    .map((h) => (h ? parse(h)?.hostname.replace(/^www\./, '') : undefined))
    .filter((h): h is string => Boolean(h));
  return {
    pages,
    hosts,
    pageAt: (url) => byKey.get(pageKey(url)),
    resolve: (href) => (href.startsWith('/') && !href.startsWith('//') ? parse(href, origin) : parse(href)),
    ownAnchors: (asset) =>
      asset.type === 'landing-page'
        ? htmlIds(asset.rendered?.extra[0]?.content ?? '')
        : headingAnchors(asset.rendered?.markdown ?? ''),
  };
}
