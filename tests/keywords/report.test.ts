import { describe, expect, it } from 'vitest';
import { CrescendoError } from '../../actions/engine/errors.js';
import {
  formatKeywordsTable,
  KeywordsReport,
  keywordsReport,
  keywordsReportFromPaths,
  readKeywordFiles,
} from '../../actions/engine/keywords/index.js';
import { fixture, fixturePath } from './fixtures.js';

const ALL = [
  'keyword-planner-ranges.csv',
  'keyword-planner-exact.csv',
  'semrush-crm.csv',
  'ahrefs-keywords-explorer-utf16.csv',
  'ahrefs-organic-keywords.csv',
  'search-console-queries.csv',
];

describe('keywordsReport', () => {
  const report = keywordsReport(ALL.map(fixture));

  it('returns data that satisfies the schema', () => {
    expect(() => KeywordsReport.parse(report)).not.toThrow();
    expect(report.warnings).toEqual([]);
  });

  it('merges every file into one list, best opportunity first', () => {
    const keys = report.keywords.map((k) => k.keyword.toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
    const scores = report.keywords.map((k) => k.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const crm = report.keywords.find((k) => k.keyword === 'crm software');
    expect(crm?.sources.map((s) => s.format)).toEqual([
      'keyword-planner',
      'keyword-planner',
      'semrush',
      'ahrefs',
      'search-console',
    ]);
  });

  it('puts every keyword in exactly one cluster', () => {
    const clustered = report.clusters.flatMap((c) => c.keywords).sort();
    expect(clustered).toEqual(report.keywords.map((k) => k.keyword).sort());
    const crm = report.clusters.find((c) => c.name === 'crm');
    expect(crm?.keywords).toEqual(expect.arrayContaining(['crm', 'what is crm', 'free crm', 'crm meaning']));
  });

  it('is the same whatever the order of the files', () => {
    const reversed = keywordsReport([...ALL].reverse().map(fixture));
    const scoreOf = (r: KeywordsReport) => r.keywords.map((k) => [k.keyword.toLowerCase(), k.score]).sort();
    expect(scoreOf(reversed)).toEqual(scoreOf(report));
  });

  it('warns about a file given twice and about a report with no volumes', () => {
    const gsc = fixture('search-console-queries.csv');
    const result = keywordsReport([gsc, gsc]);
    expect(result.warnings).toEqual([
      'search-console-queries.csv: given more than once; read once',
      expect.stringMatching(/^no search volumes in these files/),
    ]);
    expect(result.keywords[0]?.sources).toHaveLength(1);
  });
});

describe('formatKeywordsTable', () => {
  const report = keywordsReport(ALL.map(fixture));
  const text = formatKeywordsTable(report);

  it('prints keywords, clusters and a legend as aligned plain text', () => {
    const lines = text.split('\n');
    expect(lines[0]).toBe(`Keywords: ${report.keywords.length}, best opportunity first`);
    expect(lines[1]).toMatch(
      /^\s+#\s+Keyword\s+Volume\s+KD\s+Comp\s+CPC\s+Intent\s+Clicks\s+Impr\s+Pos\s+Score$/,
    );
    expect(text).toContain(`Clusters: ${report.clusters.length}, best opportunity first`);
    expect(text).toContain('~316,228');
    expect(text).toContain('Legend: ~ estimated from a range');
    // One line per keyword row, each as wide as the header (right-aligned Score column).
    const rows = lines.slice(3, 3 + report.keywords.length);
    expect(new Set(rows.map((r) => r.length)).size).toBe(1);
  });

  it('limits rows when asked', () => {
    const short = formatKeywordsTable(report, { limit: 3 });
    expect(short).toContain('(top 3 shown)');
    expect(short.split('\n').filter((l) => /^\s+\d+\s/.test(l))).toHaveLength(6);
  });
});

describe('reading from disk', () => {
  it('reads the files at the given paths', async () => {
    const files = await readKeywordFiles([fixturePath('semrush-crm.csv')]);
    expect(files[0]?.bytes.length).toBeGreaterThan(0);
    const result = await keywordsReportFromPaths([fixturePath('semrush-crm.csv')]);
    expect(result.keywords).toHaveLength(6);
  });

  it('says which file is missing', async () => {
    const missing = fixturePath('no-such-export.csv');
    const error = await keywordsReportFromPaths([missing]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrescendoError);
    expect(error).toMatchObject({ where: missing, message: 'file not found' });
  });
});
