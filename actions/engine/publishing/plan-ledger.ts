import type { Ledger, PlannedEntry } from '../artifacts/ledger.js';
import type { ResearchReport } from '../artifacts/research.js';
import type { StrategyData } from '../artifacts/strategy.js';
import { adKeywords, dailyBudget } from './ad-settings.js';
import type { ScheduleProposal } from './schedule.js';
import { entriesOfSlot, type Slot } from './slots.js';
import { mergeApproved } from './state.js';

/*
 * The approved schedule as a ledger: each timed slot expanded into its entries, ads given their keywords and
 * budget, earliest first. Entries that already went out (or may have) keep their outcome when the
 * distribution is run again, so a revision never schedules a second post.
 */

export interface PlanInputs {
  campaign: string;
  window: { start: string; end: string };
  strategy?: StrategyData;
  research?: ResearchReport;
  /** The ledger on the default branch now, if any. */
  existing?: Ledger;
}

const ADS: ReadonlySet<string> = new Set(['google-rsa', 'linkedin-ad']);

export function planLedger(slots: readonly Slot[], proposal: ScheduleProposal, inputs: PlanInputs): Ledger {
  const times = new Map(proposal.schedule.map((s) => [s.slot, s.publishAt]));
  const adAssets = (channel: string) =>
    new Set(
      slots
        .filter((s) => s.asset.front.channel === channel && ADS.has(s.asset.front.type))
        .map((s) => s.asset.path),
    ).size;
  const entries: PlannedEntry[] = [];
  for (const slot of slots) {
    const publishAt = times.get(slot.id);
    if (!publishAt) continue;
    const { type, channel, keyword } = slot.asset.front;
    const extras = ADS.has(type)
      ? {
          ...(type === 'google-rsa' ? { keywords: adKeywords(keyword, inputs.research) } : {}),
          dailyBudget: dailyBudget(inputs.strategy, channel, adAssets(channel), publishAt, inputs.window.end),
        }
      : {};
    entries.push(...entriesOfSlot(slot, publishAt, inputs.campaign, extras));
  }
  entries.sort(
    (a, b) =>
      Date.parse(a.publishAt) - Date.parse(b.publishAt) ||
      a.path.localeCompare(b.path) ||
      a.variant.localeCompare(b.variant) ||
      (a.email ?? 0) - (b.email ?? 0),
  );
  const ledger: Ledger = {
    campaign: inputs.campaign,
    entries: entries.map((e) => ({ ...e, status: 'scheduled' as const })),
  };
  return mergeApproved(ledger, inputs.existing);
}
