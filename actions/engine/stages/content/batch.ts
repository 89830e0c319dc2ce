import type { z } from 'zod';
import { addCost, type PendingBatch, type StageCost, zeroCost } from '../../artifacts/campaign-state.js';
import { assetSchemas, type BrandVoice, blockingProblems, checkAsset } from '../../assets/index.js';
import { modelFor } from '../../config/config.js';
import { CrescendoError, formatProblem, type Problem } from '../../errors.js';
import { batchCustomId } from '../../llm/batch-id.js';
import type { LlmBatches, LlmResponse, SystemBlock } from '../../llm/llm.js';
import { costOf, usageToCost } from '../../llm/pricing.js';
import type { StageContext } from '../stage.js';
import type { PlannedAsset } from './asset-plan.js';
import { assetContextOf, assetPrompt, type ProducedAsset, produceAsset } from './generate.js';

/** Message Batches cost half the synchronous price. */
export const BATCH_DISCOUNT = 0.5;

/** Batch mode applies when configured, the model can batch, and the job is large enough. */
export function shouldBatch(ctx: StageContext, assets: number): boolean {
  return (
    ctx.config.content.batch && ctx.llm.batches !== undefined && assets >= ctx.config.content.batchMinAssets
  );
}

function batchesOf(ctx: StageContext): LlmBatches {
  if (!ctx.llm.batches) {
    throw new CrescendoError('this model cannot use Message Batches', {
      fix: 'set ANTHROPIC_API_KEY so the live model resumes the pending batch',
    });
  }
  return ctx.llm.batches;
}

/**
 * Submits every planned asset as one Message Batch (the same prompts and cached system as the
 * synchronous path) and returns what the state keeps so a later run can collect it. Nothing is
 * spent until results are collected; the cap is checked here against the batch's worst case.
 */
export async function submitContentBatch(
  ctx: StageContext,
  plan: readonly PlannedAsset[],
  system: SystemBlock[],
): Promise<PendingBatch> {
  const model = modelFor(ctx.config, 'content');
  const systemChars = system.reduce((n, b) => n + b.text.length, 0);
  const requests = plan.map((asset) => ({
    customId: batchCustomId(asset.key),
    request: {
      task: `content/${asset.key}`,
      model,
      system,
      messages: [{ role: 'user' as const, content: assetPrompt(ctx, asset) }],
      schema: assetSchemas[asset.type] as z.ZodType<unknown>,
      maxTokens: ctx.config.maxTokens,
    },
  }));
  const worst =
    requests.reduce(
      (sum, r) =>
        sum +
        ctx.guard.worstCase(
          model,
          systemChars + (r.request.messages[0]?.content.length ?? 0),
          r.request.maxTokens,
        ),
      0,
    ) * BATCH_DISCOUNT;
  if (ctx.guard.spent + worst > ctx.guard.capUsd) {
    throw new CrescendoError(
      `spend cap reached: a batch of ${plan.length} assets could cost up to $${worst.toFixed(4)}, and $${ctx.guard.spent.toFixed(4)} of the campaign's $${ctx.guard.capUsd.toFixed(2)} is spent`,
      { fix: 'raise `spendCapUsd` in the brief or in .github/crescendo.yml, then run the stage again' },
    );
  }
  const id = await batchesOf(ctx).submit(requests);
  ctx.log(`  submitted batch ${id} with ${plan.length} assets (half price; results within 24 h)`);
  return { id, submittedAt: ctx.now.toISOString(), assets: plan.map((a) => a.key) };
}

export interface CollectedBatch {
  /** Assets whose batch answer was accepted and rendered, at half price. */
  produced: ProducedAsset[];
  /** Assets to generate synchronously: no accepted batch answer (or not in the batch). */
  retry: PlannedAsset[];
  /** Per retried asset key: why its batch answer was refused, for the synchronous prompt. */
  notes: Map<string, string>;
  /** Per retried asset key: what its refused batch answer cost. */
  spent: Map<string, StageCost>;
}

/** Problems with one batch answer, as `generateStructured` would find them; empty when accepted. */
function answerProblems(
  ctx: StageContext,
  asset: PlannedAsset,
  brand: BrandVoice,
  response: LlmResponse,
): { problems: Problem[]; data?: unknown } {
  if (response.stopReason === 'max_tokens') {
    return { problems: [{ where: asset.key, message: `cut off at max_tokens (${ctx.config.maxTokens})` }] };
  }
  if (response.stopReason === 'refusal')
    return { problems: [{ where: asset.key, message: 'the model declined' }] };
  let json: unknown;
  try {
    json = JSON.parse(response.text);
  } catch {
    return { problems: [{ where: asset.key, message: 'the answer is not JSON' }] };
  }
  const assetCtx = assetContextOf(ctx, asset, brand);
  const problems = blockingProblems(checkAsset(asset.type, json, assetCtx));
  if (problems.length) return { problems };
  return { problems: [], data: assetSchemas[asset.type].parse(json) };
}

/**
 * Collects an ended batch: each accepted answer becomes its files (cost at half price, recorded with
 * the spend guard); each refused, errored or missing one is listed for a synchronous re-ask, with
 * the problems as feedback.
 */
export async function collectContentBatch(
  ctx: StageContext,
  plan: readonly PlannedAsset[],
  brand: BrandVoice,
  pending: PendingBatch,
): Promise<CollectedBatch> {
  const outcomes = await batchesOf(ctx).collect(pending.id);
  const byId = new Map(outcomes.map((o) => [o.customId, o]));
  const model = modelFor(ctx.config, 'content');
  const inBatch = new Set(pending.assets);
  const collected: CollectedBatch = { produced: [], retry: [], notes: new Map(), spent: new Map() };
  for (const asset of plan) {
    const outcome = inBatch.has(asset.key) ? byId.get(batchCustomId(asset.key)) : undefined;
    if (!outcome || 'error' in outcome) {
      ctx.log(`  … ${asset.key}: ${outcome ? outcome.error : 'no batch answer'}; asking again now`);
      collected.retry.push(asset);
      continue;
    }
    const { response } = outcome;
    const priced = response.model || model;
    const usd = costOf(ctx.config.pricing, priced, response.usage, BATCH_DISCOUNT);
    ctx.guard.record(usd, `content/${asset.key}`, priced, response.usage);
    const cost: StageCost = { ...usageToCost(ctx.config.pricing, priced, response.usage, 1), usd };
    const { problems, data } = answerProblems(ctx, asset, brand, response);
    if (problems.length === 0) {
      collected.produced.push(produceAsset(ctx, asset, assetContextOf(ctx, asset, brand), data, cost));
      continue;
    }
    ctx.log(`  … ${asset.key}: batch answer not accepted (${problems.length} problem(s)); asking again now`);
    collected.retry.push(asset);
    collected.spent.set(asset.key, addCost(zeroCost(), cost));
    collected.notes.set(
      asset.key,
      `\n\nAn earlier answer to this request was not accepted. Avoid every problem below:\n${problems
        .slice(0, 40)
        .map((p) => `- ${formatProblem(p)}`)
        .join('\n')}`,
    );
  }
  return collected;
}
