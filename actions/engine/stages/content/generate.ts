import type { z } from 'zod';
import { assetPath, renderAssetFile } from '../../artifacts/asset.js';
import { type StageCost, zeroCost } from '../../artifacts/campaign-state.js';
import type { ResearchData } from '../../artifacts/research.js';
import type { StrategyData } from '../../artifacts/strategy.js';
import {
  AssetContext,
  type AssetData,
  type AssetType,
  assetSchemas,
  assetSlug,
  type BrandVoice,
  blockingProblems,
  checkAsset,
  renderAsset,
} from '../../assets/index.js';
import { formatError } from '../../errors.js';
import type { FileChange } from '../../forge/forge.js';
import {
  type AdaptivePoolStats,
  defaultBackoffMs,
  isRateLimited,
  mapAdaptivePool,
} from '../../llm/adaptive-pool.js';
import type { SystemBlock } from '../../llm/llm.js';
import { ask, campaignSystem, dataBlock, feedbackBlock } from '../ask.js';
import type { StageContext } from '../stage.js';
import type { PlannedAsset } from './asset-plan.js';

export const CONTENT_CONCURRENCY = 4;

/** One planned asset after generation: its files and cost, or why it could not be made. */
export interface ProducedAsset {
  asset: PlannedAsset;
  path?: string;
  files: FileChange[];
  cost: StageCost;
  error?: string;
}

export interface GenerateAssetsOptions {
  concurrency?: number;
  /** Times one asset is retried after a 429/529 the SDK's retries did not absorb. */
  throttleRetries?: number;
  backoffMs?: (retry: number) => number;
  /** Per asset key, a correction appended to the prompt (a batch answer that was not accepted). */
  notes?: ReadonlyMap<string, string>;
}

/**
 * The system prompt every asset shares, sent once and cached: rules, brief, brand, and the approved
 * strategy (positioning, objectives, channel plan, KPIs) and research (summary, audience, keywords,
 * competitors, trends, insights), so every writer knows what the campaign says and against whom.
 */
export function contentSystem(
  ctx: StageContext,
  brand: BrandVoice,
  research: Pick<ResearchData, 'summary' | 'audience' | 'keywords'> &
    Partial<Pick<ResearchData, 'competitors' | 'trends' | 'insights'>>,
  strategy: Pick<StrategyData, 'positioning' | 'objectives' | 'kpis'> &
    Partial<Pick<StrategyData, 'channels'>>,
): SystemBlock[] {
  const shared = dataBlock(
    'approved-strategy-and-research',
    JSON.stringify(
      {
        brand,
        strategy: {
          positioning: strategy.positioning,
          objectives: strategy.objectives,
          channels: strategy.channels,
          kpis: strategy.kpis,
        },
        research: {
          summary: research.summary,
          audience: research.audience,
          keywords: research.keywords,
          competitors: research.competitors,
          trends: research.trends,
          insights: research.insights,
        },
      },
      null,
      2,
    ),
  );
  return campaignSystem(
    ctx,
    'You are the content creator. One asset per answer, in the brand voice, SEO-ready.',
    [shared],
  );
}

/** What an asset's answer is checked and rendered against. */
export function assetContextOf(ctx: StageContext, asset: PlannedAsset, brand: BrandVoice): AssetContext {
  const { brief } = ctx.campaign;
  return AssetContext.parse({
    type: asset.type,
    channel: asset.channel,
    keyword: asset.keyword,
    date: asset.date,
    message: asset.message,
    brand,
    campaignId: brief.id,
    landingUrl: asset.landingUrl ?? brief.landingUrl,
  });
}

/** The user prompt for one asset (the same synchronously and in a batch); `note` adds a correction. */
export function assetPrompt(ctx: StageContext, asset: PlannedAsset, note = ''): string {
  const { brief } = ctx.campaign;
  // Type, channel, date and a newsletter's send days are Crescendo's own values; the keyword (from exports),
  // the key message (from the strategy), the item's name, what it promotes, the line's notes and the link
  // (from the brief) are data.
  const promotes = asset.promotes
    ? `${asset.promotes.name ? `the ${asset.promotes.name} (${asset.promotes.key})` : asset.promotes.key}, written in this campaign`
    : undefined;
  const request = [
    ...(asset.keyword ? [`target keyword: ${asset.keyword}`] : []),
    ...(asset.name ? [`name: ${asset.name}`] : []),
    ...(promotes ? [`promotes: ${promotes}`] : []),
    ...(asset.notes?.length ? [`the brief adds: ${asset.notes.join('; ')}`] : []),
    `key message: ${asset.message}`,
    `link to: ${asset.landingUrl ?? brief.landingUrl}`,
  ].join('\n');
  return `Write the ${asset.type} for the ${asset.channel} channel, dated ${asset.date}${
    asset.keyword ? ', targeting the keyword given below' : ''
  }, with the key message and the link given below${assetInstructions(asset)}. Add A/B variants where they help (subject lines, headlines, CTAs).\n\n${dataBlock('asset-request', request)}${feedbackBlock(ctx)}${note}`;
}

/** What this item needs beyond its type: its name and what it promotes, a blog post's length, a newsletter's issues. */
function assetInstructions(asset: PlannedAsset): string {
  const parts: string[] = [];
  if (asset.name) parts.push('for the name given below');
  if (asset.promotes) parts.push('promoting the asset given below');
  if (asset.type === 'blog-post')
    parts.push('at the length that ranks for its keyword: 1,000 words or more of useful prose');
  if (asset.sendDays?.length) {
    parts.push(
      `as a newsletter of ${asset.sendDays.length} issues, one email each, sent on days ${asset.sendDays.join(', ')} (sendOffsetDays)`,
    );
  }
  return parts.length ? `, ${parts.join(', ')}` : '';
}

/** Renders one accepted answer into its files (the caller has checked it). */
export function produceAsset(
  ctx: StageContext,
  asset: PlannedAsset,
  assetCtx: AssetContext,
  data: unknown,
  cost: StageCost,
): ProducedAsset {
  const { brief } = ctx.campaign;
  // checkAsset validated `data` against this asset type's schema.
  const typed = data as AssetData<AssetType>;
  const path = assetPath(brief.id, asset.channel, asset.date, assetSlug(asset.type, typed));
  const rendered = renderAsset(asset.type, typed, assetCtx);
  const markdown = renderAssetFile(
    {
      ...(ctx.llm.isSample ? { sample: true as const } : {}),
      type: asset.type,
      key: asset.key,
      campaign: brief.id,
      channel: asset.channel,
      date: asset.date,
      status: 'draft',
      ...(asset.keyword ? { keyword: asset.keyword } : {}),
      landingUrl: asset.landingUrl ?? brief.landingUrl,
      asset: data,
    },
    rendered.markdown,
  );
  ctx.log(`  ✓ ${path}`);
  return {
    asset,
    path,
    cost,
    files: [
      { path, content: markdown },
      ...rendered.extra.map((x) => ({ path: path.replace(/\.md$/, x.pathSuffix), content: x.content })),
    ],
  };
}

/** Asks for, checks and renders one asset. Throws on any failure (the pool decides what it means). */
async function generateAsset(
  ctx: StageContext,
  asset: PlannedAsset,
  brand: BrandVoice,
  system: SystemBlock[],
  note?: string,
): Promise<ProducedAsset> {
  const assetCtx = assetContextOf(ctx, asset, brand);
  const { data, cost } = await ask(ctx, 'content', {
    task: `content/${asset.key}`,
    system,
    prompt: assetPrompt(ctx, asset, note),
    schema: assetSchemas[asset.type] as z.ZodType<unknown>,
    check: (d) => blockingProblems(checkAsset(asset.type, d, assetCtx)),
  });
  return produceAsset(ctx, asset, assetCtx, data, cost);
}

/**
 * Generates every planned asset through an adaptive pool: a 429/529 storm halves the concurrency and
 * puts the asset back after a backoff; an asset that still cannot be made (invalid answers, the spend
 * cap, a storm that never ends) is reported by its key while the rest arrive.
 */
export async function generateAssets(
  ctx: StageContext,
  plan: readonly PlannedAsset[],
  brand: BrandVoice,
  system: SystemBlock[],
  options: GenerateAssetsOptions = {},
): Promise<{ produced: ProducedAsset[]; stats: AdaptivePoolStats }> {
  const { results, stats } = await mapAdaptivePool(
    plan,
    {
      limit: options.concurrency ?? CONTENT_CONCURRENCY,
      isThrottle: isRateLimited,
      maxRetries: options.throttleRetries ?? 4,
      backoffMs: options.backoffMs ?? defaultBackoffMs,
      // The first answer writes the shared system prompt to the cache; the rest then read it.
      firstAlone: system.some((b) => b.cache),
      onThrottle: ({ index, retry, limit }) =>
        ctx.log(`  … ${plan[index]?.key}: rate limited; retry ${retry}, now ${limit} at a time`),
    },
    (asset) => generateAsset(ctx, asset, brand, system, options.notes?.get(asset.key)),
    (asset, error): ProducedAsset => {
      ctx.log(`  ✗ ${asset.key}: ${formatError(error).split('\n')[0]}`);
      return { asset, files: [], cost: zeroCost(), error: formatError(error) };
    },
  );
  return { produced: results, stats };
}
