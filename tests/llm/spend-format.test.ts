import { describe, expect, it } from 'vitest';
import { ModelCallLimits, parseConfig } from '../../actions/engine/config/config.js';
import { formatSpend } from '../../actions/engine/llm/spend-format.js';
import { timeBudget } from '../../actions/engine/llm/time-budget.js';

describe('formatSpend', () => {
  it.each([
    [0.31, 25, '$0.31 of $25.00 (1%), $24.69 left'],
    [0, 25, '$0.00 of $25.00 (0%), $25.00 left'],
    [0.0042, 0.08, '$0.0042 of $0.08 (5%), $0.08 left'],
    [0.08, 0.08, '$0.08 of $0.08 (100%): spend cap reached'],
    [0.0799, 0.08, '$0.08 of $0.08 (99%): spend cap reached'],
    [12.5, 0, '$12.50 spent (no spend cap)'],
  ])('%f of %f → %s', (spent, cap, text) => {
    expect(formatSpend(spent, cap)).toBe(text);
  });
});

describe('time limits of model calls', () => {
  it('default limits end every model call of a stage before its 30-minute job is cancelled', () => {
    const budget = timeBudget();
    expect(budget.stageMs + budget.marginMs).toBeLessThanOrEqual(budget.jobMs);
    expect(budget.callMs).toBeLessThanOrEqual(budget.stageMs);
    // One request's SDK retries fit inside one call's limit.
    expect(budget.headerWaitWorstMs / budget.attemptsPerCall).toBeLessThan(budget.callMs);
  });

  it('refuses limits that would outlive the job', () => {
    expect(() => ModelCallLimits.parse({ stageTimeoutMinutes: 28 })).toThrow(
      /leave 5 of the job's 30 minutes/,
    );
    expect(() => ModelCallLimits.parse({ callTimeoutMinutes: 26 })).toThrow(/callTimeoutMinutes/);
  });

  it('reads the repository configuration with its server tool prices and limits', async () => {
    const { readFile } = await import('node:fs/promises');
    const config = parseConfig(
      await readFile(new URL('../../.github/crescendo.yml', import.meta.url), 'utf8'),
    );
    expect(config.pricing.serverTools?.webSearchPer1000).toBe(10);
    expect(config.research.maxContentTokens).toBe(5000);
    expect(timeBudget(config.modelCalls).stageMs).toBe(25 * 60_000);
  });
});
