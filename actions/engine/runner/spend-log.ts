import type { FileChange, Forge } from '../forge/forge.js';
import {
  parseSpendLog,
  renderSpendLog,
  type SpendLog,
  type SpendRecord,
  spendLogPath,
} from '../llm/spend-record.js';

/**
 * A campaign's spend log (`campaigns/<id>/spend.jsonl`) as the runner keeps it: committed with every stage,
 * and on its own to the stage branch when a run fails, so a re-run starts from everything already spent.
 * The records are the union of the default branch's and the stage branch's logs (a failed run's records
 * live only on its branch until the stage is merged).
 */
export class StageSpendLog implements SpendLog {
  private readonly records: SpendRecord[] = [];

  private constructor(
    private readonly forge: Forge,
    private readonly branch: string,
  ) {}

  static async open(forge: Forge, campaignId: string, branch: string): Promise<StageSpendLog> {
    const log = new StageSpendLog(forge, branch);
    const path = spendLogPath(campaignId);
    const onMain = await forge.readFile(path);
    const onBranch =
      branch && (await forge.branchExists(branch)) ? await forge.readFile(path, branch) : undefined;
    log.records.push(...union(parse(onMain, path), parse(onBranch, path)));
    return log;
  }

  async load(): Promise<SpendRecord[]> {
    return [...this.records];
  }

  /** Keeps the records for the stage commit (`file`); nothing is written until then. */
  async append(_campaignId: string, records: readonly SpendRecord[]): Promise<void> {
    this.records.push(...records);
  }

  all(): readonly SpendRecord[] {
    return this.records;
  }

  file(campaignId: string): FileChange {
    return { path: spendLogPath(campaignId), content: renderSpendLog(this.records) };
  }

  /** After a failed run: commits the log alone to the stage branch so its cost is never forgotten. */
  async commitAlone(campaignId: string, base: string, reset: boolean): Promise<void> {
    await this.forge.commitFiles({
      branch: this.branch,
      base,
      message: `crescendo(${campaignId}): record the spend of a failed run`,
      changes: [this.file(campaignId)],
      reset,
    });
  }
}

const parse = (text: string | undefined, path: string): SpendRecord[] =>
  text === undefined ? [] : parseSpendLog(text, path);

/**
 * Both logs grew from one history (a stage branch starts from the default branch), so a record in both is
 * one record: each record counts as often as the log holding it most often has it — never twice.
 */
function union(a: readonly SpendRecord[], b: readonly SpendRecord[]): SpendRecord[] {
  const inA = new Map<string, number>();
  for (const r of a) inA.set(JSON.stringify(r), (inA.get(JSON.stringify(r)) ?? 0) + 1);
  const merged = [...a];
  for (const r of b) {
    const key = JSON.stringify(r);
    const left = inA.get(key) ?? 0;
    if (left > 0) inA.set(key, left - 1);
    else merged.push(r);
  }
  return merged;
}

/** Spend per stage, from the records (`stage` is the first part of each task). */
export function spendByStage(records: readonly SpendRecord[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const r of records) totals.set(r.stage, (totals.get(r.stage) ?? 0) + r.usd);
  return totals;
}
