import { CrescendoError, type Problem } from '../errors.js';
import { clusterKeywords } from './cluster.js';
import { type ImportedExport, importKeywordExport } from './import-file.js';
import { mergeObservations } from './merge.js';
import type { KeywordsReport } from './schema.js';
import { rankOwnKeywords } from './score.js';

/** A keyword export as given on the command line or uploaded: its name and raw bytes. */
export interface KeywordFile {
  path: string;
  bytes: Uint8Array;
}

/**
 * Imports keyword exports from any mix of supported tools, merges the same keyword across
 * them, scores and ranks every keyword, and groups them into topic clusters. Pure: no I/O.
 * Throws one CrescendoError covering every file that could not be read, so a user fixes
 * everything in one pass rather than one file per run.
 */
export function keywordsReport(files: readonly KeywordFile[]): KeywordsReport {
  if (files.length === 0) {
    throw new CrescendoError('no keyword files given', {
      fix: 'pass one or more exports: crescendo keywords <file…> (Keyword Planner, Semrush, Ahrefs or Search Console CSV)',
    });
  }
  const warnings: string[] = [];
  const imported: ImportedExport[] = [];
  const failures: CrescendoError[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file.path)) {
      warnings.push(`${file.path}: given more than once; read once`);
      continue;
    }
    seen.add(file.path);
    try {
      imported.push(importKeywordExport(file.path, file.bytes));
    } catch (error) {
      if (!(error instanceof CrescendoError)) throw error;
      failures.push(error);
    }
  }
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw combined(failures, seen.size);

  for (const file of imported) warnings.push(...file.warnings);
  const keywords = rankOwnKeywords(mergeObservations(imported.flatMap((f) => f.observations)));
  if (keywords.every((k) => k.volume === undefined)) {
    warnings.push(
      'no search volumes in these files: keywords are ranked by Search Console impressions; ' +
        'add a Keyword Planner, Semrush or Ahrefs export for market demand',
    );
  }
  return { keywords, clusters: clusterKeywords(keywords), warnings };
}

function combined(failures: CrescendoError[], total: number): CrescendoError {
  // File by file: each file's headline, then the rows or lines behind it.
  const problems: Problem[] = failures.flatMap((f) => [
    { where: f.where ?? 'input', message: f.message },
    ...f.problems,
  ]);
  const fixes = [...new Set(failures.flatMap((f) => (f.fix ? [f.fix] : [])))];
  return new CrescendoError(`${failures.length} of ${total} keyword files could not be read`, {
    problems,
    fix: fixes.join('; '),
  });
}
