import type { ResearchReport } from '../../artifacts/research.js';
import { bullets, table } from '../../files/markdown.js';

const sourceLabel = (ids: string[]): string =>
  ids.length ? ids.map((id) => `[${id}]`).join('') : 'no source';

/** Competitors side by side: one column per competitor, one row per aspect. */
export function comparisonTable(data: ResearchReport): string {
  const cs = data.competitors;
  if (cs.length === 0) return '';
  return table(
    ['Aspect', ...cs.map((c) => c.name)],
    [
      ['Positioning', ...cs.map((c) => c.positioning)],
      ['Offer and pricing', ...cs.map((c) => c.offer)],
      ['Channels', ...cs.map((c) => c.channels.join(', '))],
      ['Main strength', ...cs.map((c) => c.strengths[0] ?? '—')],
      ['Main weakness', ...cs.map((c) => c.weaknesses[0] ?? '—')],
      ['Sources', ...cs.map((c) => sourceLabel(c.sources))],
    ],
  );
}

const pointName = (k: string) =>
  k
    .replace(/[^\p{L}\p{N} ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim() || 'keyword';

/** Mermaid quadrant chart of volume (log scale) against difficulty, when difficulty is known. */
export function volumeDifficultyChart(data: ResearchReport): string {
  const points = data.keywords.filter((k) => k.difficulty !== undefined).slice(0, 15);
  if (points.length < 2) return '';
  const max = Math.max(...points.map((k) => Math.log10(1 + k.monthlySearchVolume)), 1);
  const lines = points.map((k) => {
    const x = ((k.difficulty ?? 0) / 100).toFixed(2);
    const y = (Math.log10(1 + k.monthlySearchVolume) / max).toFixed(2);
    return `    ${pointName(k.keyword)}: [${x}, ${y}]`;
  });
  return [
    '```mermaid',
    'quadrantChart',
    '    title Keyword volume against difficulty',
    '    x-axis Easy to rank --> Hard to rank',
    '    y-axis Low volume --> High volume',
    '    quadrant-1 Worth a long effort',
    '    quadrant-2 Quick wins',
    '    quadrant-3 Long tail',
    '    quadrant-4 Avoid',
    ...lines,
    '```',
    '_Volume on a log scale relative to the largest keyword shown; difficulty 0–100._',
  ].join('\n');
}

/** Clusters and file list computed by code from the keyword exports. */
export function keywordDataSection(data: ResearchReport): string {
  const kd = data.keywordData;
  if (!kd) return '';
  return [
    '### Topic clusters from the keyword exports',
    table(
      ['Cluster', 'Keywords', 'Total monthly searches', 'Best opportunity score'],
      kd.clusters
        .slice(0, 15)
        .map((c) => [c.name, c.keywords.join(', '), c.totalVolume.toLocaleString('en-US'), c.score]),
    ),
    `_Computed by Crescendo from ${kd.files.map((f) => `\`${f}\``).join(', ')} (sources ${sourceLabel(kd.sourceIds)})._`,
    kd.warnings.length ? bullets(kd.warnings) : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** "What changed since the last cycle": earlier reports as computed, then the model's reading of them. */
export function sinceLastCycleSection(data: ResearchReport): string {
  const past = data.pastReports ?? [];
  if (past.length === 0 && !data.sinceLastCycle?.length) return '';
  const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`);
  return [
    '## What changed since the last cycle',
    past.length
      ? table(
          ['Period', 'Campaign', 'ROI', 'ROI change', 'Headline', 'Source'],
          past.map((r, i) => {
            const before = past[i - 1]?.roi;
            const change =
              i === 0 || r.roi === null || before === null || before === undefined
                ? '—'
                : `${((r.roi - before) * 100).toFixed(1)} pts`;
            return [
              `${r.period.from} – ${r.period.to}`,
              r.campaign,
              pct(r.roi),
              change,
              r.headline,
              `[${r.sourceId}]`,
            ];
          }),
        )
      : '',
    bullets((data.sinceLastCycle ?? []).map((c) => `${c.text} ${sourceLabel(c.sources)}`)),
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** Lookups that failed or gave no text: listed so a reader knows what was not seen. */
export function failuresSection(data: ResearchReport): string {
  const failures = data.retrievalFailures ?? [];
  if (failures.length === 0) return '';
  return [
    '### Not retrieved',
    bullets(
      failures.map((f) => `${f.tool === 'web_fetch' ? 'Fetch' : 'Search'} \`${f.target}\`: ${f.reason}`),
    ),
  ].join('\n\n');
}
