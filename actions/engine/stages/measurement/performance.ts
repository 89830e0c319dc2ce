import { z } from 'zod';
import { cpa, ctr, roi } from '../../planning/kpi.js';

/** One row of a performance export: a day, a channel and (optionally) one asset's utm_content. */
export const MetricsRow = z.object({
  date: z.iso.date(),
  channel: z.string().min(1),
  utm_content: z.string().default(''),
  impressions: z.coerce.number().nonnegative(),
  clicks: z.coerce.number().nonnegative(),
  cost: z.coerce.number().nonnegative(),
  conversions: z.coerce.number().nonnegative(),
  revenue: z.coerce.number().nonnegative(),
});
export type MetricsRow = z.infer<typeof MetricsRow>;

export interface Totals {
  impressions: number;
  clicks: number;
  cost: number;
  conversions: number;
  revenue: number;
}

export interface ChannelPerformance extends Totals {
  channel: string;
  ctr?: number;
  cpa?: number;
  roi?: number;
}

export interface AssetPerformance extends Totals {
  utmContent: string;
  channel: string;
  ctr?: number;
}

const zero = (): Totals => ({ impressions: 0, clicks: 0, cost: 0, conversions: 0, revenue: 0 });

function add(t: Totals, r: Totals): Totals {
  return {
    impressions: t.impressions + r.impressions,
    clicks: t.clicks + r.clicks,
    cost: t.cost + r.cost,
    conversions: t.conversions + r.conversions,
    revenue: t.revenue + r.revenue,
  };
}

function group<K extends string>(rows: MetricsRow[], key: (r: MetricsRow) => K): Map<K, Totals> {
  const map = new Map<K, Totals>();
  for (const row of rows) map.set(key(row), add(map.get(key(row)) ?? zero(), row));
  return map;
}

export function summarise(rows: MetricsRow[]) {
  const total = rows.reduce(add, zero());
  const channels: ChannelPerformance[] = [...group(rows, (r) => r.channel)].map(([channel, t]) => ({
    channel,
    ...t,
    ctr: ctr(t.clicks, t.impressions),
    cpa: cpa(t.cost, t.conversions),
    roi: roi(t.revenue, t.cost),
  }));
  const assets: AssetPerformance[] = [
    ...group(
      rows.filter((r) => r.utm_content),
      (r) => `${r.channel}\u0000${r.utm_content}`,
    ),
  ]
    .map(([key, t]) => {
      const [channel = '', utmContent = ''] = key.split('\u0000');
      return { channel, utmContent, ...t, ctr: ctr(t.clicks, t.impressions) };
    })
    // Ranked by conversions, then clicks: business results before attention.
    .sort(
      (a, b) =>
        b.conversions - a.conversions || b.clicks - a.clicks || a.utmContent.localeCompare(b.utmContent),
    );
  return {
    total: { ...total, roi: roi(total.revenue, total.cost), cpa: cpa(total.cost, total.conversions) },
    channels,
    assets,
  };
}

/** The measured value for a KPI name, when the export has it. */
export function actualFor(metric: string, t: Totals): number | undefined {
  const m = metric.toLowerCase();
  if (m.includes('impression')) return t.impressions;
  if (m === 'ctr') return ctr(t.clicks, t.impressions);
  if (m.includes('click') || m.includes('visit') || m.includes('session')) return t.clicks;
  if (m.includes('revenue')) return t.revenue;
  if (m.includes('cost') || m.includes('spend')) return t.cost;
  if (/(conversion|lead|mql|signup|sign-up|trial|demo|subscriber)/.test(m)) return t.conversions;
  return undefined;
}
