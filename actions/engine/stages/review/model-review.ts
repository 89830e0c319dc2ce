import { z } from 'zod';
import type { BrandVoice } from '../../artifacts/brand.js';
import { addCost, type StageCost, zeroCost } from '../../artifacts/campaign-state.js';
import { FindingSeverity, MODEL_CHECKS } from '../../artifacts/review.js';
import type { Problem } from '../../errors.js';
import { formatError } from '../../errors.js';
import { defaultBackoffMs, isRateLimited, mapAdaptivePool } from '../../llm/adaptive-pool.js';
import type { SystemBlock } from '../../llm/llm.js';
import { ask, dataBlock, feedbackBlock } from '../ask.js';
import type { StageContext } from '../stage.js';
import type { CodeFinding } from './code-check.js';
import { quoteLine } from './locate.js';
import type { ReviewedAsset } from './reviewed-asset.js';

/** Assets reviewed by the model at once, as content writes them. */
export const REVIEW_CONCURRENCY = 4;

export const AssetReviewAnswer = z.object({
  summary: z
    .string()
    .min(1)
    .describe('One sentence: is the asset ready for its audience, and what matters most'),
  findings: z
    .array(
      z.object({
        check: z.enum(MODEL_CHECKS),
        severity: FindingSeverity.describe(
          'blocker: must not go out like this; major: should change; minor: could',
        ),
        quote: z
          .string()
          .min(1)
          .describe('The exact words of the asset this is about, copied from it: a phrase or one sentence'),
        note: z.string().min(1).describe('What is wrong and how to fix it'),
      }),
    )
    .describe('Issues of tone, accuracy or persuasiveness only; empty when there are none'),
  claimsToVerify: z
    .array(
      z.object({
        quote: z.string().min(1).describe('The exact words of the asset that state it'),
        claim: z.string().min(1).describe('The statement a person must check, in a few words'),
      }),
    )
    .describe(
      'Statements about the world (markets, laws, platforms, people) a person must check before publishing',
    ),
});
export type AssetReviewAnswer = z.infer<typeof AssetReviewAnswer>;

/** A model finding with the line code found for its quote. */
export interface ModelFinding {
  check: (typeof MODEL_CHECKS)[number];
  severity: FindingSeverity;
  line?: number;
  message: string;
  quote: string;
}

export interface ModelReview {
  path: string;
  summary?: string;
  findings: ModelFinding[];
  claims: { text: string; quote: string; line?: number }[];
  /** Findings dropped because they contradict what code decides (what brand.yml contains). */
  dropped: string[];
  cost: StageCost;
  error?: string;
}

/** What brand.yml holds is decided by code: a model finding saying a field is missing, when it is not, is dropped. */
const BRAND_FIELDS: readonly [keyof BrandVoice, RegExp][] = [
  ['postalAddress', /\b(postal|mailing|physical|street|business)\s+address\b/i],
  ['website', /\bwebsite\b|\bhome ?page\b/i],
  ['productFacts', /\bproduct facts?\b/i],
  ['wordsToUse', /\bwords? to use\b/i],
  ['wordsToAvoid', /\bwords? to avoid\b/i],
  ['requiredDisclaimers', /\bdisclaimers?\b/i],
];
const ABSENCE = /\b(no|not|lacks?|lacking|missing|without|absent|omits?|none|empty)\b|n['’]t\b/i;

/** Whether a model's note claims brand.yml (or the rendered asset) lacks something brand.yml has. */
export function contradictsBrandFile(note: string, brand: BrandVoice): boolean {
  if (!ABSENCE.test(note)) return false;
  return BRAND_FIELDS.some(([field, pattern]) => {
    const value = brand[field];
    const present = Array.isArray(value) ? value.length > 0 : Boolean(value);
    return present && pattern.test(note);
  });
}

/** What code decided about the asset, told to the model so it neither repeats nor contradicts it. */
function decidedByCode(asset: ReviewedAsset, brand: BrandVoice, code: readonly CodeFinding[]): string {
  const facts = [
    `brand.yml postalAddress: ${brand.postalAddress ? `present ("${brand.postalAddress}"), printed in every email footer` : 'absent'}`,
    `brand.yml website: ${brand.website ?? 'absent'}`,
    `brand.yml productFacts: ${brand.productFacts.length ? brand.productFacts.map((f) => `"${f}"`).join('; ') : 'none'}`,
  ];
  const findings = code.length
    ? code
        .map((f) => `- ${f.severity} · ${f.check}${f.line ? ` · line ${f.line}` : ''}: ${f.message}`)
        .join('\n')
    : '- none';
  return dataBlock(`decided-by-code ${asset.path}`, `${facts.join('\n')}\nFindings by code:\n${findings}`);
}

function prompt(
  ctx: StageContext,
  asset: ReviewedAsset,
  brand: BrandVoice,
  code: readonly CodeFinding[],
): string {
  return `Review this ${asset.type ?? 'asset'} for what code cannot judge: tone (the brand voice and the brief's tone), accuracy (statements about the world that are wrong or misleading) and persuasiveness (does it move this audience to act). Code has already checked, and decided, limits, links and anchors, where each call to action leads, product claims against brand.yml, sources, consistency between assets, brand words, SEO and what brand.yml contains: do not report on those and never contradict what code decided below. Quote the asset's exact words for every finding and claim; Crescendo finds the line.\n\n${decidedByCode(asset, brand, code)}\n\n${dataBlock(asset.path, asset.text)}${feedbackBlock(ctx)}`;
}

/** Every quote must be words of the asset, so its line can be found; otherwise the model is asked again. */
function quotesFound(asset: ReviewedAsset, answer: AssetReviewAnswer): Problem[] {
  const problems: Problem[] = [];
  answer.findings.forEach((f, i) => {
    if (quoteLine(asset, f.quote) === undefined)
      problems.push({
        where: `findings[${i}].quote`,
        message: `"${f.quote}" is not in the asset; copy its exact words`,
      });
  });
  answer.claimsToVerify.forEach((c, i) => {
    if (quoteLine(asset, c.quote) === undefined)
      problems.push({
        where: `claimsToVerify[${i}].quote`,
        message: `"${c.quote}" is not in the asset; copy its exact words`,
      });
  });
  return problems;
}

async function reviewOne(
  ctx: StageContext,
  asset: ReviewedAsset,
  brand: BrandVoice,
  system: SystemBlock[],
  code: readonly CodeFinding[],
): Promise<ModelReview> {
  const { data, cost } = await ask(ctx, 'review', {
    task: `review/${asset.key}`,
    system,
    prompt: prompt(ctx, asset, brand, code),
    schema: AssetReviewAnswer,
    check: (answer) => quotesFound(asset, answer),
  });
  const dropped: string[] = [];
  const findings: ModelFinding[] = [];
  for (const f of data.findings) {
    if (contradictsBrandFile(f.note, brand)) {
      dropped.push(f.note);
      continue;
    }
    const line = quoteLine(asset, f.quote);
    findings.push({
      check: f.check,
      severity: f.severity,
      message: f.note,
      quote: f.quote,
      ...(line ? { line } : {}),
    });
  }
  const claims = data.claimsToVerify.map((c) => {
    const line = quoteLine(asset, c.quote);
    return { text: c.claim, quote: c.quote, ...(line ? { line } : {}) };
  });
  return { path: asset.path, summary: data.summary, findings, claims, dropped, cost };
}

/**
 * The model's review of each asset, fanned out like content generation (adaptive pool, one cached system
 * prompt): a rate-limit storm slows the pool down, an asset that cannot be reviewed is reported by path.
 */
export async function modelReviews(
  ctx: StageContext,
  assets: readonly ReviewedAsset[],
  brand: BrandVoice,
  system: SystemBlock[],
  codeFindings: readonly CodeFinding[],
): Promise<{ reviews: ModelReview[]; cost: StageCost }> {
  const { results } = await mapAdaptivePool(
    assets,
    {
      limit: REVIEW_CONCURRENCY,
      isThrottle: isRateLimited,
      maxRetries: 4,
      backoffMs: defaultBackoffMs,
      // The first answer writes the shared system prompt to the cache; the rest then read it.
      firstAlone: system.some((b) => b.cache),
      onThrottle: ({ index, retry, limit }) =>
        ctx.log(`  … ${assets[index]?.path}: rate limited; retry ${retry}, now ${limit} at a time`),
    },
    (asset) =>
      reviewOne(
        ctx,
        asset,
        brand,
        system,
        codeFindings.filter((f) => f.path === asset.path),
      ),
    (asset, error): ModelReview => {
      ctx.log(`  ✗ ${asset.path}: ${formatError(error).split('\n')[0]}`);
      return {
        path: asset.path,
        findings: [],
        claims: [],
        dropped: [],
        cost: zeroCost(),
        error: formatError(error),
      };
    },
  );
  for (const review of results) {
    for (const note of review.dropped)
      ctx.log(`  dropped a model finding on ${review.path} that brand.yml contradicts: ${note}`);
  }
  return { reviews: results, cost: results.reduce((sum, r) => addCost(sum, r.cost), zeroCost()) };
}
