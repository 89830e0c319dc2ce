import type { Brief } from '../../artifacts/brief.js';
import type { ResearchData } from '../../artifacts/research.js';
import type { StrategyData } from '../../artifacts/strategy.js';
import type { AssetType } from '../../assets/asset-type.js';

export interface PlannedAsset {
  /** Stable key of the asset within the campaign, e.g. `blog-post/2`; keys samples and logs. */
  key: string;
  type: AssetType;
  channel: string;
  date: string;
  keyword?: string;
  message: string;
}

const FIXED_CHANNEL: Partial<Record<AssetType, string>> = {
  'blog-post': 'blog',
  'landing-page': 'landing-page',
  'email-sequence': 'email',
  'google-rsa': 'google-ads',
  'linkedin-ad': 'linkedin-ads',
  'lead-magnet': 'lead-magnet',
};

const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const daysBetween = (a: string, b: string): number =>
  Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

/**
 * Which assets, for which channel, on which date, with which keyword: derived from the
 * brief's counts and the approved strategy. Dates spread each type evenly over the
 * distribution phase; landing pages, lead magnets and ads go live at launch because
 * everything else links to them.
 */
export function planAssets(brief: Brief, strategy: StrategyData, research: ResearchData): PlannedAsset[] {
  const distribution = strategy.phases.find((p) => p.id === 'distribution');
  const start = distribution?.start ?? brief.timeframe.start;
  const end = distribution?.end ?? brief.timeframe.end;
  const span = Math.max(0, daysBetween(start, end));
  const socialChannels = brief.channels.filter((c) => c === 'linkedin' || c === 'x');
  const keywords = [...research.keywords].sort((a, b) => b.monthlySearchVolume - a.monthlySearchVolume);
  const messages = strategy.objectives.map((o) => `${strategy.positioning} Objective: ${o.description}.`);
  const plan: PlannedAsset[] = [];
  let keywordIndex = 0;
  for (const line of brief.assets) {
    for (let i = 0; i < line.count; i++) {
      const launch = ['landing-page', 'lead-magnet', 'google-rsa', 'linkedin-ad'].includes(line.type);
      const offset = launch || line.count === 1 ? 0 : Math.round((span * i) / (line.count - 1));
      const wantsKeyword =
        line.type === 'blog-post' || line.type === 'google-rsa' || line.type === 'landing-page';
      const keyword =
        wantsKeyword && keywords.length ? keywords[keywordIndex++ % keywords.length]?.keyword : undefined;
      plan.push({
        key: `${line.type}/${i + 1}`,
        type: line.type,
        channel:
          FIXED_CHANNEL[line.type] ?? socialChannels[i % Math.max(1, socialChannels.length)] ?? 'linkedin',
        date: addDays(start, offset),
        keyword,
        message: messages[i % messages.length] ?? strategy.positioning,
      });
    }
  }
  return plan.sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key));
}
