import { readFile } from 'node:fs/promises';
import { CrescendoError } from '../errors.js';
import { type KeywordFile, keywordsReport } from './report.js';
import type { KeywordsReport } from './schema.js';

/** Reads keyword exports from disk, as raw bytes (decoding is the importer's job). */
export async function readKeywordFiles(paths: readonly string[]): Promise<KeywordFile[]> {
  return Promise.all(
    paths.map(async (path) => {
      try {
        return { path, bytes: await readFile(path) };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new CrescendoError(
          code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? error})`,
          {
            where: path,
            fix: 'check the path; exports usually land in your Downloads folder',
            cause: error,
          },
        );
      }
    }),
  );
}

/** `keywordsReport` for files on disk: the edge where the command line meets the pure code. */
export async function keywordsReportFromPaths(paths: readonly string[]): Promise<KeywordsReport> {
  return keywordsReport(await readKeywordFiles(paths));
}
