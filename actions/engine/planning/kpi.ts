/**
 * Marketing KPIs as pure functions (the usual industry definitions: CTR, CPC, CPL, ROI, ROAS, …).
 * Rates are fractions (0.031 means 3.1 %), money is in one currency.
 *
 * Every function returns `undefined` instead of NaN or Infinity when the denominator is
 * zero or an input is not a finite number: "no clicks yet" has no CPC, and a report must
 * say "n/a" rather than print "Infinity".
 */

/** numerator ÷ denominator, or undefined when that is not a finite number. */
export function safeRatio(numerator: number, denominator: number): number | undefined {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator === 0) return undefined;
  return numerator / denominator;
}

/** Click-through rate = clicks ÷ impressions. */
export function ctr(clicks: number, impressions: number): number | undefined {
  return safeRatio(clicks, impressions);
}

/** Cost per click = cost ÷ clicks. */
export function cpc(cost: number, clicks: number): number | undefined {
  return safeRatio(cost, clicks);
}

/** Cost per thousand impressions = cost ÷ impressions × 1000. */
export function cpm(cost: number, impressions: number): number | undefined {
  const perImpression = safeRatio(cost, impressions);
  return perImpression === undefined ? undefined : perImpression * 1000;
}

/** Cost per acquisition = cost ÷ conversions. */
export function cpa(cost: number, conversions: number): number | undefined {
  return safeRatio(cost, conversions);
}

/** Cost per lead: CPA where the conversion is a lead. */
export function cpl(cost: number, leads: number): number | undefined {
  return cpa(cost, leads);
}

/** Return on ad spend = revenue ÷ ad cost (a ratio: 3 means 3 of revenue per 1 spent). */
export function roas(revenue: number, adCost: number): number | undefined {
  return safeRatio(revenue, adCost);
}

/** Return on investment = (revenue − total cost) ÷ total cost (0.5 means +50 %). */
export function roi(revenue: number, totalCost: number): number | undefined {
  return safeRatio(revenue - totalCost, totalCost);
}

/** Conversion rate = conversions ÷ the visits (or clicks) they came from. */
export function conversionRate(conversions: number, visits: number): number | undefined {
  return safeRatio(conversions, visits);
}

/**
 * Pacing = spend to date ÷ (budget × elapsed share of the period).
 * 1 is on pace, above 1 overspending, below 1 underspending. `elapsedShare` is in [0, 1]
 * (see `elapsedShare` in this file); at the very start (share 0) pacing is undefined.
 */
export function pacing(spendToDate: number, budget: number, elapsed: number): number | undefined {
  return safeRatio(spendToDate, budget * elapsed);
}

/**
 * Share of an inclusive date window that has elapsed by the end of `asOf`, clamped to [0, 1].
 * With window 2025-04-01..2025-04-10 and asOf 2025-04-05, five of ten days are done: 0.5.
 */
export function elapsedShare(window: { start: string; end: string }, asOf: string): number | undefined {
  const start = Date.parse(`${window.start}T00:00:00Z`);
  const end = Date.parse(`${window.end}T00:00:00Z`);
  const now = Date.parse(`${asOf}T00:00:00Z`);
  const totalDays = safeRatio(end - start, 86_400_000);
  if (totalDays === undefined || totalDays < 0 || !Number.isFinite(now)) return undefined;
  const done = (now - start) / 86_400_000 + 1;
  return Math.min(1, Math.max(0, done / (totalDays + 1)));
}
