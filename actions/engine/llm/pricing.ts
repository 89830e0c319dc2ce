import type { StageCost } from '../artifacts/campaign-state.js';
import type { Pricing } from '../config/config.js';
import { CrescendoError } from '../errors.js';
import type { LlmUsage } from './llm.js';

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
