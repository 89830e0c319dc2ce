import type { MetricRow } from './metric-row.js';

/** Adds the row's measures into `s` at `b`; a measure's first value replaces NaN ("not measured"). */
export function sum(s: Float64Array, b: number, r: MetricRow): void {
  if (r.impressions !== undefined) s[b] = add(s[b] as number, r.impressions);
  if (r.clicks !== undefined) s[b + 1] = add(s[b + 1] as number, r.clicks);
  if (r.cost !== undefined) s[b + 2] = add(s[b + 2] as number, r.cost);
  if (r.sessions !== undefined) s[b + 3] = add(s[b + 3] as number, r.sessions);
  if (r.conversions !== undefined) s[b + 4] = add(s[b + 4] as number, r.conversions);
  if (r.leads !== undefined) s[b + 5] = add(s[b + 5] as number, r.leads);
  if (r.mqls !== undefined) s[b + 6] = add(s[b + 6] as number, r.mqls);
  if (r.sqls !== undefined) s[b + 7] = add(s[b + 7] as number, r.sqls);
  if (r.opportunities !== undefined) s[b + 8] = add(s[b + 8] as number, r.opportunities);
  if (r.pipeline !== undefined) s[b + 9] = add(s[b + 9] as number, r.pipeline);
  if (r.revenue !== undefined) s[b + 10] = add(s[b + 10] as number, r.revenue);
  if (r.emailsSent !== undefined) s[b + 11] = add(s[b + 11] as number, r.emailsSent);
  if (r.opens !== undefined) s[b + 12] = add(s[b + 12] as number, r.opens);
  if (r.unsubscribes !== undefined) s[b + 13] = add(s[b + 13] as number, r.unsubscribes);
}

const add = (total: number, value: number): number => (Number.isNaN(total) ? value : total + value);

/** A 32-bit hash of the measures (absent ≠ 0), to tell a repeated row from a different one. */
export function measuresHash(r: MetricRow): number {
  let h = 0x811c9dc5;
  h = mix(h, r.impressions);
  h = mix(h, r.clicks);
  h = mix(h, r.cost);
  h = mix(h, r.sessions);
  h = mix(h, r.conversions);
  h = mix(h, r.leads);
  h = mix(h, r.mqls);
  h = mix(h, r.sqls);
  h = mix(h, r.opportunities);
  h = mix(h, r.pipeline);
  h = mix(h, r.revenue);
  h = mix(h, r.emailsSent);
  h = mix(h, r.opens);
  return mix(h, r.unsubscribes);
}

const mix = (h: number, v: number | undefined): number =>
  Math.imul(h ^ (v === undefined ? -1 : (v * 1e4) | 0), 16777619);
