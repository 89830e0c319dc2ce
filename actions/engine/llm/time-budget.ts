import { ModelCallLimits, STAGE_JOB_MARGIN_MINUTES, STAGE_JOB_TIMEOUT_MINUTES } from '../config/config.js';

export const DEFAULT_MODEL_CALL_LIMITS: ModelCallLimits = ModelCallLimits.parse({});

const MINUTE = 60_000;
/** The SDK's backoff: 0.5 s doubling, at most 8 s per retry (without a `retry-after`). */
const sdkBackoffMs = (retry: number): number => Math.min(500 * 2 ** retry, 8000);
/** Crescendo's wait before re-sending an answer whose stream failed: 2 s, 4 s, 8 s … */
export const streamRetryDelayMs = (retry: number): number => Math.min(1000 * 2 ** retry, 30_000);

/** The time limits of model calls in numbers, and why a stage job cannot outlive its timeout. */
export interface TimeBudget {
  /** HTTP attempts one call may make: (stream retries + 1) × (SDK retries + 1). */
  attemptsPerCall: number;
  /** Waiting for headers and backing off, if every attempt failed as late as allowed. */
  headerWaitWorstMs: number;
  /** The hard limit of one call (an abort signal): streaming time and `retry-after` included. */
  callMs: number;
  /** The hard limit of all calls of a stage run. */
  stageMs: number;
  /** The stage job's `timeout-minutes`, and what stays free for checkout, commit and PR. */
  jobMs: number;
  marginMs: number;
}

/**
 * Without deadlines one call has no upper bound: the SDK's `timeout` stops only the wait for the
 * response headers, a stream may take as long as the model writes, and the SDK obeys any
 * `retry-after`. So every call runs under an abort signal at `callMs`, never past the stage's
 * deadline at `stageMs`, and `stageMs + marginMs <= jobMs` (the config schema checks it): a stage job
 * ends its model calls, saves its spend records and reports before GitHub cancels it.
 */
export function timeBudget(limits: ModelCallLimits = DEFAULT_MODEL_CALL_LIMITS): TimeBudget {
  const requests = limits.streamRetries + 1;
  const attempts = limits.maxRetries + 1;
  let backoff = 0;
  for (let retry = 0; retry < limits.maxRetries; retry++) backoff += sdkBackoffMs(retry);
  let streamDelays = 0;
  for (let retry = 1; retry < requests; retry++) streamDelays += streamRetryDelayMs(retry);
  return {
    attemptsPerCall: requests * attempts,
    headerWaitWorstMs: requests * (attempts * limits.requestTimeoutSeconds * 1000 + backoff) + streamDelays,
    callMs: limits.callTimeoutMinutes * MINUTE,
    stageMs: limits.stageTimeoutMinutes * MINUTE,
    jobMs: STAGE_JOB_TIMEOUT_MINUTES * MINUTE,
    marginMs: STAGE_JOB_MARGIN_MINUTES * MINUTE,
  };
}

/** When a call must end: `callMs` from now, and never after the stage's deadline. */
export function callDeadline(now: number, limits: ModelCallLimits, stageDeadline?: number): number {
  const own = now + limits.callTimeoutMinutes * MINUTE;
  return stageDeadline === undefined ? own : Math.min(own, stageDeadline);
}
