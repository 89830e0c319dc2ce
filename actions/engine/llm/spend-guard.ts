import type { Pricing } from '../config/config.js';
import { CrescendoError, type CrescendoErrorOptions } from '../errors.js';
import type { SpendMeter, SpendReservation } from './llm.js';
import { callCostOf, worstCostOf } from './pricing.js';
import { type SpendLog, type SpendOutcome, type SpendRecord, totalUsd } from './spend-record.js';
import type { LlmUsage } from './usage.js';
import { inputTokenBoundFromChars, requestWorstUsage } from './worst-case.js';

/** Thrown before a request that could take the campaign past its spend cap; nothing was sent. */
export class SpendCapError extends CrescendoError {
  constructor(message: string, options: Omit<CrescendoErrorOptions, 'code'> = {}) {
    super(message, { ...options, code: 'spend-cap' });
  }
}

/** Float noise allowance when comparing sums of dollars with the cap (far below a cent). */
const EPSILON = 1e-9;

/** The stage a task belongs to: `content/blog-post/1` → `content`. */
export const stageOfTask = (task: string): string => task.split('/')[0] || task;

export interface SpendGuardOptions {
  /** Where `save()` appends this run's records. */
  log?: SpendLog;
  campaignId?: string;
  now?: () => Date;
}

interface Waiter {
  task: string;
  worstUsd: number;
  grant: () => void;
  refuse: (error: Error) => void;
}

/**
 * The campaign's spend cap as a hard limit. Every request reserves its worst case before it is sent
 * and settles it with its real usage after, whether it succeeded or failed. Reservations are checked
 * and taken in one synchronous step, so parallel requests can never together pass the cap: one that
 * fits the cap but not beside the requests in flight waits for them to settle; one that cannot fit
 * even after they settle is refused with `SpendCapError`. The guard starts from everything already
 * spent (the spend log) and keeps the records of this run, failed requests included, for `save()`.
 */
export class SpendGuard {
  #settled: number;
  #reserved = 0;
  readonly #records: SpendRecord[] = [];
  #saved = 0;
  readonly #waiters: Waiter[] = [];
  readonly #open = new Set<Hold>();

  constructor(
    private readonly pricing: Pricing,
    readonly capUsd: number,
    spentUsd: number,
    private readonly options: SpendGuardOptions = {},
  ) {
    this.#settled = spentUsd;
  }

  /**
   * A guard that starts from the campaign's persisted records. `floorUsd` (the cost in the campaign
   * state) covers campaigns whose runs predate the log: the larger of the two totals is used.
   */
  static async open(
    log: SpendLog,
    campaignId: string,
    options: { pricing: Pricing; capUsd: number; floorUsd?: number; now?: () => Date },
  ): Promise<SpendGuard> {
    const spent = Math.max(totalUsd(await log.load(campaignId)), options.floorUsd ?? 0);
    return new SpendGuard(options.pricing, options.capUsd, spent, { log, campaignId, now: options.now });
  }

  /** Settled spend: everything persisted before this run plus this run's settled requests. */
  get spent(): number {
    return this.#settled;
  }

  /** Worst cases held by requests in flight. */
  get reserved(): number {
    return this.#reserved;
  }

  /** This run's records, failed and invalid requests included, oldest first. */
  get records(): readonly SpendRecord[] {
    return [...this.#records];
  }

  /** A meter for one logical call, which remembers the records of its requests (retries included). */
  meter(): CallMeter {
    return new CallMeter(this);
  }

  /** Reserves the worst case of a request described by its usage bound (see worst-case.ts). */
  reserve(task: string, model: string, worst: LlmUsage): Promise<SpendReservation> {
    return this.reserveUsd(task, model, worstCostOf(this.pricing, model, worst));
  }

  reserveUsd(task: string, model: string, worstUsd: number): Promise<SpendReservation> {
    if (this.#settled + worstUsd > this.capUsd + EPSILON)
      return Promise.reject(this.#capError(task, worstUsd));
    return new Promise((resolve, reject) => {
      this.#waiters.push({
        task,
        worstUsd,
        grant: () => resolve(this.#hold(task, model, worstUsd)),
        refuse: reject,
      });
      this.#pump();
    });
  }

  /** Marks a settled record of this run, e.g. `invalid` once the answer failed its checks. */
  mark(record: SpendRecord, outcome: SpendOutcome, note?: string): void {
    if (!this.#records.includes(record)) throw new Error('not a record of this run');
    record.outcome = outcome;
    if (note !== undefined) record.note = note;
  }

  /**
   * Appends this run's unsaved records to the spend log and returns them. Call it in a `finally`:
   * a request still unsettled (the run was cut short) is charged at its whole worst case.
   */
  async save(): Promise<SpendRecord[]> {
    for (const hold of [...this.#open]) {
      hold.settle('failed', undefined, undefined, 'unsettled when the run ended: charged at its worst case');
    }
    const fresh = this.#records.slice(this.#saved);
    const { log, campaignId } = this.options;
    if (log && campaignId && fresh.length) await log.append(campaignId, fresh);
    this.#saved = this.#records.length;
    return fresh;
  }

  /** Worst case from a character count (older callers): see `inputTokenBoundFromChars`. */
  worstCase(model: string, promptChars: number, maxTokens: number): number {
    return worstCostOf(
      this.pricing,
      model,
      requestWorstUsage(inputTokenBoundFromChars(promptChars), maxTokens),
    );
  }

  /** Throws when a request of this size could not fit now. Reserves nothing: prefer `reserve`. */
  assertCanSpend(model: string, promptChars: number, maxTokens: number, task: string): void {
    const worst = this.worstCase(model, promptChars, maxTokens);
    if (this.#settled + this.#reserved + worst > this.capUsd + EPSILON) throw this.#capError(task, worst);
  }

  /** Records a cost that was not reserved (a Message Batch collected in a later run). */
  record(usd: number, task = 'unknown', model = 'unknown', usage?: LlmUsage): SpendRecord {
    return this.#push(task, model, usd, usage, 'ok');
  }

  /** Settles a hold (called through `SpendReservation.settle`). */
  settleHold(
    hold: Hold,
    outcome: SpendOutcome,
    usage?: LlmUsage,
    model?: string,
    note?: string,
  ): SpendRecord {
    this.#open.delete(hold);
    this.#reserved -= hold.worstUsd;
    const usd = usage ? callCostOf(this.pricing, model ?? hold.model, usage) : hold.worstUsd;
    const unknown = usage ? undefined : 'usage unknown: charged at the reserved worst case';
    const record = this.#push(hold.task, model ?? hold.model, usd, usage, outcome, note ?? unknown);
    this.#pump();
    return record;
  }

  #hold(task: string, model: string, worstUsd: number): Hold {
    this.#reserved += worstUsd;
    const hold = new Hold(this, task, model, worstUsd);
    this.#open.add(hold);
    return hold;
  }

  /** Grants waiting reservations in order while they fit; refuses those that never can. */
  #pump(): void {
    while (this.#waiters.length > 0) {
      const next = this.#waiters[0] as Waiter;
      if (this.#settled + next.worstUsd > this.capUsd + EPSILON) {
        this.#waiters.shift();
        next.refuse(this.#capError(next.task, next.worstUsd));
      } else if (this.#settled + this.#reserved + next.worstUsd <= this.capUsd + EPSILON) {
        this.#waiters.shift();
        next.grant();
      } else {
        return;
      }
    }
  }

  #push(
    task: string,
    model: string,
    usd: number,
    usage: LlmUsage | undefined,
    outcome: SpendOutcome,
    note?: string,
  ): SpendRecord {
    this.#settled += usd;
    const record: SpendRecord = {
      at: (this.options.now?.() ?? new Date()).toISOString(),
      stage: stageOfTask(task),
      task,
      model,
      usd,
      inputTokens: usage?.inputTokens ?? 0,
      outputTokens: usage?.outputTokens ?? 0,
      cacheCreationInputTokens: usage?.cacheCreationInputTokens ?? 0,
      cacheReadInputTokens: usage?.cacheReadInputTokens ?? 0,
      webSearchRequests: usage?.webSearchRequests ?? 0,
      webFetchRequests: usage?.webFetchRequests ?? 0,
      outcome,
      ...(note ? { note } : {}),
    };
    this.#records.push(record);
    return record;
  }

  #capError(task: string, worstUsd: number): SpendCapError {
    return new SpendCapError(
      `spend cap reached: ${task} could cost up to $${worstUsd.toFixed(4)}, and $${this.#settled.toFixed(4)} of the campaign's $${this.capUsd.toFixed(2)} is spent`,
      { fix: 'raise `spendCapUsd` in the brief or in .github/crescendo.yml, then run the stage again' },
    );
  }
}

/** One request's reservation; settling it twice keeps the first settlement. */
class Hold implements SpendReservation {
  #record: SpendRecord | undefined;

  constructor(
    private readonly guard: SpendGuard,
    readonly task: string,
    readonly model: string,
    readonly worstUsd: number,
  ) {}

  settle(outcome: SpendOutcome, usage?: LlmUsage, model?: string, note?: string): SpendRecord {
    this.#record ??= this.guard.settleHold(this, outcome, usage, model, note);
    return this.#record;
  }
}

/** The meter one logical call hands to the model: it keeps the records of that call's requests. */
export class CallMeter implements SpendMeter {
  readonly records: SpendRecord[] = [];
  #reservations = 0;

  constructor(private readonly guard: SpendGuard) {}

  /** True once the model reserved through this meter (a metered model). */
  get used(): boolean {
    return this.#reservations > 0;
  }

  async reserve(task: string, model: string, worst: LlmUsage): Promise<SpendReservation> {
    return this.#track(await this.guard.reserve(task, model, worst));
  }

  async reserveUsd(task: string, model: string, worstUsd: number): Promise<SpendReservation> {
    return this.#track(await this.guard.reserveUsd(task, model, worstUsd));
  }

  mark(record: SpendRecord, outcome: SpendOutcome, note?: string): void {
    this.guard.mark(record, outcome, note);
  }

  #track(reservation: SpendReservation): SpendReservation {
    this.#reservations++;
    return {
      worstUsd: reservation.worstUsd,
      settle: (outcome, usage, model, note) => {
        const record = reservation.settle(outcome, usage, model, note);
        if (!this.records.includes(record)) this.records.push(record);
        return record;
      },
    };
  }
}
