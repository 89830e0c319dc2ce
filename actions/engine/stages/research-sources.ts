import type { Problem } from '../errors.js';
import type { KeywordsReport } from '../keywords/index.js';
import type { EvidenceSource } from '../llm/llm.js';
import type { ResearchData, Source } from './research.js';
import type { PastReport } from './research-inputs.js';

/** Sources created by code before phase two: the only ids the model may cite besides its own model-knowledge. */
export interface ProvidedSources {
  sources: Source[];
  /** S-id → fetched page, for the page text given to the model as data. */
  pages: Map<string, EvidenceSource>;
  /** keyword file path → S-id */
  keywordFiles: Map<string, string>;
  /** measurement report path → S-id */
  reports: Map<string, string>;
}

/** Numbers sources S1..Sn: retrieved pages first, then keyword files, then measurement reports. */
export function provideSources(
  pages: readonly EvidenceSource[],
  keywordFiles: readonly string[],
  reports: readonly PastReport[],
  today: string,
): ProvidedSources {
  const provided: ProvidedSources = {
    sources: [],
    pages: new Map(),
    keywordFiles: new Map(),
    reports: new Map(),
  };
  const next = () => `S${provided.sources.length + 1}`;
  for (const page of pages) {
    const id = next();
    provided.pages.set(id, page);
    provided.sources.push({ id, title: page.title, url: page.url, kind: 'web', retrieved: page.retrieved });
  }
  for (const file of keywordFiles) {
    const id = next();
    provided.keywordFiles.set(file, id);
    provided.sources.push({ id, title: `Keyword export ${file}`, kind: 'keyword-file', retrieved: today });
  }
  for (const report of reports) {
    const id = next();
    provided.reports.set(report.path, id);
    provided.sources.push({
      id,
      title: `Measurement report ${report.period.from} – ${report.period.to} (${report.path})`,
      kind: 'report',
      retrieved: today,
    });
  }
  return provided;
}

const keyOf = (k: string) => k.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Rules that hold only against what code retrieved: a listed source either is one of the
 * provided ones (same kind; a web source with the URL retrieved) or is model knowledge; a
 * keyword found in an export takes the export's volume and cites that file; with earlier
 * measurement reports, the "since the last cycle" section is required.
 */
export function evidenceCheckpoints(
  data: ResearchData,
  provided: ProvidedSources,
  keywords: KeywordsReport | undefined,
  /** True when phase one ran: then a web source must be one that was retrieved. */
  gathered = true,
): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map(provided.sources.map((s) => [s.id, s]));
  const ids = provided.sources.map((s) => s.id).join(', ') || 'none';
  data.sources.forEach((s, i) => {
    const p = byId.get(s.id);
    if (!p) {
      if (s.kind === 'keyword-file' || (s.kind === 'web' && gathered))
        problems.push({
          where: `sources[${i}]`,
          message: `${s.id} (${s.kind}) was never retrieved; the retrieved sources are ${ids}; anything else is kind model-knowledge (or report, for the brief)`,
        });
    } else if (p.kind !== s.kind) {
      problems.push({ where: `sources[${i}].kind`, message: `${s.id} is a ${p.kind} source, not ${s.kind}` });
    } else if (p.kind === 'web' && s.url !== p.url) {
      problems.push({ where: `sources[${i}].url`, message: `${s.id} was retrieved from ${p.url}` });
    }
  });
  if (keywords) {
    const ranked = new Map(keywords.keywords.map((k) => [keyOf(k.keyword), k]));
    const fileIds = new Set(provided.keywordFiles.values());
    data.keywords.forEach((k, i) => {
      const found = ranked.get(keyOf(k.keyword));
      if (found?.volume !== undefined) {
        const file =
          found.sources.find((s) => s.format === found.volumeSource)?.file ?? found.sources[0]?.file;
        const id = file ? provided.keywordFiles.get(file) : undefined;
        if (id && (k.volumeSource !== id || k.monthlySearchVolume !== found.volume))
          problems.push({
            where: `keywords[${i}]`,
            message: `"${k.keyword}" is in the keyword export: use its volume ${found.volume} with volumeSource ${id}`,
          });
      } else if (fileIds.has(k.volumeSource)) {
        problems.push({
          where: `keywords[${i}].volumeSource`,
          message: `"${k.keyword}" has no volume in the keyword exports; cite "estimate"`,
        });
      }
    });
  }
  if (provided.reports.size > 0 && !data.sinceLastCycle?.length)
    problems.push({
      where: 'sinceLastCycle',
      message: 'earlier measurement reports exist: say what changed since the last cycle, citing them',
    });
  return problems;
}

/** The sources the report lists: every provided one (code's figures win) plus the model's own model-knowledge ones. */
export function mergeSources(data: ResearchData, provided: ProvidedSources): Source[] {
  const taken = new Set(provided.sources.map((s) => s.id));
  const extra = data.sources.filter((s) => !taken.has(s.id));
  const n = (id: string) => Number(id.slice(1));
  return [...provided.sources, ...extra].sort((a, b) => n(a.id) - n(b.id));
}
