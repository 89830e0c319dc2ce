import { contentDir, contentIndexPath } from '../../artifacts/asset.js';
import { readBrand } from '../../artifacts/brand.js';
import { addCost, type PendingBatch, type StageCost, zeroCost } from '../../artifacts/campaign-state.js';
import { readResearch } from '../../artifacts/research.js';
import { readStrategy } from '../../artifacts/strategy.js';
import { CrescendoError } from '../../errors.js';
import { bullets, SAMPLE_BANNER, table } from '../../files/markdown.js';
import type { Stage, StageContext, StageResult } from '../stage.js';
import { planAssets } from './asset-plan.js';
import { collectContentBatch, shouldBatch, submitContentBatch } from './batch.js';
import { CONTENT_CONCURRENCY, contentSystem, generateAssets, type ProducedAsset } from './generate.js';
import { regenerateNamedAssets } from './regenerate.js';
import { withUniquePaths } from './unique-paths.js';

export const contentStage: Stage = {
  name: 'content',
  title: 'Content',
  checklist: [
    'All assets listed in the strategy',
    'Brand voice consistent',
    'SEO optimisation applied',
    'Variations for testing',
    'Assets organised by channel and date',
  ],
  onMerge: 'accepts the drafts for review; Crescendo then reviews every asset (nothing is published yet)',
  scheduled: 'resume',
  writes: (id) => [contentDir(id)],
  assetRevisions: {},
  async run(ctx: StageContext) {
    const { brief } = ctx.campaign;
    const [research, strategy, brand] = await Promise.all([
      readResearch(ctx, ctx.campaign.brief.id),
      readStrategy(ctx, ctx.campaign.brief.id),
      readBrand(ctx, ctx.campaign.brief),
    ]);
    const plan = planAssets(brief, strategy, research);
    const system = contentSystem(ctx, brand, research, strategy);
    if (ctx.revision?.changesRequested && ctx.revision.assets.length === 0) {
      throw new CrescendoError('drafts are not marked changes-requested; the review marks assets', {
        fix: 'name the asset to revise (/crescendo revise <asset path> <what to change>), or revise the review pull request',
      });
    }
    // A revision naming assets makes only those again; every other file stays as it is.
    if (ctx.revision && ctx.revision.assets.length > 0) {
      return regenerateNamedAssets(ctx, ctx.revision, plan, brand, system);
    }
    if (!ctx.pendingBatch && shouldBatch(ctx, plan.length)) {
      return pendingBatchResult(brief.id, await submitContentBatch(ctx, plan, system), ctx.llm.isSample);
    }
    let fromBatch: ProducedAsset[] = [];
    let todo = plan;
    let notes: ReadonlyMap<string, string> | undefined;
    let spent = new Map<string, StageCost>();
    if (ctx.pendingBatch) {
      ctx.log(`  collecting batch ${ctx.pendingBatch.id}`);
      const collected = await collectContentBatch(ctx, plan, brand, ctx.pendingBatch);
      fromBatch = collected.produced;
      todo = collected.retry;
      notes = collected.notes;
      spent = collected.spent;
    }
    if (todo.length) ctx.log(`  writing ${todo.length} assets, up to ${CONTENT_CONCURRENCY} at a time`);
    const { produced: generated, stats } = await generateAssets(ctx, todo, brand, system, { notes });
    if (stats.throttles > 0) {
      ctx.log(
        `  rate limited ${stats.throttles} time(s); the pool went down to ${stats.lowestLimit} at a time`,
      );
    }
    // Plan order; a refused batch answer's cost stays with the asset it was for.
    const byKey = new Map([...fromBatch, ...generated].map((p) => [p.asset.key, p]));
    const produced = withUniquePaths(
      plan.flatMap((a) => {
        const p = byKey.get(a.key);
        if (!p) return [];
        const extra = spent.get(a.key);
        return [extra ? { ...p, cost: addCost(extra, p.cost) } : p];
      }),
    );
    const failed = produced.filter((p) => p.error);
    if (failed.length === produced.length) {
      throw new CrescendoError('no asset could be generated', {
        problems: failed.map((f) => ({ where: f.asset.key, message: f.error ?? '' })),
      });
    }
    const ok = produced.filter((p) => p.path);
    const index = renderContentIndex(brief.id, ok, failed, ctx.llm.isSample);
    return {
      files: [...ok.flatMap((p) => p.files), { path: contentIndexPath(brief.id), content: index }],
      summary: bullets([
        `${ok.length} of ${plan.length} assets written (${[...new Set(ok.map((p) => p.asset.type))].join(', ')})`,
        ...failed.map((f) => `**Not generated:** ${f.asset.key} — ${f.error?.split('\n')[0]}`),
        `Index and calendar: \`content/${brief.id}/index.md\``,
      ]),
      cost: produced.reduce((sum, p) => addCost(sum, p.cost), zeroCost()),
      items: produced.map((p) => ({
        key: p.asset.key,
        cost: p.cost,
        ...(p.path ? { path: p.path } : {}),
        ...(p.error ? { error: p.error } : {}),
      })),
    };
  },
};

/** The content PR while its batch runs: a placeholder index, and the batch id in the state. */
function pendingBatchResult(id: string, batch: PendingBatch, sample: boolean): StageResult {
  const line = `Batch \`${batch.id}\` submitted, ${batch.assets.length} assets pending.`;
  const index = [
    '---',
    'kind: content-index',
    `campaign: ${id}`,
    `batch: ${batch.id}`,
    'status: pending',
    ...(sample ? ['sample: true'] : []),
    '---',
    '',
    `# Content for ${id}`,
    '',
    line,
    '',
    'The results arrive within 24 hours. Run the content stage again (`crescendo run ' +
      `${id} content\`) to collect them onto this pull request.`,
    '',
    '## Pending assets',
    '',
    bullets(batch.assets),
    '',
  ].join('\n');
  return {
    files: [{ path: contentIndexPath(id), content: index }],
    summary: bullets([line, 'Run the content stage again to collect the results onto this pull request.']),
    cost: zeroCost(),
    batch,
  };
}

function renderContentIndex(
  id: string,
  ok: ProducedAsset[],
  failed: ProducedAsset[],
  sample: boolean,
): string {
  const rows = ok.map((p) => [
    p.asset.date,
    p.asset.channel,
    p.asset.type,
    p.asset.keyword ?? '',
    `[${p.path?.split('/').pop()}](${p.path?.replace(`${contentDir(id)}/`, '')})`,
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
    '',
    '## Tokens and cost per asset',
    '',
    table(
      ['Asset', 'Calls', 'Input', 'Cache read', 'Cache write', 'Output', 'USD'],
      [...ok, ...failed].map((p) => [
        p.asset.key,
        p.cost.calls,
        p.cost.inputTokens,
        p.cost.cacheReadInputTokens,
        p.cost.cacheCreationInputTokens,
        p.cost.outputTokens,
        p.cost.usd.toFixed(4),
      ]),
    ),
    ...(failed.length
      ? ['', '## Not generated', '', bullets(failed.map((f) => `${f.asset.key}: ${f.error?.split('\n')[0]}`))]
      : []),
    '',
  ].join('\n');
}
