import type { ResearchReport } from '../../../artifacts/research.js';
import type { BlogPost, LandingPage } from '../../../assets/index.js';
import { markdownToText } from '../../../assets/shared/markdown-html.js';
import { containsPhrase } from '../../../assets/shared/phrase.js';
import { type CheckResult, type CodeCheck, finding, noResult } from '../code-check.js';
import { fieldLine } from '../locate.js';
import type { ReviewedAsset } from '../reviewed-asset.js';
import type { SiteMap } from '../site-map.js';

/*
 * Length for the keyword's competition, a house rule (Google sets no length; pages that rank for contested
 * queries cover the topic more fully): keyword difficulty 0–29 → 800 words, 30–59 → 1,200, 60+ → 1,800;
 * without a difficulty, monthly volume stands in (under 1,000 → 800, under 10,000 → 1,200, else 1,500).
 * Under 70% of the target is major, under the target minor.
 */
export function targetWords(
  keyword: { difficulty?: number; monthlySearchVolume?: number } | undefined,
): number {
  if (keyword?.difficulty !== undefined)
    return keyword.difficulty < 30 ? 800 : keyword.difficulty < 60 ? 1200 : 1800;
  const volume = keyword?.monthlySearchVolume;
  if (volume === undefined) return 800;
  return volume < 1000 ? 800 : volume < 10_000 ? 1200 : 1500;
}

const MAJOR_SHARE = 0.7;
const LONG_POST = 1200;

const keywordData = (research: ResearchReport | undefined, keyword: string) =>
  research?.keywords.find((k) => k.keyword.trim().toLowerCase() === keyword.trim().toLowerCase());

function blogSeo(
  asset: ReviewedAsset,
  keyword: string,
  research: ResearchReport | undefined,
  site: SiteMap,
): CheckResult {
  const result = noResult();
  const post = asset.data as BlogPost;
  const words = markdownToText(asset.rendered?.markdown ?? '')
    .split(/\s+/)
    .filter(Boolean).length;
  const data = keywordData(research, keyword);
  const target = targetWords(data);
  const basis =
    data?.difficulty !== undefined
      ? `difficulty ${data.difficulty}`
      : data
        ? `${data.monthlySearchVolume} searches a month`
        : 'no research data';
  if (words < target) {
    result.findings.push(
      finding(
        'seo',
        words < target * MAJOR_SHARE ? 'major' : 'minor',
        asset,
        fieldLine(asset, 'sections'),
        `the post is ${words} words; for “${keyword}” (${basis}) aim for about ${target}`,
      ),
    );
  }
  const h2 = post.sections.filter((s) => s.level === 2);
  if (h2.length < 2) {
    result.findings.push(
      finding(
        'seo',
        'minor',
        asset,
        fieldLine(asset, 'sections'),
        `the post has ${h2.length} H2 section(s); structure it in at least 2`,
      ),
    );
  }
  if (!post.sections.some((s) => containsPhrase(s.heading, keyword))) {
    result.findings.push(
      finding(
        'seo',
        'minor',
        asset,
        fieldLine(asset, 'sections[0].heading'),
        `no section heading contains “${keyword}”; put it in one H2 where it reads naturally`,
      ),
    );
  }
  const internal = post.internalLinks.filter((l) => {
    const url = site.resolve(l.url);
    return url && site.hosts.includes(url.hostname.replace(/^www\./, ''));
  }).length;
  if (words >= LONG_POST && internal < 2) {
    result.findings.push(
      finding(
        'seo',
        'minor',
        asset,
        fieldLine(asset, 'internalLinks'),
        `a ${words}-word post should link at least 2 other pages of the site; it links ${internal}`,
      ),
    );
  }
  return result;
}

function landingSeo(asset: ReviewedAsset, keyword: string): CheckResult {
  const result = noResult();
  const page = asset.data as LandingPage;
  if (!containsPhrase(page.metaDescription, keyword)) {
    result.findings.push(
      finding(
        'seo',
        'minor',
        asset,
        fieldLine(asset, 'metaDescription'),
        `the meta description does not contain “${keyword}”`,
      ),
    );
  }
  if (!containsPhrase(page.title, keyword)) {
    result.findings.push(
      finding('seo', 'minor', asset, fieldLine(asset, 'title'), `the title does not contain “${keyword}”`),
    );
  }
  return result;
}

/**
 * SEO basics for the asset's keyword, beyond what the type's own rules check (title, H1, first words,
 * meta length): length for the keyword's competition, headings, internal links, meta description.
 */
export const seoCheck: CodeCheck = {
  id: 'seo',
  rule: 'SEO for the target keyword: length for its competition (research difficulty or volume), headings, internal links, meta',
  run({ assets, research, site }) {
    const result = noResult();
    for (const asset of assets) {
      const keyword = typeof asset.front.keyword === 'string' ? asset.front.keyword : undefined;
      if (!asset.data || !keyword) continue;
      const found =
        asset.type === 'blog-post'
          ? blogSeo(asset, keyword, research, site)
          : asset.type === 'landing-page'
            ? landingSeo(asset, keyword)
            : noResult();
      result.findings.push(...found.findings);
    }
    return result;
  },
};
