import type { Pricing } from '../config/config.js';
import { CrescendoError } from '../errors.js';
import { priceOf } from './pricing.js';

/**
 * Stops a campaign before a model call could take it past its spend cap. The check
 * uses the worst case of the next call (all input uncached, `max_tokens` of output),
 * so the cap holds even when the answer is as long as allowed.
 */
export class SpendGuard {
  constructor(
    private readonly pricing: Pricing,
    readonly capUsd: number,
    private spentUsd: number,
  ) {}

  get spent(): number {
    return this.spentUsd;
  }

  worstCase(model: string, promptChars: number, maxTokens: number): number {
    const p = priceOf(this.pricing, model);
    return (Math.ceil(promptChars / 3) * p.input + maxTokens * p.output) / 1_000_000;
  }

  /** Reserves the worst case; throws when the cap would be exceeded. */
  assertCanSpend(model: string, promptChars: number, maxTokens: number, task: string): void {
    const next = this.worstCase(model, promptChars, maxTokens);
    if (this.spentUsd + next > this.capUsd) {
      throw new CrescendoError(
        `spend cap reached: ${task} could cost up to $${next.toFixed(4)}, and $${this.spentUsd.toFixed(4)} of the campaign's $${this.capUsd.toFixed(2)} is spent`,
        { fix: 'raise `spendCapUsd` in the brief or in .github/crescendo.yml, then run the stage again' },
      );
    }
  }

  record(usd: number): void {
    this.spentUsd += usd;
  }
}
