import {
  StrategyData,
  type StrategyOverride,
  type StrategyWarning,
  strategyPath,
} from '../../artifacts/strategy.js';
import { CrescendoError, type Problem } from '../../errors.js';
import { parseArtifact } from '../../files/artifact-file.js';
import { readFrontMatter, writeFrontMatter } from '../../files/front-matter.js';
import { OVERRIDE_KEY } from '../override-line.js';
import type { OverrideRequest, StageGate } from '../stage.js';
import { renderWarnings, WARNINGS_END, WARNINGS_START, warningText } from './render.js';

export { warningText };

/**
 * The approval gate of a strategy: its warnings (a target the plan does not reach, an implausible
 * cost) block approval until a person with write access accepts them with a reason, or the plan
 * changes. The acceptance is recorded in the strategy file itself (`strategy.override`), so
 * `crescendo check` and CI read the same answer before and after the merge, and it names the exact
 * warnings it accepted: new numbers (a changed brief, budget or benchmarks) need a new override.
 */

/** The warnings nobody has accepted yet (all of them without an override). */
export function unacceptedWarnings(data: Pick<StrategyData, 'warnings' | 'override'>): StrategyWarning[] {
  const accepted = new Set(data.override?.accepts ?? []);
  return data.warnings.filter((w) => !accepted.has(warningText(w)));
}

/** How to override, for messages: the local command, or the line on the pull request. */
export function overrideHowTo(campaignId: string): string {
  return `a person with write access accepts them with a reason: comment "${OVERRIDE_KEY} <reason>" on the strategy pull request, or run \`crescendo approve ${campaignId} --override "<reason>"\`; or change the brief, budget or benchmarks and revise the strategy`;
}

/** The blocking warnings as problems: where is what they are about (a label), never a field path. */
export function gateProblems(data: Pick<StrategyData, 'warnings' | 'override'>): Problem[] {
  return unacceptedWarnings(data).map((w) => ({ where: w.subject, message: w.message }));
}

/**
 * The strategy file with the override recorded: the front matter's `strategy.override` and the
 * WARNING section of the body, in place (the rest of the body is left as it is).
 */
export function withOverride(text: string, path: string, request: OverrideRequest): string {
  const reason = request.reason.trim();
  if (!reason) {
    throw new CrescendoError('an override needs a reason', {
      where: path,
      fix: `write the reason after the key: ${OVERRIDE_KEY} stretch goal agreed with sales`,
    });
  }
  const data = parseArtifact(text, path, 'strategy', StrategyData);
  const override: StrategyOverride = {
    reason,
    by: request.by,
    at: request.at.toISOString(),
    accepts: data.warnings.map(warningText),
  };
  const doc = readFrontMatter(text, path);
  const updated = { ...data, override };
  const start = doc.body.indexOf(WARNINGS_START);
  const end = doc.body.indexOf(WARNINGS_END);
  const section = renderWarnings(updated, String(doc.data.campaign ?? ''));
  const body =
    start >= 0 && end > start
      ? `${doc.body.slice(0, start)}${section}${doc.body.slice(end + WARNINGS_END.length)}`
      : `${doc.body.trimEnd()}\n\n${section}\n`;
  return writeFrontMatter({ ...doc.data, strategy: updated }, body);
}

/** The stage's gate for the runner: what blocks approval of the strategy on a branch, and how to accept it. */
export const strategyGate: StageGate = {
  /** Problems that block approval of the campaign's strategy as it reads at `read`. */
  async blocking(
    read: (path: string) => Promise<string | undefined>,
    campaignId: string,
  ): Promise<Problem[]> {
    const path = strategyPath(campaignId);
    const text = await read(path);
    if (text === undefined) return [];
    return gateProblems(parseArtifact(text, path, 'strategy', StrategyData));
  },
  /** The file change that records a person's override. */
  async override(
    read: (path: string) => Promise<string | undefined>,
    campaignId: string,
    request: OverrideRequest,
  ) {
    const path = strategyPath(campaignId);
    const text = await read(path);
    if (text === undefined) {
      throw new CrescendoError('there is no strategy to override', {
        where: path,
        fix: 'run the strategy stage first',
      });
    }
    return [{ path, content: withOverride(text, path, request) }];
  },
  howTo: overrideHowTo,
};
