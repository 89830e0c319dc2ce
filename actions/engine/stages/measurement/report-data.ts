import type { Analysis, ReportData } from '../../artifacts/report.js';
import type { Measured } from './measure.js';

const orNull = (v: number | undefined): number | null => (v === undefined || !Number.isFinite(v) ? null : v);

/**
 * The report's front matter: what later cycles read (research: the recommendations; strategy: the KPI
 * lines' actuals as measured history) and what `crescendo check` validates. KPI lines are the plan of
 * record's, then one `spend` line per paid budget line (its budget as the target).
 */
export function reportData(
  m: Measured,
  analysis: Analysis,
  data: { fingerprint: string; files: string[]; findings: string[]; amendment?: string },
): ReportData {
  const p = m.planVsActual;
  const kpis: ReportData['kpis'] = [
    ...p.kpis.map((k) => ({
      channel: k.channel,
      metric: k.metric,
      target: k.target,
      actual: orNull(k.actual),
      attainment: orNull(k.attainment),
      ...(k.period ? { period: k.period } : {}),
      ...(k.column ? { measuredBy: k.column.measure } : {}),
      ...(k.expectedToDate === undefined ? {} : { expectedToDate: k.expectedToDate }),
      pace: orNull(k.pace),
    })),
    ...p.budget
      .filter((b) => b.basis === 'paid')
      .map((b) => ({
        channel: b.channel,
        metric: 'spend',
        target: b.budget,
        actual: orNull(b.spend),
        attainment: orNull(b.spentShare),
        measuredBy: 'cost',
        expectedToDate: b.budget * p.elapsed,
        pace: orNull(b.pacing),
      })),
  ];
  return {
    period: { from: m.dataFrom, to: m.plan.asOf },
    kpis,
    roi: orNull(m.totalRoi),
    top: m.rankings.top.map((r) => r.utmContent),
    bottom: m.rankings.bottom.map((r) => r.utmContent),
    analysis,
    cadence: m.plan.cadence,
    final: m.plan.final,
    asOf: m.plan.asOf,
    budget: p.budget.map((b) => ({
      channel: b.channel,
      budget: b.budget,
      basis: b.basis,
      ...(b.spend === undefined ? {} : { spend: b.spend }),
      ...(b.spentShare === undefined ? {} : { spentShare: b.spentShare }),
      ...(b.pacing === undefined ? {} : { pacing: b.pacing }),
      status: b.status,
    })),
    objectives: p.objectives.map((o) => ({
      objective: o.objective,
      metric: o.metric,
      target: o.target,
      planned: o.planned,
      actual: orNull(o.actual),
      attainment: orNull(o.attainment),
      pace: orNull(o.pace),
      measuredBy: o.column?.measure ?? null,
    })),
    funnel: m.channels.map((c) => ({ channel: c.channel, totals: c.totals })),
    ...(m.attribution
      ? {
          attribution: {
            totalConversions: m.attribution.totalConversions,
            channels: m.attribution.channels.map((c) => ({
              channel: c.channel,
              credits: c.credits as Record<string, number>,
              low: c.low,
              high: c.high,
              spread: c.spread,
            })),
          },
        }
      : {}),
    anomalies: m.anomalies.map((a) => ({
      date: a.date,
      channel: a.channel,
      measure: a.measure,
      value: a.value,
      median: a.median,
    })),
    data: { fingerprint: data.fingerprint, files: data.files, findings: data.findings },
    ...(data.amendment ? { amendment: data.amendment } : {}),
  };
}
