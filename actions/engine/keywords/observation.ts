import type { Keyword, KeywordSource } from './schema.js';

/** The figures one row gives for a keyword, before rows from several files are merged. */
export type KeywordFigures = Omit<
  Keyword,
  'keyword' | 'sources' | 'volumeSource' | 'difficultySource' | 'intentInferred'
>;

/** One data row of one file, read and normalised. */
export interface Observation extends KeywordFigures {
  keyword: string;
  source: KeywordSource;
}
