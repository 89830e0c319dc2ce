import { readFile } from 'node:fs/promises';
import { CrescendoError } from '../../actions/engine/errors.js';
import { git, gitMaybe } from '../../actions/engine/forge/local/git.js';

/**
 * Strategy lock: once `plans/<id>-strategy.md` is merged, a later change to it must come
 * from that campaign's strategy branch (`crescendo/<id>/strategy`, a new planning cycle or
 * a revision of the open one) or carry a data-backed justification:
 *
 *   Strategy-Change-Justification: CTR on linkedin-ads was 0.21 % (campaigns/q2/reports/2027-05-07-report.md)
 *
 * in the pull request body or a commit message. "Data-backed" means the line names a report
 * (`…reports/….md`) or a metric with a number (CTR 0.21 %, CPL 80, 120 MQLs, …).
 */

export const JUSTIFICATION_KEY = 'Strategy-Change-Justification:';
const STRATEGY_FILE = /^plans\/(.+)-strategy\.md$/;
const REPORT_REF = /\breports\/[\w./-]+\.md\b/;
const METRIC =
  /\b(ctr|cpc|cpm|cpl|cpa|roas|roi|conversion rate|conversions?|mqls?|leads?|clicks?|impressions?|visitors?|visits?|sessions?|signups?|trials?|demos?|revenue|spend|cost)\b/i;
const NUMBER = /\d/;

export interface StrategyLockInput {
  dir: string;
  base: string;
  head: string;
  /** The pull request's head branch (GITHUB_HEAD_REF in a pull_request workflow). */
  branch?: string;
  /** The pull request body, when known. */
  body?: string;
}

export interface StrategyLockResult {
  ok: boolean;
  /** Merged strategies this change modifies. */
  changed: string[];
  message: string;
}

/** The justification lines of a text that carry a data reference. */
export function dataBackedJustifications(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.startsWith(JUSTIFICATION_KEY))
    .map((line) => line.slice(JUSTIFICATION_KEY.length).trim())
    .filter((why) => REPORT_REF.test(why) || (METRIC.test(why) && NUMBER.test(why)));
}

export async function checkStrategyLock(input: StrategyLockInput): Promise<StrategyLockResult> {
  const { dir, base, head } = input;
  for (const ref of [base, head]) {
    if ((await gitMaybe(dir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])) === undefined) {
      throw new CrescendoError(`cannot resolve git ref "${ref}"`, {
        where: dir,
        fix: 'fetch the full history (actions/checkout with fetch-depth: 0) and pass existing refs',
      });
    }
  }
  const diff = await git(dir, ['diff', '--name-status', '--no-renames', `${base}...${head}`]);
  const changed = diff
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'))
    .filter(([status, path]) => status !== 'A' && path !== undefined && STRATEGY_FILE.test(path))
    .map(([, path]) => path as string);
  // Only strategies that exist at the base were merged before; a new one is a new plan.
  const merged: string[] = [];
  for (const path of changed) {
    if ((await gitMaybe(dir, ['cat-file', '-e', `${base}:${path}`])) !== undefined) merged.push(path);
  }
  const locked = merged.filter(
    (path) => input.branch !== `crescendo/${STRATEGY_FILE.exec(path)?.[1]}/strategy`,
  );
  if (locked.length === 0) {
    return {
      ok: true,
      changed: merged,
      message: merged.length
        ? `strategy changed on its own strategy branch (${input.branch}): allowed`
        : 'no merged strategy is changed',
    };
  }
  const messages = await git(dir, ['log', '--format=%B', `${base}..${head}`]);
  const reasons = dataBackedJustifications(`${input.body ?? ''}\n${messages}`);
  if (reasons.length > 0) {
    return {
      ok: true,
      changed: merged,
      message: `merged strategy changed with a data-backed justification: ${reasons.join(' | ')}`,
    };
  }
  const mentioned = `${input.body ?? ''}\n${messages}`.includes(JUSTIFICATION_KEY);
  return {
    ok: false,
    changed: merged,
    message: [
      `this change modifies an approved strategy outside a strategy pull request: ${locked.join(', ')}`,
      mentioned
        ? `the ${JUSTIFICATION_KEY} line names no data: cite a report path (campaigns/<id>/reports/….md) or a metric with its number`
        : `add a line "${JUSTIFICATION_KEY} <why, citing a report path or a metric with its number>" to the pull request description or a commit message`,
      'or change the strategy through a new planning cycle (the crescendo/<id>/strategy branch).',
    ].join('\n'),
  };
}

/** The pull request body from the workflow event, when the runner provides one. */
export async function pullRequestBody(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return undefined;
  try {
    const event = JSON.parse(await readFile(path, 'utf8')) as { pull_request?: { body?: string | null } };
    return event.pull_request?.body ?? undefined;
  } catch {
    return undefined;
  }
}
