import { startCampaign } from '../runner/run-stage.js';
import { FIRST_STAGE } from '../stages/index.js';
import type { EventIntent } from './event-route.js';
import {
  CAMPAIGN_TEMPLATE_PATH,
  FORM_PROBLEMS_MARKER,
  parseCampaignIssue,
  renderFormProblems,
} from './issue-form/issue-form.js';
import {
  ACCESS_MARKER,
  deps,
  findCampaign,
  type RunContext,
  ran,
  refuse,
  type StageActionResult,
  skipped,
} from './run-context.js';

/** Label put on a campaign issue whose form cannot be read. */
export const INVALID_FORM_LABEL = 'crescendo:invalid-form';

type StartIntent = Extract<EventIntent, { kind: 'start' }>;

const ADOPT_HINT =
  'A maintainer can adopt this campaign: adding the `campaign` label or editing the issue starts it on their authority.';

/**
 * On whose authority the campaign starts: its author with write access, or else the person with write access
 * who labelled or edited it (adopting an outsider's issue); undefined when neither may.
 */
async function authority(
  ctx: RunContext,
  intent: StartIntent,
): Promise<{ login: string; adopted: boolean } | undefined> {
  if (await ctx.forge.hasWriteAccess(intent.author)) return { login: intent.author, adopted: false };
  const adopter = intent.sender;
  if (intent.action === 'opened' || adopter.toLowerCase() === intent.author.toLowerCase()) return undefined;
  return (await ctx.forge.hasWriteAccess(adopter)) ? { login: adopter, adopted: true } : undefined;
}

const adoptionNote = (adopter: string, author: string): string =>
  [
    ACCESS_MARKER,
    `✅ @${adopter} (write access) adopted this campaign issue, opened by @${author}: Crescendo runs it on @${adopter}'s authority.`,
    'Revisions and approvals still need someone with write access on each pull request.',
  ].join('\n\n');

/** Starts a campaign from its issue form: checks who may, reads the form, runs the first stage. */
export async function startFromIssue(ctx: RunContext, intent: StartIntent): Promise<StageActionResult> {
  ctx.target = intent.issue;
  const who = await authority(ctx, intent);
  const templateYaml = await ctx.forge.readFile(CAMPAIGN_TEMPLATE_PATH);
  const form = parseCampaignIssue({
    title: intent.title,
    body: intent.body,
    number: intent.issue,
    templateYaml,
  });
  if (!who) {
    // An outsider's edit of an issue a maintainer already adopted changes nothing, and refuses nobody.
    const started = form.ok ? await findCampaign(ctx.forge, form.brief.id) : undefined;
    if (form.ok && started?.state.issue === intent.issue) {
      return skipped(`Campaign ${form.brief.id} already started from issue #${intent.issue}.`, form.brief.id);
    }
    await refuse(ctx, intent.sender, intent.issue, 'start a campaign', ADOPT_HINT);
    return { status: 'refused', message: `@${intent.sender} has no write access; nothing ran.`, runs: [] };
  }
  const hadProblems = intent.labels.includes(INVALID_FORM_LABEL);
  if (!form.ok) {
    if (!ctx.dryRun) {
      await ctx.forge.upsertComment(intent.issue, FORM_PROBLEMS_MARKER, renderFormProblems(form.problems));
      await ctx.forge.addLabels(intent.issue, [INVALID_FORM_LABEL]);
    }
    return {
      status: 'invalid-form',
      message: `The campaign form of issue #${intent.issue} needs ${form.problems.length} fix(es); they are listed on the issue.`,
      runs: [],
    };
  }
  const id = form.brief.id;
  ctx.campaignId = id;
  // An edit after the campaign started (same issue) changes nothing: the brief lives in campaign.yml now.
  const existing = await findCampaign(ctx.forge, id);
  if (existing && existing.state.issue === intent.issue) {
    return skipped(
      `Campaign ${id} already started from issue #${intent.issue}; edits to the issue change nothing.`,
      id,
    );
  }
  if (ctx.dryRun) return skipped(`Dry run: would start campaign ${id} with ${FIRST_STAGE.name}.`, id);
  if (who.adopted)
    await ctx.forge.upsertComment(intent.issue, ACCESS_MARKER, adoptionNote(who.login, intent.author));
  if (hadProblems) {
    await ctx.forge.upsertComment(
      intent.issue,
      FORM_PROBLEMS_MARKER,
      `${FORM_PROBLEMS_MARKER}\n### ✅ The campaign brief reads correctly now\n\nThanks for the fixes: Crescendo is starting the research stage.\n`,
    );
  }
  return ran(
    await startCampaign(deps(ctx), form.brief, { issue: intent.issue, where: `issue #${intent.issue}` }),
    FIRST_STAGE.name,
  );
}
