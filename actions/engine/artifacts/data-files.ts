/**
 * `campaigns/<id>/data/`: the exports a team drops in for Crescendo to read — keyword tool exports for
 * research, performance exports for measurement — and the data measurement commits beside its reports.
 */
export const dataDir = (id: string): string => `campaigns/${id}/data`;

/** Performance exports: `metrics*.csv`. */
export const isMetricsFile = (path: string): boolean => /(^|\/)metrics[^/]*\.csv$/i.test(path);

/** Keyword exports: any other CSV or TSV in the data folder. */
export const isKeywordFile = (path: string): boolean => /\.(csv|tsv)$/i.test(path) && !isMetricsFile(path);
