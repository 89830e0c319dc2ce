import type { Brief } from '../../artifacts/brief.js';
import type { AssetRequestLine, Cadence } from '../../artifacts/brief-parts.js';
import type { ResearchData } from '../../artifacts/research.js';
import type { StrategyData } from '../../artifacts/strategy.js';
import type { AssetType } from '../../assets/asset-type.js';
import { SOCIAL_CHANNELS } from '../../channels/index.js';
import type { DateWindow } from '../../planning/dates.js';
import { daysBetween } from '../../planning/dates.js';
import { cadenceSlots, scheduleDates } from './schedule.js';

export interface PlannedAsset {
  /** Stable key of the asset within the campaign, e.g. `blog-post/2`; keys samples and logs. */
  key: string;
  type: AssetType;
  channel: string;
  date: string;
  keyword?: string;
  message: string;
  /** The item's name from the brief: a sequence (welcome), a lead magnet's kind (ebook), a page's purpose. */
  name?: string;
  /** Where this asset sends people, or a landing page's own address: the brief's page for its purpose. */
  landingUrl?: string;
  /** The asset this one promotes ("LinkedIn ads for both lead magnets"): its key and name. */
  promotes?: { key: string; name?: string };
  /** What the requester added to the line ("SEO-optimized"), as written. */
  notes?: string[];
  /** A newsletter's issues: days after its first send, one per issue, from the email cadence. */
  sendDays?: number[];
}

const FIXED_CHANNEL: Partial<Record<AssetType, string>> = {
  'blog-post': 'blog',
  'landing-page': 'landing-page',
  'email-sequence': 'email',
  'google-rsa': 'google-ads',
  'linkedin-ad': 'linkedin-ads',
  'lead-magnet': 'lead-magnet',
};

/** Live from the first day of distribution: everything else links to them, and sequences are triggered. */
const AT_LAUNCH: ReadonlySet<AssetType> = new Set([
  'landing-page',
  'lead-magnet',
  'google-rsa',
  'linkedin-ad',
  'email-sequence',
]);

/** Types that target a search keyword, and which intents suit them. */
const KEYWORD_INTENTS: Partial<Record<AssetType, readonly string[]>> = {
  'blog-post': ['informational', 'commercial', 'transactional', 'navigational'],
  'google-rsa': ['commercial', 'transactional'],
  'landing-page': ['commercial', 'transactional'],
};

const isNewsletter = (c: Cadence): boolean => c.channel === 'email' && /newsletter/i.test(c.what ?? '');

/** Each asset line's items by channel: social posts by network (a split, one network, or the campaign's). */
function channelGroups(line: AssetRequestLine, brief: Brief): { channel: string; count: number }[] {
  const fixed = FIXED_CHANNEL[line.type];
  if (fixed) return [{ channel: fixed, count: line.count }];
  if (line.platforms) return line.platforms.map((p) => ({ channel: p.platform, count: p.count }));
  if (line.platform) return [{ channel: line.platform, count: line.count }];
  const social = brief.channels.filter((c) => (SOCIAL_CHANNELS as readonly string[]).includes(c));
  const networks = social.length > 0 ? social : ['linkedin'];
  return networks
    .map((channel, i) => ({
      channel,
      count: Math.floor(line.count / networks.length) + (i < line.count % networks.length ? 1 : 0),
    }))
    .filter((g) => g.count > 0);
}

/**
 * Which assets, for which channel, on which date, with which keyword, name and destination: derived from
 * the brief's lines and the approved strategy, inside its distribution phase. Social posts follow the
 * line's split across networks; names (welcome, ebook, trial) go to the items in order; a landing page
 * gets the brief's address for its purpose; an ad line that promotes another type promotes its items in
 * order. Dates follow the brief's cadence for the channel (2 posts a week, daily social) when the items
 * fit the phase at that pace, else spread evenly; landing pages, lead magnets, ads and triggered sequences
 * go live at launch. An email cadence naming a newsletter adds the newsletter, one issue per slot.
 */
export function planAssets(brief: Brief, strategy: StrategyData, research: ResearchData): PlannedAsset[] {
  const distribution = strategy.phases.find((p) => p.id === 'distribution');
  const window: DateWindow = {
    start: distribution?.start ?? brief.timeframe.start,
    end: distribution?.end ?? brief.timeframe.end,
  };
  const byVolume = [...research.keywords].sort((a, b) => b.monthlySearchVolume - a.monthlySearchVolume);
  const nextKeyword = keywordRotation(byVolume);
  const messages = strategy.objectives.map((o) => `${strategy.positioning} Objective: ${o.description}.`);
  const cadenceOf = (channel: string) =>
    brief.cadence?.find((c) => c.channel === channel && !isNewsletter(c));
  const pageUrl = (name?: string) =>
    brief.landingPages?.find((p) => p.purpose.toLowerCase() === name?.toLowerCase())?.url;
  const keysByType = new Map<AssetType, PlannedAsset[]>();
  const plan: PlannedAsset[] = [];
  const add = (asset: PlannedAsset) => {
    plan.push(asset);
    keysByType.set(asset.type, [...(keysByType.get(asset.type) ?? []), asset]);
  };

  for (const line of brief.assets) {
    let n = 0;
    for (const group of channelGroups(line, brief)) {
      const dates = AT_LAUNCH.has(line.type)
        ? Array.from({ length: group.count }, () => window.start)
        : scheduleDates(window, group.count, cadenceOf(group.channel));
      for (const date of dates) {
        const name = line.names?.[n];
        const keyword = nextKeyword(line.type);
        add({
          key: `${line.type}/${n + 1}`,
          type: line.type,
          channel: group.channel,
          date,
          message: messages[n % Math.max(1, messages.length)] ?? strategy.positioning,
          ...(keyword ? { keyword } : {}),
          ...(name ? { name } : {}),
          ...(line.type === 'landing-page' && pageUrl(name) ? { landingUrl: pageUrl(name) } : {}),
          ...(line.notes ? { notes: line.notes } : {}),
        });
        n += 1;
      }
    }
  }
  // Ads promote the promoted line's items in order, after every line has its keys.
  for (const line of brief.assets) {
    if (!line.promotes) continue;
    const targets = keysByType.get(line.promotes) ?? [];
    (keysByType.get(line.type) ?? []).forEach((asset, i) => {
      const target = targets[i % Math.max(1, targets.length)];
      if (target) asset.promotes = { key: target.key, ...(target.name ? { name: target.name } : {}) };
    });
  }
  const newsletter = brief.cadence?.find(isNewsletter);
  const named = (keysByType.get('email-sequence') ?? []).some((a) => /newsletter/i.test(a.name ?? ''));
  if (newsletter && !named) {
    const slots = cadenceSlots(window, newsletter, 20);
    const first = slots[0];
    if (first) {
      add({
        key: `email-sequence/${(keysByType.get('email-sequence')?.length ?? 0) + 1}`,
        type: 'email-sequence',
        channel: 'email',
        date: first,
        message: messages[0] ?? strategy.positioning,
        name: 'newsletter',
        sendDays: slots.map((d) => daysBetween(first, d)),
      });
    }
  }
  return plan.sort(
    (a, b) => a.date.localeCompare(b.date) || a.type.localeCompare(b.type) || itemNumber(a) - itemNumber(b),
  );
}

const itemNumber = (asset: PlannedAsset): number => Number(asset.key.split('/')[1]);

/**
 * Keywords per asset type, highest volume first among the intents that suit it, each used once before any
 * repeats: eight posts get eight different keywords when research found eight.
 */
function keywordRotation(
  keywords: readonly ResearchData['keywords'][number][],
): (type: AssetType) => string | undefined {
  const used = new Map<AssetType, number>();
  return (type) => {
    const intents = KEYWORD_INTENTS[type];
    if (!intents) return undefined;
    const suited = keywords.filter((k) => intents.includes(k.intent));
    const pool = suited.length > 0 ? suited : keywords;
    if (pool.length === 0) return undefined;
    const i = used.get(type) ?? 0;
    used.set(type, i + 1);
    return pool[i % pool.length]?.keyword;
  };
}
