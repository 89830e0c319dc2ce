import { dataDir, isKeywordFile } from '../../artifacts/data-files.js';
import { ReportData, readReportFiles } from '../../artifacts/report.js';
import { CrescendoError } from '../../errors.js';
import { readFrontMatter } from '../../files/front-matter.js';
import { readWholeFile } from '../../files/whole-file.js';
import { importKeywordExport } from '../../keywords/import-file.js';
import { type KeywordFile, type KeywordsReport, keywordsReport } from '../../keywords/index.js';
import type { StageContext } from '../stage.js';

/** Keyword exports found in `campaigns/<id>/data/` and what the keywords module made of them. */
export interface KeywordInputs {
  files: string[];
  report?: KeywordsReport;
  /** Files skipped (not a keyword export) and the importer's warnings. */
  warnings: string[];
}

const isUnknownLayout = (error: CrescendoError): boolean =>
  error.message.startsWith('no known keyword export header') ||
  error.message.startsWith('this is a Search Console Pages export');

/**
 * Reads every CSV in the campaign's data folder except performance exports (`metrics*.csv`).
 * A file that is no keyword export is skipped with a warning; a keyword export with bad rows
 * stops the stage with file, row and what was expected, as `crescendo keywords` would.
 * Files come through the forge as bytes, whole at any size (streamed from the forge, never through
 * `readBytes`' 64 MiB limit), and are decoded by the importer (UTF-16, UTF-8, Windows-1252).
 */
export async function readKeywordInputs(
  ctx: Pick<StageContext, 'listFiles' | 'readBytes' | 'readStream'>,
  campaignId: string,
): Promise<KeywordInputs> {
  const paths = (await ctx.listFiles(dataDir(campaignId))).filter(isKeywordFile);
  const files: KeywordFile[] = [];
  const warnings: string[] = [];
  for (const path of paths) {
    // As bytes: Keyword Planner writes UTF-16LE, which a text read would garble.
    const bytes = await readWholeFile(ctx, path);
    if (bytes === undefined) continue;
    try {
      importKeywordExport(path, bytes);
      files.push({ path, bytes });
    } catch (error) {
      if (error instanceof CrescendoError && isUnknownLayout(error)) {
        warnings.push(`${path}: not a keyword export Crescendo reads; skipped`);
        continue;
      }
      throw error;
    }
  }
  if (files.length === 0) return { files: [], warnings };
  const report = keywordsReport(files);
  return { files: files.map((f) => f.path), report, warnings: [...warnings, ...report.warnings] };
}

/** A measurement report from an earlier cycle, reduced to what research needs. */
export interface PastReport {
  path: string;
  campaign: string;
  period: { from: string; to: string };
  headline: string;
  roi: number | null;
  recommendations: string[];
  /** The campaign's last report: its recommendations open the next cycle (its next-cycle issue). */
  final: boolean;
}

/**
 * Measurement reports of this and earlier campaigns (`campaigns/*\/reports/*.md`, front matter
 * key `report`), oldest first. A report that cannot be read is named in `warnings`, not dropped.
 */
export async function readPastReports(
  ctx: StageContext,
): Promise<{ reports: PastReport[]; warnings: string[] }> {
  const reports: PastReport[] = [];
  const warnings: string[] = [];
  for (const { path, text } of await readReportFiles(ctx)) {
    try {
      const parsed = ReportData.safeParse(readFrontMatter(text, path).data.report);
      if (!parsed.success) {
        warnings.push(`${path}: front matter \`report\` is missing or invalid; not used`);
        continue;
      }
      const r = parsed.data;
      reports.push({
        path,
        campaign: path.split('/')[1] ?? '',
        period: r.period,
        headline: r.analysis.headline,
        roi: r.roi,
        recommendations: r.analysis.recommendations.map((x) => x.recommendation),
        final: r.final ?? false,
      });
    } catch (error) {
      warnings.push(`${path}: ${error instanceof Error ? error.message : String(error)}; not used`);
    }
  }
  reports.sort((a, b) => a.period.to.localeCompare(b.period.to) || a.path.localeCompare(b.path));
  return { reports, warnings };
}
