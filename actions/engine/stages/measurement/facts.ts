import type { Analysis } from '../../artifacts/report.js';
import type { Problem } from '../../errors.js';
import type { Measured } from './measure.js';
import { figuresOf, uncomputedNumbers } from './prose-numbers.js';

const LISTED = 10;

/**
 * What the model is given: the computed figures, and nothing it could mistake for room to invent. Every
 * number the prose may use is a leaf of this object (or that number rounded); ratios sit under keys that
 * say so (`ctr`, `pacing`, `change`, …) and may be written as percents.
 */
export function factsFor(m: Measured, currency: string) {
  const p = m.planVsActual;
  return {
    currency,
    report: {
      cadence: m.plan.cadence,
      final: m.plan.final,
      asOf: m.plan.asOf,
      dataFrom: m.dataFrom,
      ...m.plan.current,
    },
    campaign: { elapsed: p.elapsed, daysElapsed: p.daysElapsed, windowDays: p.windowDays },
    result: m.result ?? null,
    totals: { ...m.totals, roi: m.totalRoi ?? null },
    budget: p.budget,
    objectives: p.objectives.map((o) => ({ ...o, column: o.column?.measure ?? null })),
    kpis: p.kpis.map((k) => ({ ...k, column: k.column?.measure ?? null })),
    channels: m.channels.map((c) => ({
      channel: c.channel,
      ...c.totals,
      ctr: c.ctr,
      costPerResult: c.costPerResult,
      roi: c.roi,
    })),
    comparison: m.comparison,
    months: m.months,
    anomalies: m.anomalies.map((a) => ({ ...a, score: Number.isFinite(a.score) ? a.score : null })),
    rankings: {
      top: m.rankings.top,
      bottom: m.rankings.bottom,
      paid: m.rankings.paid.slice(0, LISTED),
      organic: m.rankings.organic.slice(0, LISTED),
      tooNew: m.rankings.tooNew,
    },
    attribution: m.attribution
      ? {
          models: m.attribution.models,
          totalConversions: m.attribution.totalConversions,
          totalValue: m.attribution.totalValue,
          journeys: m.attribution.journeys,
          channels: m.attribution.channels,
          notes: m.attribution.notes,
        }
      : null,
    budgetMove: 'move' in m.shift ? m.shift.move : { none: m.shift.none },
  };
}

/** The prose fields of an analysis, named as the checker reports them. */
export function proseFields(a: Analysis): Record<string, string> {
  const fields: Record<string, string> = { headline: a.headline, attribution: a.attribution };
  a.recommendations.forEach((r, i) => {
    fields[`recommendations[${i}].recommendation`] = r.recommendation;
    fields[`recommendations[${i}].expectedImpact`] = r.expectedImpact;
  });
  return fields;
}

/** Problems for every number in the analysis that the report did not compute. */
export function checkProse(a: Analysis, facts: unknown): Problem[] {
  return uncomputedNumbers(proseFields(a), figuresOf(facts));
}
