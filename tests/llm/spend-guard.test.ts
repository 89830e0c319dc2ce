import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../actions/engine/config/config.js';
import { CrescendoError } from '../../actions/engine/errors.js';
import { SpendCapError, SpendGuard } from '../../actions/engine/llm/spend-guard.js';
import {
  FileSpendLog,
  MemorySpendLog,
  parseSpendLog,
  renderSpendLog,
  spendLogPath,
} from '../../actions/engine/llm/spend-record.js';
import { emptyUsage } from '../../actions/engine/llm/usage.js';
import {
  gatherWorstUsage,
  inputTokenBound,
  REQUEST_OVERHEAD_TOKENS,
} from '../../actions/engine/llm/worst-case.js';

const { pricing } = parseConfig(`models: { default: m }
pricing: { asOf: 2026-11-01, currency: USD, perMillionTokens: { m: { input: 2, output: 10, cacheWrite5m: 2.5, cacheRead: 0.2 } } }
`);
const output = (tokens: number) => ({ ...emptyUsage(), outputTokens: tokens });
const at = () => new Date('2026-12-02T10:00:00Z');

describe('reservations', () => {
  it('makes a request that fits the cap wait for the requests in flight, and refuses one that never fits', async () => {
    const guard = new SpendGuard(pricing, 0.1, 0, { now: at });
    const first = await guard.reserve('content/a', 'm', output(6000)); // $0.06
    let second: Awaited<ReturnType<typeof guard.reserve>> | undefined;
    const waiting = guard.reserve('content/b', 'm', output(6000)).then((r) => {
      second = r;
    });
    await Promise.resolve();
    expect(second).toBeUndefined();
    expect(guard.reserved).toBeCloseTo(0.06, 12);
    first.settle('ok', output(1000)); // $0.01 spent: 0.01 + 0.06 fits
    await waiting;
    expect(second?.worstUsd).toBeCloseTo(0.06, 12);
    second?.settle('ok', output(5000));
    expect(guard.spent).toBeCloseTo(0.06, 12);
    await expect(guard.reserve('content/c', 'm', output(6000))).rejects.toBeInstanceOf(SpendCapError);
  });

  it('charges the whole reservation when the usage is unknown, and unsettled ones on save', async () => {
    const log = new MemorySpendLog();
    const guard = await SpendGuard.open(log, 'c', { pricing, capUsd: 1, now: at });
    (await guard.reserve('research', 'm', output(1000))).settle('failed', undefined, undefined, 'cut');
    await guard.reserve('strategy', 'm', output(2000));
    const saved = await guard.save();
    expect(saved.map((r) => [r.stage, r.outcome, r.usd])).toEqual([
      ['research', 'failed', 0.01],
      ['strategy', 'failed', 0.02],
    ]);
    expect(saved[1]?.note).toMatch(/unsettled when the run ended/);
    expect(guard.reserved).toBeCloseTo(0, 12);
    expect(await guard.save()).toEqual([]);
    expect((await SpendGuard.open(log, 'c', { pricing, capUsd: 1 })).spent).toBeCloseTo(0.03, 12);
  });

  it('prices input at the dearest input rate and output at max_tokens', () => {
    const guard = new SpendGuard(pricing, 1, 0);
    // 100 characters: at most 300 UTF-8 bytes, plus the request overhead, at the cache-write price.
    expect(guard.worstCase('m', 100, 1000)).toBeCloseTo(
      ((300 + REQUEST_OVERHEAD_TOKENS) * 2.5 + 1000 * 10) / 1e6,
      12,
    );
  });
});

describe('worst cases', () => {
  it('bounds input tokens by UTF-8 bytes, where characters undercount', () => {
    const cjk = '市場調査の結果を要約してください。'.repeat(100);
    expect(inputTokenBound({ text: cjk })).toBeGreaterThanOrEqual(
      Buffer.byteLength(cjk) + REQUEST_OVERHEAD_TOKENS,
    );
    expect(Buffer.byteLength(cjk)).toBe(cjk.length * 3);
  });

  it('counts every tool result again on each later iteration of a request', () => {
    const usage = gatherWorstUsage(100, 50, {
      searches: 1,
      fetches: 2,
      searchResultTokens: 10,
      fetchResultTokens: 20,
    });
    // 4 iterations × (prompt + output) + results read again: 20, 20+20, 20+20+10.
    expect(usage.inputTokens).toBe(4 * 150 + 20 + 40 + 50);
    expect(usage).toMatchObject({ outputTokens: 50, webSearchRequests: 1, webFetchRequests: 2 });
  });
});

describe('the spend log file', () => {
  it('round-trips records and appends without losing what was there', async () => {
    const files = new Map<string, string>();
    const log = new FileSpendLog({
      read: async (p) => files.get(p),
      write: async (p, t) => void files.set(p, t),
    });
    const guard = await SpendGuard.open(log, 'launch', { pricing, capUsd: 1, now: at });
    (await guard.reserve('research/evidence', 'm', output(100))).settle('ok', output(50));
    await guard.save();
    (await guard.reserve('research', 'm', output(100))).settle('invalid', output(100));
    await guard.save();
    const text = files.get(spendLogPath('launch')) ?? '';
    expect(text.trim().split('\n')).toHaveLength(2);
    expect(parseSpendLog(text, 'f')).toEqual(await log.load('launch'));
    expect(renderSpendLog(await log.load('launch'))).toBe(text);
  });

  it('refuses a damaged line with its file and line, never dropping it silently', () => {
    const good = renderSpendLog([
      {
        at: '2026-12-02T10:00:00.000Z',
        stage: 'research',
        task: 'research',
        model: 'm',
        usd: 0.5,
        inputTokens: 1,
        outputTokens: 1,
        cacheCreationInputTokens: 0,
        cacheReadInputTokens: 0,
        webSearchRequests: 0,
        webFetchRequests: 0,
        outcome: 'ok',
      },
    ]);
    const error = (() => {
      try {
        parseSpendLog(`${good}{"usd": -1}\nnot json\n`, 'campaigns/x/spend.jsonl');
      } catch (e) {
        return e as CrescendoError;
      }
    })();
    expect(error).toBeInstanceOf(CrescendoError);
    expect(error?.problems.map((p) => p.line)).toContain(3);
    expect(error?.problems.some((p) => p.line === 2 && p.message.startsWith('usd'))).toBe(true);
  });
});
