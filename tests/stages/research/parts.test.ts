import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentBlock } from '@anthropic-ai/sdk/resources/messages';
import { describe, expect, it } from 'vitest';
import type { ResearchReport } from '../../../actions/engine/artifacts/research.js';
import { parseConfig } from '../../../actions/engine/config/config.js';
import { evidenceTools } from '../../../actions/engine/llm/anthropic-gather.js';
import { evidenceFromBlocks } from '../../../actions/engine/llm/evidence-blocks.js';
import { readKeywordInputs } from '../../../actions/engine/stages/research/inputs.js';
import { volumeDifficultyChart } from '../../../actions/engine/stages/research/render.js';
import type { StageContext } from '../../../actions/engine/stages/stage.js';
import { block, citation, webFetchTurn, webSearchTurn } from '../../fakes/anthropic/index.js';
import { packageRoot } from '../../helpers.js';

const fixture = (name: string): Uint8Array =>
  readFileSync(join(packageRoot, 'tests/fixtures/keywords', name));

describe('evidence from response blocks', () => {
  it('keeps every page once, attaches quotes, and records failed and non-text lookups', () => {
    const hit = { url: 'https://a.example/p', title: 'A' };
    const page = {
      url: 'https://a.example/p',
      title: 'A page',
      text: 'Plans start at $20.',
      retrievedAt: '2027-01-02T00:00:00Z',
    };
    const searchFail = block.serverToolUse('web_search', { query: 'crm news' });
    const [pdfUse, pdfResult] = webFetchTurn({ url: 'https://b.example/r.pdf', text: 'x' });
    const pdf = {
      ...pdfResult,
      content: {
        ...pdfResult.content,
        content: {
          type: 'document',
          title: 'R',
          citations: null,
          source: { type: 'base64', media_type: 'application/pdf', data: 'JVBE' },
        },
      },
    } as unknown as ContentBlock;
    const blocks: ContentBlock[] = [
      ...webSearchTurn('crm pricing', [hit]),
      block.webSearchError(searchFail.id, 'too_many_requests'),
      searchFail,
      ...webFetchTurn(page),
      pdfUse,
      pdf,
      block.text('Cheap.', [citation.webSearch(hit, 'from $20'), citation.charLocation(page, '$20')]),
    ];
    const evidence = evidenceFromBlocks(blocks, '2027-01-05');
    expect(evidence.sources).toEqual([
      {
        url: page.url,
        title: 'A page',
        retrieved: '2027-01-02',
        via: 'fetch',
        quotes: ['from $20', '$20'],
        text: 'Plans start at $20.',
      },
    ]);
    expect(evidence.failures.map((f) => f.reason)).toEqual([
      'search failed: too_many_requests',
      'not a text page (application/pdf); its content was not used',
    ]);
    expect(evidence.notes).toBe('Cheap.');
  });

  it('builds the server tools from the configured caps and domain lists', () => {
    const base = { task: 't', model: 'm', system: [], prompt: 'p', maxTokens: 1000 };
    expect(
      evidenceTools({
        ...base,
        maxSearches: 0,
        maxFetches: 1,
        allowedDomains: ['a.com'],
        blockedDomains: ['b.com'],
      }),
    ).toEqual([
      {
        type: 'web_fetch_20260318',
        name: 'web_fetch',
        max_uses: 1,
        citations: { enabled: true },
        allowed_domains: ['a.com'],
      },
    ]);
  });

  it('defaults the research caps when the configuration leaves them out', () => {
    const config = parseConfig(`models: { default: m }
pricing: { asOf: 2026-11-01, currency: USD, perMillionTokens: {} }
`);
    expect(config.research).toEqual({
      maxSearches: 8,
      maxFetches: 10,
      allowedDomains: [],
      blockedDomains: [],
    });
  });
});

describe('keyword files in the campaign data folder', () => {
  const ctx = (files: Record<string, Uint8Array>) =>
    ({
      readBytes: async (p: string) => files[p],
      listFiles: async (d: string) => Object.keys(files).filter((p) => p.startsWith(`${d}/`)),
    }) as unknown as StageContext;

  it('reads recognised exports (UTF-16 Keyword Planner included), skips other CSVs and metrics', async () => {
    const inputs = await readKeywordInputs(
      ctx({
        'campaigns/c1/data/kp.csv': fixture('keyword-planner-exact.csv'),
        'campaigns/c1/data/moz.csv': fixture('moz-keyword-list.csv'),
        'campaigns/c1/data/metrics-2027-03.csv': new TextEncoder().encode('date,channel\n'),
      }),
      'c1',
    );
    expect(inputs.files).toEqual(['campaigns/c1/data/kp.csv']);
    expect(inputs.report?.keywords.map((k) => k.keyword)).toContain('marketing automation');
    expect(inputs.warnings).toContain(
      'campaigns/c1/data/moz.csv: not a keyword export Crescendo reads; skipped',
    );
  });

  it('stops on a keyword export with bad rows, naming file and row', async () => {
    await expect(
      readKeywordInputs(ctx({ 'campaigns/c1/data/s.csv': fixture('semrush-malformed.csv') }), 'c1'),
    ).rejects.toMatchObject({
      where: 'campaigns/c1/data/s.csv',
      problems: expect.arrayContaining([expect.objectContaining({ line: expect.any(Number) })]),
    });
  });

  it('reads an export through the forge stream, in any chunks: its size does not matter', async () => {
    // Local mode's readBytes answers nothing for a file over 64 MiB; the stream has no such limit.
    const utf16 = fixture('keyword-planner-exact.csv');
    const streamed = {
      readBytes: async () => undefined,
      readStream: async function* () {
        for (let at = 0; at < utf16.length; at += 7) yield utf16.subarray(at, at + 7);
      },
      listFiles: async () => ['campaigns/c1/data/kp.csv'],
    };
    const inputs = await readKeywordInputs(streamed, 'c1');
    expect(inputs.files).toEqual(['campaigns/c1/data/kp.csv']);
    const whole = await readKeywordInputs(ctx({ 'campaigns/c1/data/kp.csv': utf16 }), 'c1');
    expect(inputs.report).toEqual(whole.report);
    expect(inputs.report?.keywords.map((k) => k.keyword)).toContain('marketing automation');
  });

  it('returns nothing without keyword files', async () => {
    expect(await readKeywordInputs(ctx({}), 'c1')).toEqual({ files: [], warnings: [] });
  });
});

describe('volume against difficulty chart', () => {
  const kw = (keyword: string, v: number, difficulty?: number) => ({
    keyword,
    monthlySearchVolume: v,
    volumeSource: 'S1',
    intent: 'commercial' as const,
    ...(difficulty === undefined ? {} : { difficulty }),
  });
  it('plots keywords with difficulty and is left out when there is none', () => {
    const chart = volumeDifficultyChart({
      keywords: [kw('crm: software', 10000, 80), kw('crm pricing', 100, 20)],
    } as ResearchReport);
    expect(chart).toContain('quadrantChart');
    expect(chart).toContain('    crm software: [0.80, 1.00]');
    expect(chart).toContain('    crm pricing: [0.20, 0.50]');
    expect(volumeDifficultyChart({ keywords: [kw('a', 1), kw('b', 2)] } as ResearchReport)).toBe('');
  });
});
