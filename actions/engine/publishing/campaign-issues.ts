import { ledgerPath } from '../artifacts/ledger.js';
import { formatError } from '../errors.js';
import type { Forge } from '../forge/forge.js';
import { listCampaignIds, loadCampaign } from '../runner/campaigns.js';
import { CHANNELS_CHECK_MARKER, type ChannelCheck, channelsCheckComment } from './channels-check.js';

/** The issues of campaigns whose distribution is approved (a ledger on the default branch). */
export async function liveCampaignIssues(forge: Forge): Promise<{ campaign: string; issue: number }[]> {
  const out: { campaign: string; issue: number }[] = [];
  for (const id of await listCampaignIds(forge)) {
    if ((await forge.readFile(ledgerPath(id))) === undefined) continue;
    const issue = (await loadCampaign(forge, id))?.state.issue;
    if (issue !== undefined) out.push({ campaign: id, issue });
  }
  return out;
}

/** One comment per live campaign issue, edited in place: the same result never makes a second comment. */
export async function reportChannelChecks(
  forge: Forge,
  checks: readonly ChannelCheck[],
  log: (line: string) => void,
): Promise<void> {
  const body = channelsCheckComment(checks);
  for (const { campaign, issue } of await liveCampaignIssues(forge)) {
    try {
      await forge.upsertComment(issue, CHANNELS_CHECK_MARKER, body);
    } catch (error) {
      log(`could not update the channels check on #${issue} (${campaign}): ${formatError(error)}`);
    }
  }
}
