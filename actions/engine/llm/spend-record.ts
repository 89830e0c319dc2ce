import { z } from 'zod';
import { CrescendoError, type Problem } from '../errors.js';
import { zodProblems } from '../files/yaml.js';
import type { LlmUsage } from './usage.js';

/** How a model request ended: answered and used, answered but refused by its checks, or failed. */
export const SpendOutcome = z.enum(['ok', 'invalid', 'failed']);
export type SpendOutcome = z.infer<typeof SpendOutcome>;

/** What one model request cost, kept for every request (failed and retried ones too). */
export const SpendRecord = z.object({
  at: z.string().min(1),
  stage: z.string().min(1),
  task: z.string().min(1),
  model: z.string().min(1),
  usd: z.number().nonnegative(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  cacheCreationInputTokens: z.number().int().nonnegative(),
  cacheReadInputTokens: z.number().int().nonnegative(),
  webSearchRequests: z.number().int().nonnegative(),
  webFetchRequests: z.number().int().nonnegative(),
  outcome: SpendOutcome,
  /** Why it failed, or that its usage was unknown and the whole reservation was charged. */
  note: z.string().optional(),
});
export type SpendRecord = z.infer<typeof SpendRecord>;

/**
 * Where a campaign's spend records are kept between runs, so that a re-run, a failed stage or
 * another stage starts from everything already spent. Records are only ever appended.
 */
export interface SpendLog {
  load(campaignId: string): Promise<SpendRecord[]>;
  append(campaignId: string, records: readonly SpendRecord[]): Promise<void>;
}

export const usageOfRecord = (r: SpendRecord): LlmUsage => ({
  inputTokens: r.inputTokens,
  outputTokens: r.outputTokens,
  cacheCreationInputTokens: r.cacheCreationInputTokens,
  cacheReadInputTokens: r.cacheReadInputTokens,
  webSearchRequests: r.webSearchRequests,
  webFetchRequests: r.webFetchRequests,
});

export const totalUsd = (records: readonly SpendRecord[]): number =>
  records.reduce((sum, r) => sum + r.usd, 0);

/** A spend log in memory (tests, and runs that keep nothing). */
export class MemorySpendLog implements SpendLog {
  readonly #records = new Map<string, SpendRecord[]>();

  async load(campaignId: string): Promise<SpendRecord[]> {
    return [...(this.#records.get(campaignId) ?? [])];
  }

  async append(campaignId: string, records: readonly SpendRecord[]): Promise<void> {
    this.#records.set(campaignId, [...(this.#records.get(campaignId) ?? []), ...records]);
  }
}

/** The file a campaign's spend records live in: one JSON object per line. */
export const spendLogPath = (campaignId: string): string => `campaigns/${campaignId}/spend.jsonl`;

export const renderSpendLog = (records: readonly SpendRecord[]): string =>
  records.map((r) => `${JSON.stringify(r)}\n`).join('');

/** Reads a spend log; a line that is not a record is a located error (never silently dropped). */
export function parseSpendLog(text: string, file: string): SpendRecord[] {
  const records: SpendRecord[] = [];
  const problems: Problem[] = [];
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      problems.push({ where: file, line: index + 1, message: 'is not a JSON object' });
      return;
    }
    const parsed = SpendRecord.safeParse(json);
    if (parsed.success) records.push(parsed.data);
    else {
      for (const p of zodProblems(parsed.error)) {
        problems.push({ where: file, line: index + 1, message: `${p.where}: ${p.message}` });
      }
    }
  });
  if (problems.length) {
    throw new CrescendoError('the spend log is damaged', {
      where: file,
      problems,
      fix: 'restore the file from git history; never edit it by hand (the spend cap is computed from it)',
    });
  }
  return records;
}

/** Reads and writes whole files: what a forge (a branch) or a local directory offers. */
export interface TextFiles {
  read(path: string): Promise<string | undefined>;
  write(path: string, text: string): Promise<void>;
}

/** A spend log kept as `campaigns/<id>/spend.jsonl` in any file store. */
export class FileSpendLog implements SpendLog {
  constructor(private readonly files: TextFiles) {}

  async load(campaignId: string): Promise<SpendRecord[]> {
    const path = spendLogPath(campaignId);
    const text = await this.files.read(path);
    return text === undefined ? [] : parseSpendLog(text, path);
  }

  async append(campaignId: string, records: readonly SpendRecord[]): Promise<void> {
    if (records.length === 0) return;
    const path = spendLogPath(campaignId);
    const before = (await this.files.read(path)) ?? '';
    const joined = before && !before.endsWith('\n') ? `${before}\n` : before;
    await this.files.write(path, joined + renderSpendLog(records));
  }
}
