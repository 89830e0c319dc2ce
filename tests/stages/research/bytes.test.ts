import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { ResearchReport } from '../../../actions/engine/artifacts/research.js';
import { readFrontMatter } from '../../../actions/engine/files/front-matter.js';
import { git } from '../../../actions/engine/forge/local/git.js';
import { sampleFileName } from '../../../actions/engine/llm/sample-llm.js';
import { startCampaign } from '../../../actions/engine/runner/run-stage.js';
import { checkFile } from '../../../scripts/cli/check-file.js';
import { ScriptedLlm } from '../../fakes/scripted-llm.js';
import { exampleBriefPath, freshRepo, samplesDir } from '../../helpers.js';

const ACCENTED = "logiciel d'automatisation marketing é";

/** A Keyword Planner export as Google writes it: UTF-16LE with a BOM, tab-separated, CRLF. */
function keywordPlannerExport(): Buffer {
  const header = [
    'Keyword',
    'Currency',
    'Avg. monthly searches',
    'Three month change',
    'YoY change',
    'Competition',
    'Competition (indexed value)',
    'Top of page bid (low range)',
    'Top of page bid (high range)',
  ];
  const rows = [
    [ACCENTED, 'EUR', '1,300', '0%', '+23%', 'Élevée', '71', '4.10', '15.80'],
    ['création de leads b2b', 'EUR', '880', '0%', '0%', 'Moyenne', '48', '2.30', '9.40'],
    ['crm pour pme français', 'EUR', '590', '+22%', '+50%', 'Faible', '21', '1.10', '5.05'],
  ];
  const text = [
    'Keyword Stats 2027-03-02 at 10_20_41',
    'March 1, 2026 - February 28, 2027',
    header.join('\t'),
    ...rows.map((r) => r.join('\t')),
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

describe('keyword exports are read as bytes, not text', () => {
  it('LocalForge.readBytes returns the blob as committed; absent paths are undefined', async () => {
    const { dir, forge } = await freshRepo();
    const bytes = keywordPlannerExport();
    await writeFile(join(dir, 'kp.csv'), bytes);
    await git(dir, ['add', 'kp.csv']);
    await git(dir, ['commit', '-q', '-m', 'export']);
    const read = await forge.readBytes('kp.csv');
    expect(read).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(read as Uint8Array).equals(bytes)).toBe(true);
    expect(await forge.readBytes('nope.csv')).toBeUndefined();
    expect(await forge.readBytes('kp.csv', 'no-such-branch')).toBeUndefined();
  });

  it('a UTF-16LE Keyword Planner export with accented keywords reaches the research report intact', async () => {
    const { report, text, path, llm } = await researchWithExport();
    // What the model was given names the keywords as written.
    expect(JSON.stringify(llm.requests[0])).toContain(ACCENTED);
    const keywords = report.keywordData?.clusters.flatMap((c) => c.keywords) ?? [];
    expect(report.keywordData?.files).toEqual([path]);
    expect(keywords).toContain(ACCENTED);
    expect(keywords).toContain('création de leads b2b');
    expect(keywords).toContain('crm pour pme français');
    expect(keywords.join(' ')).not.toMatch(/\uFFFD|Ã/);
    expect(keywords.join(' ')).not.toContain(String.fromCharCode(0));
    expect(report.keywordData?.volumes).toContainEqual({ keyword: ACCENTED, volume: 1300, sourceId: 'S1' });
    expect(report.sources).toContainEqual(
      expect.objectContaining({ id: 'S1', kind: 'keyword-file', title: `Keyword export ${path}` }),
    );
    expect(text).toContain(ACCENTED);
  });
});

describe('crescendo check on a hand-edited research report', () => {
  const FILE = 'plans/reports/x-research.md';
  /** The report with its `research` front matter changed as a person editing the file would. */
  function edited(text: string, edit: (research: ResearchReport) => void): string {
    const doc = parseDocument(text.split('---\n')[1] ?? '');
    const research = doc.get('research', true) as { toJSON(): ResearchReport };
    const data = research.toJSON();
    edit(data);
    doc.set('research', data);
    return `---\n${doc.toString()}---\n${text.split('---\n').slice(2).join('---\n')}`;
  }

  it('passes the report as the stage wrote it', async () => {
    const { text } = await researchWithExport();
    expect(checkFile(FILE, text)).toMatchObject({ kind: 'research', ok: true, problems: [] });
  });

  it('fails a keyword volume that no longer matches the export, a web source without URL and an unknown id', async () => {
    const { text } = await researchWithExport();
    const broken = edited(text, (r) => {
      const k = r.keywords.find((x) => x.keyword === ACCENTED);
      if (k) k.monthlySearchVolume = 13000;
      r.sources.push({ id: 'S90', title: 'Vendor pricing page', kind: 'web' });
      r.trends[0]?.sources.push('S42');
    });
    const result = checkFile(FILE, broken);
    expect(result.ok).toBe(false);
    const messages = result.problems.map((p) => `${p.where}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /research\.keywords\[\d+\]: .*is in the keyword export: use its volume 1300 with volumeSource S1/,
        ),
        expect.stringMatching(/research\.sources\[\d+\]\.url: S90 is a web source without the URL retrieved/),
        expect.stringMatching(
          /research\.trends\[0\]\.sources: cites source S42, which is not in the sources list/,
        ),
      ]),
    );
  });

  it('fails a keyword-file source that is no stored export, and a volume credited to the export it lacks', async () => {
    const { text } = await researchWithExport();
    const broken = edited(text, (r) => {
      r.sources.push({
        id: 'S91',
        title: 'Keyword export campaigns/x/data/semrush.csv',
        kind: 'keyword-file',
      });
      r.keywords.push({
        keyword: 'automatisation marketing gratuite',
        monthlySearchVolume: 5000,
        volumeSource: 'S1',
        intent: 'commercial',
      });
    });
    const messages = checkFile(FILE, broken).problems.map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('S91 (keyword-file) was never retrieved'),
        '"automatisation marketing gratuite" has no volume in the keyword exports; cite "estimate"',
      ]),
    );
  });
});

async function researchWithExport() {
  const { dir, forge } = await freshRepo();
  const brief = parse(readFileSync(exampleBriefPath, 'utf8'));
  const path = `campaigns/${brief.id}/data/keyword-planner.csv`;
  await mkdir(join(dir, 'campaigns', brief.id, 'data'), { recursive: true });
  await writeFile(join(dir, path), keywordPlannerExport());
  await git(dir, ['add', path]);
  await git(dir, ['commit', '-q', '-m', 'Keyword Planner export']);
  // The demo's research answer with its sources moved up one (S1 is now the keyword export),
  // plus the accented keyword with the export's figure.
  const answer = JSON.parse(
    readFileSync(join(samplesDir, sampleFileName('research')), 'utf8').replace(
      /"S(\d+)"/g,
      (_, n: string) => `"S${Number(n) + 1}"`,
    ),
  );
  answer.keywords.push({
    keyword: ACCENTED,
    monthlySearchVolume: 1300,
    volumeSource: 'S1',
    intent: 'commercial',
  });
  const llm = new ScriptedLlm(() => answer);
  const run = await startCampaign({ forge, llm }, brief);
  const text = (await forge.readFile(`plans/reports/${brief.id}-research.md`, run.pullRequest.branch)) ?? '';
  const report = ResearchReport.parse(readFrontMatter(text, 'research').data.research);
  return { report, text, path, llm };
}
