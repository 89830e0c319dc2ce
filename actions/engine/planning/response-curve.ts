import type { Channel } from '../channels/index.js';
import type { Benchmarks, ChannelBenchmark } from './benchmarks.js';
import { channelFunnel } from './funnel.js';
import type { ObjectiveMetric } from './metrics.js';

/**
 * Expected results as a function of variable spend on one channel, with diminishing returns.
 *
 * - `saturating`: results(x) = maxResults · (1 − e^(−x / scale)). Concave, starts with slope
 *   maxResults / scale and levels off at maxResults (the audience is finite).
 * - `power`: results(x) = coefficient · x^exponent with 0 < exponent ≤ 1. Concave; with
 *   exponent 1 it is linear (constant cost per result).
 */
export type ResponseCurve =
  | { kind: 'saturating'; maxResults: number; scale: number }
  | { kind: 'power'; coefficient: number; exponent: number };

export function curveResults(curve: ResponseCurve, spend: number): number {
  if (!(spend > 0)) return 0;
  if (curve.kind === 'saturating') {
    return curve.scale > 0 ? curve.maxResults * -Math.expm1(-spend / curve.scale) : 0;
  }
  return curve.coefficient * spend ** curve.exponent;
}

/** 1 − 1/e: the share of maxResults a saturating curve reaches at spend = scale. */
const SATURATION_AT_SCALE = -Math.expm1(-1);

export type CurveFromBenchmark =
  | { ok: true; curve: ResponseCurve; costPerResult: number }
  | { ok: false; reason: string };

/**
 * A saturating curve calibrated on the benchmarks, for a campaign of `days` days:
 * - scale s = referenceMonthlySpend × days / 30: the spend level at which the benchmark
 *   rates were observed, stretched to the campaign length;
 * - maxResults a = s / (c · (1 − 1/e)), where c is the benchmark cost of one result
 *   (from the funnel math, without fixed cost).
 * So the average cost per result at spend s equals the benchmark c; below s results come
 * cheaper (first slope 1 / (0.632 c)), above s dearer. Channels with no media cost, or
 * without a referenceMonthlySpend, get no curve: the caller must state one.
 */
export function curveFromBenchmark(
  channel: Channel,
  row: ChannelBenchmark,
  metric: ObjectiveMetric,
  days: number,
  benchmarks: Pick<Benchmarks, 'revenue'>,
): CurveFromBenchmark {
  if (row.costModel === 'none') {
    return { ok: false, reason: `${channel} has no media cost model; give it an explicit response curve` };
  }
  if (!row.referenceMonthlySpend) {
    return {
      ok: false,
      reason: `${channel} needs referenceMonthlySpend in the benchmarks file to shape its curve`,
    };
  }
  const unit = channelFunnel(channel, row, metric, 1, benchmarks, 1, { includeFixedCost: false });
  const c = unit.cost;
  if (c === undefined || !(c > 0)) {
    return {
      ok: false,
      reason: `${channel}: cost per ${metric} cannot be modelled (${unit.gaps.join('; ')})`,
    };
  }
  const scale = (row.referenceMonthlySpend.value * days) / 30;
  return {
    ok: true,
    curve: { kind: 'saturating', scale, maxResults: scale / (c * SATURATION_AT_SCALE) },
    costPerResult: c,
  };
}
