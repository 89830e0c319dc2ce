import { readBrand } from '../../artifacts/brand.js';
import { zeroCost } from '../../artifacts/campaign-state.js';
import type { Ledger } from '../../artifacts/ledger.js';
import { ledgerPath, parseLedger, renderLedger } from '../../artifacts/ledger.js';
import { readResearch } from '../../artifacts/research.js';
import { approvedForDistribution, reviewPath } from '../../artifacts/review.js';
import { readStrategy } from '../../artifacts/strategy.js';
import { CrescendoError, type Problem } from '../../errors.js';
import { bullets } from '../../files/markdown.js';
import { isApproved, readAssetFiles } from '../../publishing/approved-assets.js';
import { publishItem } from '../../publishing/items.js';
import { checkLinks, crescendoPages, itemLinks, pageAnchorProblems } from '../../publishing/link-check.js';
import { planLedger } from '../../publishing/plan-ledger.js';
import { ScheduleProposal, scheduleProblems } from '../../publishing/schedule.js';
import { planSlots, type Slot } from '../../publishing/slots.js';
import { ask, campaignSystem, dataBlock, feedbackBlock } from '../ask.js';
import type { Stage, StageContext } from '../stage.js';
import { gateSection } from './held-back.js';
import { distributionSummary } from './summary.js';

/*
 * Distribution turns the approved assets into the publication ledger: code lists what can go out (slots),
 * the model only proposes when, code checks the times (window, asset dates, cadences) and writes every
 * entry with its key, tracked link and publisher. Set-up notes and the link check come from code.
 */

function slotLine(slot: Slot): string {
  const { type, channel, date } = slot.asset.front;
  const emails = slot.emailOffsets
    ? `, its emails on days ${slot.emailOffsets.join(', ')} (this slot is the first)`
    : '';
  return `- ${slot.id}: ${type} on ${channel}, variant ${slot.variant}, asset date ${date}${emails}`;
}

async function optional<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch {
    return undefined;
  }
}

async function linkProblems(
  ctx: StageContext,
  ledger: Ledger,
  assets: Awaited<ReturnType<typeof readAssetFiles>>,
) {
  const brand = await readBrand(ctx, ctx.campaign.brief);
  const source = {
    files: ctx,
    assets: new Map(assets.map((a) => [a.path, a])),
    brand: { name: brand.name, ...(brand.postalAddress ? { postalAddress: brand.postalAddress } : {}) },
  };
  const pages = await crescendoPages(ctx, assets);
  const problems: Problem[] = pages.filter((p) => p.approved).flatMap(pageAnchorProblems);
  for (const entry of ledger.entries) {
    try {
      problems.push(...checkLinks(itemLinks(await publishItem(entry, ledger.campaign, source)), pages));
    } catch (error) {
      problems.push({ where: entry.path, message: error instanceof Error ? error.message : String(error) });
    }
  }
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(`${p.where}${p.message}`) && seen.add(`${p.where}${p.message}`));
}

export const distributionStage: Stage = {
  name: 'distribution',
  title: 'Distribution',
  checklist: [
    'Every approved asset and variant is in the ledger, or listed as not sent with the reason',
    'Publish times suit each channel and audience',
    'Tracked links: one utm_content per asset, variant and email',
    'The link check passes',
    'Each channel is set up (publishing.<channel> in .github/crescendo.yml, its secrets)',
  ],
  onMerge: 'approves the ledger; the publisher sends each entry when it is due, and measurement starts',
  writes: (id) => [ledgerPath(id)],
  async run(ctx: StageContext) {
    const { brief } = ctx.campaign;
    const assets = await readAssetFiles(ctx, brief.id);
    // Approved by the review and every claim ticked or waived (review.md, or the merged review PR's body).
    const gate = await approvedForDistribution(ctx, brief.id, { approvalBody: ctx.approval?.body });
    const approved = assets.filter((a) => isApproved(a) && gate.approved.includes(a.path));
    if (approved.length === 0) {
      throw new CrescendoError('no asset may be distributed yet', {
        code: 'waiting',
        problems: gate.held.map((h) => ({ where: h.path, message: h.reason })),
        fix: `tick (or waive) the claims to verify in ${reviewPath(brief.id)}, then run distribution again`,
      });
    }
    for (const held of gate.held) ctx.log(`  held back: ${held.path}: ${held.reason}`);
    const { slots, notSent } = planSlots(approved, ctx.config.publishing, brief.id);
    ctx.log(`  scheduling ${slots.length} slots of ${approved.length} approved assets`);
    const rules = { window: brief.timeframe, cadence: brief.cadence, timeZone: brief.timeZone };
    const cadences = (brief.cadence ?? []).map(
      (c) =>
        `${c.channel}: at most ${c.times} per ${c.every && c.every > 1 ? `${c.every} ` : ''}${c.unit}${c.weekdaysOnly ? ', weekdays only' : ''}`,
    );
    const proposal =
      slots.length === 0
        ? { data: { schedule: [] }, cost: undefined }
        : await ask(ctx, 'distribution', {
            task: 'distribution',
            system: campaignSystem(
              ctx,
              'You are the distribution planner: you choose when each item goes out.',
            ),
            prompt: `Give every slot below exactly one publish time, inside ${brief.timeframe.start} – ${brief.timeframe.end}, never before its asset's own date, at a good time for its channel and audience${brief.timeZone ? ` in ${brief.timeZone} (write each time with that zone's UTC offset)` : ''}. Items on one channel need their own times; the variants of one social post go out on different days, the variants of one ad together. An email sequence's slot is its first email; the others follow at their day offsets and must stay inside the window.${cadences.length ? `\nThe brief's cadence: ${cadences.join('; ')}.` : ''}\nThe slots:\n\n${dataBlock('slots', slots.map(slotLine).join('\n'))}${feedbackBlock(ctx)}`,
            schema: ScheduleProposal,
            check: (d) => scheduleProblems(d, slots, rules),
          });
    const existingText = await ctx.readFile(ledgerPath(brief.id));
    const ledger = planLedger(slots, proposal.data, {
      campaign: brief.id,
      window: brief.timeframe,
      strategy: await optional(() => readStrategy(ctx, brief.id)),
      research: await optional(() => readResearch(ctx, brief.id)),
      existing: existingText === undefined ? undefined : parseLedger(existingText, ledgerPath(brief.id)),
    });
    const problems = await linkProblems(ctx, ledger, assets);
    const channels = [...new Set(ledger.entries.map((e) => e.channel))];
    return {
      files: [{ path: ledgerPath(brief.id), content: renderLedger(ledger) }],
      summary: [
        distributionSummary(ledger, ctx.config.publishing, problems, notSent),
        bullets([
          `${ledger.entries.length} entries on ${channels.join(', ') || 'no channel'}`,
          `First: ${ledger.entries[0]?.publishAt ?? '—'}; last: ${ledger.entries.at(-1)?.publishAt ?? '—'}`,
          ...(gate.held.length
            ? [
                `Held back by the review: ${gate.held.length} asset${gate.held.length === 1 ? '' : 's'}, listed below with how to release them`,
              ]
            : []),
        ]),
        gateSection(gate, brief.id),
      ]
        .filter(Boolean)
        .join('\n\n'),
      cost: proposal.cost ?? zeroCost(),
    };
  },
};
