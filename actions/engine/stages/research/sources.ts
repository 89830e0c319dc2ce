import type { ResearchData, ResearchReport, Source } from '../../artifacts/research.js';
import type { Problem } from '../../errors.js';
import type { KeywordsReport } from '../../keywords/index.js';
import type { EvidenceSource } from '../../llm/llm.js';
import type { PastReport } from './inputs.js';

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

/** A keyword's measured volume in the keyword exports and the id of the file source it came from. */
export interface ExportVolume {
  keyword: string;
  volume: number;
  sourceId: string;
}

/**
 * The volume each keyword has in the exports, with the source id of the file that gave it
 * (the file of the tool the volume came from). What the report stores as `keywordData.volumes`.
 */
export function exportVolumes(keywords: KeywordsReport, provided: ProvidedSources): ExportVolume[] {
  const volumes: ExportVolume[] = [];
  for (const found of keywords.keywords) {
    if (found.volume === undefined) continue;
    const file = found.sources.find((s) => s.format === found.volumeSource)?.file ?? found.sources[0]?.file;
    const sourceId = file ? provided.keywordFiles.get(file) : undefined;
    if (sourceId) volumes.push({ keyword: found.keyword, volume: found.volume, sourceId });
  }
  return volumes;
}

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
  return retrievalCheckpoints(data, provided, keywords && exportVolumes(keywords, provided), gathered);
}

/** `evidenceCheckpoints` with the export volumes already resolved (as a stored report keeps them). */
export function retrievalCheckpoints(
  data: ResearchData,
  provided: ProvidedSources,
  /** Undefined when there is no keyword data to hold the volumes against. */
  volumes: readonly ExportVolume[] | undefined,
  gathered: boolean,
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
  if (volumes) {
    const measured = new Map(volumes.map((v) => [keyOf(v.keyword), v]));
    const fileIds = new Set(provided.keywordFiles.values());
    data.keywords.forEach((k, i) => {
      const found = measured.get(keyOf(k.keyword));
      if (found) {
        if (k.volumeSource !== found.sourceId || k.monthlySearchVolume !== found.volume)
          problems.push({
            where: `keywords[${i}]`,
            message: `"${k.keyword}" is in the keyword export: use its volume ${found.volume} with volumeSource ${found.sourceId}`,
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

/**
 * The retrieval rules on a stored report (`crescendo check` after a human edit): what was
 * retrieved is taken from what the report stores alongside the research: its web sources,
 * `keywordData` (files, their source ids and, when stored, each keyword's measured volume)
 * and `pastReports`. A keyword-file source that is no stored keyword file, a changed kind,
 * a keyword volume that no longer matches the export, or a dropped "since last cycle" fail.
 */
export function storedRetrievalCheckpoints(report: ResearchReport): Problem[] {
  const provided: ProvidedSources = {
    sources: [],
    pages: new Map(),
    keywordFiles: new Map(),
    reports: new Map(),
  };
  const problems: Problem[] = [];
  for (const s of report.sources) if (s.kind === 'web' && s.url) provided.sources.push(s);
  const kd = report.keywordData;
  if (kd) {
    if (kd.files.length !== kd.sourceIds.length)
      problems.push({
        where: 'keywordData.sourceIds',
        message: `names ${kd.sourceIds.length} source ids for ${kd.files.length} keyword files`,
      });
    kd.files.forEach((file, i) => {
      const id = kd.sourceIds[i];
      if (!id) return;
      provided.keywordFiles.set(file, id);
      provided.sources.push({ id, title: `Keyword export ${file}`, kind: 'keyword-file' });
    });
  }
  for (const r of report.pastReports ?? []) {
    if (!r.sourceId) continue;
    provided.reports.set(r.path, r.sourceId);
    provided.sources.push({ id: r.sourceId, title: r.path, kind: 'report' });
  }
  const ids = new Set(report.sources.map((s) => s.id));
  provided.sources.forEach((s) => {
    if (s.kind !== 'web' && !ids.has(s.id))
      problems.push({
        where: 'sources',
        message: `${s.id} (${s.kind}, ${s.title}) was retrieved but is no longer in the sources list`,
      });
  });
  return [...problems, ...retrievalCheckpoints(report, provided, kd?.volumes, false)];
}

/** The sources the report lists: every provided one (code's figures win) plus the model's own model-knowledge ones. */
export function mergeSources(data: ResearchData, provided: ProvidedSources): Source[] {
  const taken = new Set(provided.sources.map((s) => s.id));
  const extra = data.sources.filter((s) => !taken.has(s.id));
  const n = (id: string) => Number(id.slice(1));
  return [...provided.sources, ...extra].sort((a, b) => n(a.id) - n(b.id));
}
