import type { ResearchReport } from '../../../artifacts/research.js';
import type { LandingPage } from '../../../assets/index.js';
import { type CheckResult, type CodeCheck, finding, noResult } from '../code-check.js';
import { copyOf } from '../copy.js';
import { fieldLine, normaliseText, textLine } from '../locate.js';

const CAPTION = /(?:^|[\s([])(?:sources?|citation)\s*:\s*([^\n)\]]+)/gi;
const ACCORDING =
  /\baccording to ((?:a |an |the )?(?:[\p{Lu}][\p{L}\p{N}&.'-]*(?:\s+[\p{Lu}][\p{L}\p{N}&.'-]*)*|(?:study|report|survey|analysis|research)\b[^,.;]*))/gu;

/**
 * A real source is one a prospect can check: a web address in the citation, or a source of the approved
 * research that has one (matched by its title or address). Model knowledge and "product specification" are
 * not sources.
 */
export function realSource(citation: string, research: ResearchReport | undefined): boolean {
  if (/https?:\/\/\S+/.test(citation)) return true;
  const cited = normaliseText(citation);
  return (research?.sources ?? []).some((s) => {
    if (!s.url || !/^https?:\/\//.test(s.url) || s.kind === 'model-knowledge') return false;
    const title = normaliseText(s.title);
    return cited.includes(title) || (cited.length >= 12 && title.includes(cited)) || citation.includes(s.url);
  });
}

/**
 * No "Source:" caption or citation is shown to prospects unless it cites a real source: a landing page
 * statistic's source (rendered as "Source: …" under the figure) and any "Source:" caption in the copy is a
 * blocker otherwise; "according to …" naming no checkable source is major.
 */
export const sourcesCheck: CodeCheck = {
  id: 'sources',
  rule: 'Citations and "Source:" captions shown to prospects cite a real source (a web address, or a research source with one)',
  run({ assets, research }) {
    const result: CheckResult = noResult();
    for (const asset of assets) {
      if (!asset.data) continue;
      if (asset.type === 'landing-page') {
        (asset.data as LandingPage).proof.stats.forEach((stat, i) => {
          if (realSource(stat.source, research)) return;
          result.findings.push(
            finding(
              'sources',
              'blocker',
              asset,
              fieldLine(asset, `proof.stats[${i}].source`),
              `the page shows "Source: ${stat.source}" under "${stat.value} ${stat.label}", which cites nothing a prospect can check: cite a research source with its address, or drop the figure`,
              stat.source,
            ),
          );
        });
      }
      for (const { where, text } of copyOf(asset)) {
        if (/^proof\.stats/.test(where)) continue;
        for (const match of text.matchAll(CAPTION)) {
          const cited = (match[1] ?? '').trim();
          if (realSource(cited, research)) continue;
          result.findings.push(
            finding(
              'sources',
              'blocker',
              asset,
              textLine(asset, where, match[0].trim()),
              `the caption "${match[0].trim()}" cites no real source: give the research source with its address, or remove the caption`,
              match[0].trim(),
            ),
          );
        }
        for (const match of text.matchAll(ACCORDING)) {
          const cited = (match[1] ?? '').trim();
          if (realSource(cited, research)) continue;
          result.findings.push(
            finding(
              'sources',
              'major',
              asset,
              textLine(asset, where, match[0]),
              `"${match[0]}" names no source a reader can check: link the research source, or say it without attribution`,
              match[0],
            ),
          );
        }
      }
    }
    return result;
  },
};
