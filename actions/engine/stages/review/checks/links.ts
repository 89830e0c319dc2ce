import { type CheckResult, type CodeCheck, finding, noResult } from '../code-check.js';
import { linksOf } from '../copy.js';
import { textLine } from '../locate.js';

const listed = (anchors: ReadonlySet<string>): string =>
  anchors.size === 0
    ? 'it has none'
    : `it has ${anchors.size > 4 ? `${anchors.size} anchors, such as ` : ''}${[...anchors]
        .slice(0, 8)
        .map((a) => `#${a}`)
        .join(', ')}`;

/**
 * Every link resolves: it is a URL; an anchor on a page Crescendo made (a landing page it rendered, or the
 * asset's own headings) exists there, or the link is a blocker; a page of the brand's site that Crescendo
 * did not make is named so a person checks it. Pages elsewhere on the web are not fetched.
 */
export const linksCheck: CodeCheck = {
  id: 'links',
  rule: "Every link is a URL, and every anchor on Crescendo's own pages exists",
  run({ assets, site }) {
    const result: CheckResult = noResult();
    for (const asset of assets) {
      if (!asset.data) continue;
      const seen = new Set<string>();
      for (const link of linksOf(asset)) {
        const href = link.href.trim();
        if (href === '' || seen.has(`${link.where} ${href}`)) continue;
        seen.add(`${link.where} ${href}`);
        const line = textLine(asset, link.where, href);
        if (/^(mailto|tel):/i.test(href)) continue;
        if (href.startsWith('#')) {
          const anchors = site.ownAnchors(asset);
          const anchor = decodeURIComponent(href.slice(1));
          if (!anchors.has(anchor)) {
            result.findings.push(
              finding(
                'links',
                'blocker',
                asset,
                line,
                `the link to ${href} jumps to an anchor this page does not have (${listed(anchors)})`,
                href,
              ),
            );
          }
          continue;
        }
        const url = site.resolve(href);
        if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
          result.findings.push(
            finding(
              'links',
              'blocker',
              asset,
              line,
              `"${href}" is not a web address a reader can open`,
              href,
            ),
          );
          continue;
        }
        const page = site.pageAt(url);
        const anchor = url.hash ? decodeURIComponent(url.hash.slice(1)) : '';
        if (page?.anchors) {
          if (anchor && !page.anchors.has(anchor)) {
            result.findings.push(
              finding(
                'links',
                'blocker',
                asset,
                line,
                `${href} jumps to #${anchor}, which does not exist on ${page.href} (the landing page Crescendo made, ${page.assetPath}: ${listed(page.anchors)}); link an anchor that exists or the page itself`,
                href,
              ),
            );
          }
        } else if (page && anchor) {
          result.findings.push(
            finding(
              'links',
              'minor',
              asset,
              line,
              `${href}: check that #${anchor} exists on ${page.href} (a page Crescendo did not make)`,
              href,
            ),
          );
        } else if (!page && site.hosts.includes(url.hostname.replace(/^www\./, '')) && !seen.has(url.href)) {
          seen.add(url.href);
          result.findings.push(
            finding(
              'links',
              'minor',
              asset,
              line,
              `${href} is a page of the brand's site that Crescendo did not make: check it exists before publishing`,
              href,
            ),
          );
        }
      }
    }
    return result;
  },
};
