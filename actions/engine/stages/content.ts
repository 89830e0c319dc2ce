import type { z } from 'zod';
import { bullets, SAMPLE_BANNER, table } from '../artifacts/markdown.js';
import { addCost, type StageCost, zeroCost } from '../campaign/state.js';
import {
  AssetContext,
  type AssetData,
  type AssetType,
  assetPath,
  assetSchemas,
  assetSlug,
  BrandVoice,
  blockingProblems,
  checkAsset,
  parseBrandVoice,
  renderAsset,
} from '../content/index.js';
import { CrescendoError, formatError } from '../errors.js';
import type { FileChange } from '../forge/forge.js';
import { ask, campaignSystem, dataBlock, feedbackBlock } from './ask.js';
import { type PlannedAsset, planAssets } from './asset-plan.js';
import { mapPool } from './pool.js';
import type { Stage, StageContext } from './stage.js';
import { readResearch, readStrategy } from './strategy.js';

export const BRAND_PATH = '.github/crescendo/brand.yml';
const CONCURRENCY = 4;

export async function readBrand(ctx: StageContext): Promise<BrandVoice> {
  const text = await ctx.readFile(BRAND_PATH);
  if (text) return parseBrandVoice(text, BRAND_PATH);
  const { brief } = ctx.campaign;
  return BrandVoice.parse({ name: brief.product ?? brief.name, tone: brief.tone, audience: brief.audience });
}

/** Marks a rendered asset as made from samples, in its front matter and at the top of its body. */
function markSample(markdown: string): string {
  const end = markdown.indexOf('\n---', 3);
  return `---\nsample: true\n${markdown.slice(4, end)}\n---\n\n${SAMPLE_BANNER}\n${markdown.slice(end + 4)}`;
}

interface Produced {
  asset: PlannedAsset;
  path?: string;
  files: FileChange[];
  cost: StageCost;
  error?: string;
}

export const contentStage: Stage = {
  name: 'content',
  title: 'Content',
  async run(ctx: StageContext) {
    const { brief } = ctx.campaign;
    const [research, strategy, brand] = await Promise.all([
      readResearch(ctx),
      readStrategy(ctx),
      readBrand(ctx),
    ]);
    const plan = planAssets(brief, strategy, research);
    const shared = dataBlock(
      'approved-strategy-and-research',
      JSON.stringify(
        {
          brand,
          strategy: {
            positioning: strategy.positioning,
            objectives: strategy.objectives,
            kpis: strategy.kpis,
          },
          research: { summary: research.summary, audience: research.audience, keywords: research.keywords },
        },
        null,
        2,
      ),
    );
    const system = campaignSystem(
      ctx,
      'You are the content creator. One asset per answer, in the brand voice, SEO-ready.',
      [shared],
    );
    ctx.log(`  writing ${plan.length} assets, ${CONCURRENCY} at a time`);
    const produced = await mapPool(plan, CONCURRENCY, async (asset): Promise<Produced> => {
      const assetCtx = AssetContext.parse({
        type: asset.type,
        channel: asset.channel,
        keyword: asset.keyword,
        date: asset.date,
        message: asset.message,
        brand,
        campaignId: brief.id,
        landingUrl: brief.landingUrl,
      });
      try {
        const { data, cost } = await ask(ctx, 'content', {
          task: `content/${asset.key}`,
          system,
          prompt: `Write the ${asset.type} for the ${asset.channel} channel, dated ${asset.date}${
            asset.keyword ? `, targeting the keyword "${asset.keyword}"` : ''
          }. Key message: ${asset.message} Link to ${brief.landingUrl}. Add A/B variants where they help (subject lines, headlines, CTAs).${feedbackBlock(ctx)}`,
          schema: assetSchemas[asset.type] as z.ZodType<unknown>,
          check: (d) => blockingProblems(checkAsset(asset.type, d, assetCtx)),
        });
        // checkAsset validated `data` against this asset type's schema above.
        const typed = data as AssetData<AssetType>;
        const path = assetPath(brief.id, asset.channel, asset.date, assetSlug(asset.type, typed));
        const rendered = renderAsset(asset.type, typed, assetCtx);
        const markdown = ctx.llm.isSample ? markSample(rendered.markdown) : rendered.markdown;
        const files: FileChange[] = [
          { path, content: markdown },
          ...rendered.extra.map((x) => ({ path: path.replace(/\.md$/, x.pathSuffix), content: x.content })),
        ];
        ctx.log(`  ✓ ${path}`);
        return { asset, path, files, cost };
      } catch (error) {
        ctx.log(`  ✗ ${asset.key}: ${formatError(error).split('\n')[0]}`);
        return { asset, files: [], cost: zeroCost(), error: formatError(error) };
      }
    });
    const failed = produced.filter((p) => p.error);
    if (failed.length === produced.length) {
      throw new CrescendoError('no asset could be generated', {
        problems: failed.map((f) => ({ where: f.asset.key, message: f.error ?? '' })),
      });
    }
    const ok = produced.filter((p) => p.path);
    const index = renderContentIndex(brief.id, ok, failed, ctx.llm.isSample);
    return {
      files: [...ok.flatMap((p) => p.files), { path: `content/${brief.id}/index.md`, content: index }],
      summary: bullets([
        `${ok.length} of ${plan.length} assets written (${[...new Set(ok.map((p) => p.asset.type))].join(', ')})`,
        ...failed.map((f) => `**Not generated:** ${f.asset.key} — ${f.error?.split('\n')[0]}`),
        `Index and calendar: \`content/${brief.id}/index.md\``,
      ]),
      cost: produced.reduce((sum, p) => addCost(sum, p.cost), zeroCost()),
    };
  },
};

function renderContentIndex(id: string, ok: Produced[], failed: Produced[], sample: boolean): string {
  const rows = ok.map((p) => [
    p.asset.date,
    p.asset.channel,
    p.asset.type,
    p.asset.keyword ?? '',
    `[${p.path?.split('/').pop()}](${p.path?.replace(`content/${id}/`, '')})`,
  ]);
  return [
    '---',
    `kind: content-index`,
    `campaign: ${id}`,
    ...(sample ? ['sample: true'] : []),
    '---',
    '',
    ...(sample ? [SAMPLE_BANNER, ''] : []),
    `# Content for ${id}`,
    '',
    '## Calendar',
    '',
    table(['Date', 'Channel', 'Type', 'Keyword', 'File'], rows),
    ...(failed.length
      ? ['', '## Not generated', '', bullets(failed.map((f) => `${f.asset.key}: ${f.error?.split('\n')[0]}`))]
      : []),
    '',
  ].join('\n');
}
