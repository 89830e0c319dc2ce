import type { Forge } from '../forge/forge.js';
import { recordOverride } from '../runner/override.js';
import { STAGES } from '../stages/index.js';
import type { StageName } from '../stages/names.js';
import { OVERRIDE_KEY } from '../stages/override-line.js';
import { type EventIntent, parseStageBranch, stageFromLabels } from './event-route.js';

/** The comment Crescendo keeps (edited in place) on a stage PR to answer overrides. */
export const OVERRIDE_MARKER = '<!-- crescendo:override -->';

export interface OverrideOutcome {
  status: 'ran' | 'skipped' | 'refused';
  message: string;
  campaignId?: string;
  pullRequest?: number;
}

export interface OverrideDeps {
  forge: Forge;
  /** This action's stage; an override for another stage's PR is not its work. */
  stage: StageName;
  dryRun: boolean;
  /** Whether the actor has write access; answers the refusal on the PR itself. */
  allowed(login: string, where: number, what: string): Promise<boolean>;
  now?: () => Date;
}

/**
 * A `Crescendo-Override: <reason>` line on a stage PR, from a comment or a review: after checking the
 * PR is an open Crescendo stage PR of this action's stage whose gate reports something, and that the
 * person has write access, the override is recorded on the PR branch (one commit: the strategy file
 * and the line in the commit message), and a comment says what was accepted. CI's `crescendo check`
 * then passes on the new head (with a GitHub App token the commit starts CI again).
 */
export async function applyOverride(
  deps: OverrideDeps,
  intent: Extract<EventIntent, { kind: 'override' }>,
): Promise<OverrideOutcome> {
  const skipped = (message: string, campaignId?: string): OverrideOutcome => ({
    status: 'skipped',
    message,
    ...(campaignId ? { campaignId } : {}),
  });
  const pr = await deps.forge.getPullRequest(intent.pr);
  const branch = parseStageBranch(pr.branch);
  if (!branch) return skipped(`#${intent.pr} is not a Crescendo stage pull request.`);
  const labelled = stageFromLabels(pr.labels);
  if (labelled.stage !== branch.stage || labelled.campaignId !== branch.campaignId) {
    return skipped(`#${intent.pr}: its branch ${pr.branch} and labels disagree; no override recorded.`);
  }
  const { campaignId, stage } = branch;
  if ((intent.campaignId && intent.campaignId !== campaignId) || (intent.stage && intent.stage !== stage)) {
    return skipped(`#${intent.pr} is not the pull request the event named.`);
  }
  if (stage !== deps.stage)
    return skipped(`#${intent.pr} is a ${stage} pull request; this is the ${deps.stage} action.`);
  if (pr.state !== 'open')
    return skipped(`#${intent.pr} is ${pr.state}; only open pull requests take an override.`, campaignId);
  const gate = STAGES[stage].gate;
  if (!gate)
    return skipped(`${STAGES[stage].title} has no approval gate; there is nothing to override.`, campaignId);
  if (
    !(await deps.allowed(intent.actor, intent.pr, `accept the ${stage} warnings with \`${OVERRIDE_KEY}\``))
  ) {
    return {
      status: 'refused',
      message: `@${intent.actor} has no write access; no override recorded.`,
      campaignId,
    };
  }
  if (deps.dryRun)
    return skipped(`Dry run: would record @${intent.actor}'s override on #${intent.pr}.`, campaignId);
  const { recorded, blocking } = await recordOverride(deps.forge, {
    stage,
    pr,
    campaignId,
    reason: intent.reason,
    by: `@${intent.actor}`,
    at: deps.now?.() ?? new Date(),
  });
  const said = recorded
    ? blocking.length === 0
      ? `@${intent.actor} accepted the ${stage} warnings: “${intent.reason}”. The override is recorded in the ${stage} file on this branch; the check passes and merging approves the plan with its warnings.`
      : `@${intent.actor}'s override is recorded, but ${blocking.length} warning(s) still block approval (the plan changed meanwhile): ${blocking.map((p) => `${p.where}: ${p.message}`).join(' · ')}`
    : `Nothing to override: the ${stage} on #${intent.pr} has no open warnings.`;
  await deps.forge.upsertComment(intent.pr, OVERRIDE_MARKER, `${OVERRIDE_MARKER}\n${said}`);
  return { status: recorded ? 'ran' : 'skipped', message: said, campaignId, pullRequest: intent.pr };
}
