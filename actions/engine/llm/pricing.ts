import type { StageCost } from '../artifacts/campaign-state.js';
import type { Pricing } from '../config/config.js';
import { CrescendoError } from '../errors.js';
import type { LlmUsage } from './usage.js';

export function priceOf(pricing: Pricing, model: string) {
  const price = pricing.perMillionTokens[model];
  if (!price) {
    throw new CrescendoError(`no price for model ${model}`, {
      where: '.github/crescendo.yml pricing.perMillionTokens',
      fix: `add ${model} with its input, output, cacheWrite5m and cacheRead prices per million tokens`,
    });
  }
  return price;
}

/** Cost in USD of one call's usage (5-minute cache writes; the engine never asks for 1 h). */
export function costOf(pricing: Pricing, model: string, usage: LlmUsage, discount = 1): number {
  const p = priceOf(pricing, model);
  const usd =
    (usage.inputTokens * p.input +
      usage.outputTokens * p.output +
      usage.cacheCreationInputTokens * p.cacheWrite5m +
      usage.cacheReadInputTokens * p.cacheRead) /
    1_000_000;
  return usd * discount;
}

/** Fees of server tool requests (web search per 1,000; web fetch has none but its tokens). */
export function serverToolCostOf(pricing: Pricing, usage: LlmUsage): number {
  if (usage.webSearchRequests === 0 && usage.webFetchRequests === 0) return 0;
  const prices = pricing.serverTools;
  if (!prices) {
    throw new CrescendoError('no price for web search and web fetch requests', {
      where: '.github/crescendo.yml pricing.serverTools',
      fix: 'add `serverTools: { webSearchPer1000: <USD>, webFetchPer1000: <USD> }` under pricing, from the pricing page',
    });
  }
  return (
    (usage.webSearchRequests * prices.webSearchPer1000 + usage.webFetchRequests * prices.webFetchPer1000) /
    1000
  );
}

/** What a request cost: its tokens and its server tool requests (batch items at their discount). */
export const callCostOf = (pricing: Pricing, model: string, usage: LlmUsage, discount = 1): number =>
  costOf(pricing, model, usage, discount) + serverToolCostOf(pricing, usage);

/**
 * The most a request with this usage can cost: every input token at the dearest input price (a
 * cache write costs more than plain input), output at the output price, plus server tool fees.
 */
export function worstCostOf(pricing: Pricing, model: string, usage: LlmUsage): number {
  const p = priceOf(pricing, model);
  const input = Math.max(p.input, p.cacheWrite5m, p.cacheRead);
  const tokens = usage.inputTokens + usage.cacheCreationInputTokens + usage.cacheReadInputTokens;
  return (tokens * input + usage.outputTokens * p.output) / 1_000_000 + serverToolCostOf(pricing, usage);
}

export function usageToCost(pricing: Pricing, model: string, usage: LlmUsage, calls = 1): StageCost {
  return {
    usd: costOf(pricing, model, usage),
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cacheReadInputTokens: usage.cacheReadInputTokens,
    cacheCreationInputTokens: usage.cacheCreationInputTokens,
    calls,
  };
}
