/**
 * Rates per period ("20,000 sessions a month") next to campaign totals ("500 MQLs by June"). A rate is
 * planned as the campaign's average over the period: total × period days ÷ window days. Months,
 * quarters and years are calendar averages (365.25 days a year), so a plan does not depend on which
 * month it starts in.
 */
export type PlanPeriod = 'day' | 'week' | 'month' | 'quarter' | 'year';

export const PERIOD_DAYS: Readonly<Record<PlanPeriod, number>> = {
  day: 1,
  week: 7,
  month: 365.25 / 12,
  quarter: 365.25 / 4,
  year: 365.25,
};

/** "a month", for sentences such as "21,000 sessions a month". */
export const perPeriod = (period: PlanPeriod): string => `a ${period}`;

/** The factor that turns a campaign total into the average per period (1 for a campaign total). */
export function periodFactor(period: PlanPeriod | undefined, windowDays: number): number {
  return period === undefined || !(windowDays > 0) ? 1 : PERIOD_DAYS[period] / windowDays;
}

/** Campaign total of a rate given per month (organic volumes in the benchmarks file). */
export function monthlyToTotal(perMonth: number, windowDays: number): number {
  return (perMonth * windowDays) / PERIOD_DAYS.month;
}

/** Monthly rate of a value given per `period` (a brief's baseline). */
export function toMonthly(value: number, period: PlanPeriod): number {
  return (value * PERIOD_DAYS.month) / PERIOD_DAYS[period];
}
