import { campaignFilePath, parseCampaignFile } from '../artifacts/campaign.js';
import type { Campaign } from '../artifacts/campaign-state.js';
import type { Forge } from '../forge/forge.js';

/** Ids of the campaigns that have a `campaigns/<id>/campaign.yml` at a ref (the default branch when omitted). */
export async function listCampaignIds(forge: Forge, ref?: string): Promise<string[]> {
  return (await forge.listFiles('campaigns', ref))
    .map((path) => /^campaigns\/([^/]+)\/campaign\.yml$/.exec(path)?.[1])
    .filter((id): id is string => id !== undefined);
}

/** The campaign file at a ref (the default branch when omitted), or undefined when there is none. */
export async function loadCampaign(forge: Forge, id: string, ref?: string): Promise<Campaign | undefined> {
  const path = campaignFilePath(id);
  const text = await forge.readFile(path, ref);
  return text === undefined ? undefined : parseCampaignFile(text, path);
}
