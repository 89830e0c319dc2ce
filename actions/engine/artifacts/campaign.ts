import { parseYaml, toYaml, validateWith } from '../files/yaml.js';
import { Campaign } from './campaign-state.js';

export const campaignFilePath = (id: string): string => `campaigns/${id}/campaign.yml`;

const HEADER = `# Crescendo campaign: the brief (what the team asked for) and the state (written by Crescendo).
# The state changes only through stage pull requests; edit the brief before research starts.
`;

export function parseCampaignFile(text: string, file: string): Campaign {
  const yaml = parseYaml(text, file);
  return validateWith(Campaign, yaml.value, file, yaml.lineOf, 'is not a valid campaign file');
}

export function renderCampaignFile(campaign: Campaign): string {
  return HEADER + toYaml(Campaign.parse(campaign));
}
