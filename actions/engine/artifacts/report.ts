import { z } from 'zod';
import type { RepoFiles } from '../files/repo-files.js';

export const Analysis = z.object({
  headline: z.string().min(1),
  attribution: z.string().min(1).describe('How channels and touchpoints contributed, from the numbers given'),
  recommendations: z
    .array(
      z.object({
        recommendation: z.string().min(1),
        basedOn: z
          .array(z.string())
          .min(1)
          .describe('Channels or utm_content values from the data it rests on'),
        expectedImpact: z.string().min(1),
      }),
    )
    .min(3),
});
export type Analysis = z.infer<typeof Analysis>;

const Measures = z.record(z.string(), z.number());

/** One budget line of the plan of record against spend to date. */
export const ReportBudgetLine = z.object({
  channel: z.string(),
  budget: z.number(),
  basis: z.enum(['paid', 'organic', 'none']),
  spend: z.number().optional(),
  spentShare: z.number().optional(),
  pacing: z.number().optional(),
  status: z.enum(['on pace', 'overspending', 'underspending', 'not tracked']),
});

/** One objective: target, plan of record, actual to date. */
export const ReportObjective = z.object({
  objective: z.number().int().nonnegative(),
  metric: z.string(),
  target: z.number(),
  planned: z.number(),
  actual: z.number().nullable(),
  attainment: z.number().nullable(),
  pace: z.number().nullable(),
  measuredBy: z.string().nullable(),
});

export const ReportData = z.object({
  period: z.object({ from: z.iso.date(), to: z.iso.date() }),
  /** The plan of record's KPIs (and each paid line's spend against its budget), actual and attainment. */
  kpis: z.array(
    z.object({
      channel: z.string(),
      metric: z.string(),
      target: z.number(),
      actual: z.number().nullable(),
      attainment: z.number().nullable(),
      period: z.string().optional(),
      /** The data column the actual is read from (`mqls`, `sessions`, …). */
      measuredBy: z.string().optional(),
      expectedToDate: z.number().optional(),
      pace: z.number().nullable().optional(),
    }),
  ),
  roi: z.number().nullable(),
  top: z.array(z.string()),
  bottom: z.array(z.string()),
  analysis: Analysis,
  cadence: z.enum(['weekly', 'monthly']).optional(),
  /** The campaign's last report: it opens the next cycle. */
  final: z.boolean().optional(),
  /** The last day with data; `period` is the stretch the report compares. */
  asOf: z.iso.date().optional(),
  budget: z.array(ReportBudgetLine).optional(),
  objectives: z.array(ReportObjective).optional(),
  /** Campaign-to-date totals per channel, every measured column. */
  funnel: z.array(z.object({ channel: z.string(), totals: Measures })).optional(),
  /** Conversions credited per channel by each attribution model. */
  attribution: z
    .object({
      totalConversions: z.number(),
      channels: z.array(
        z.object({
          channel: z.string(),
          credits: Measures,
          low: z.number(),
          high: z.number(),
          spread: z.number(),
        }),
      ),
    })
    .optional(),
  anomalies: z
    .array(
      z.object({
        date: z.iso.date(),
        channel: z.string(),
        measure: z.string(),
        value: z.number(),
        median: z.number(),
      }),
    )
    .optional(),
  /** What the numbers were computed from: the files, the checks' findings, and a fingerprint of the data. */
  data: z
    .object({
      fingerprint: z.string(),
      files: z.array(z.string()),
      findings: z.array(z.string()),
    })
    .optional(),
  /** The proposed budget amendment, when the data supports one. */
  amendment: z.string().optional(),
});
export type ReportData = z.infer<typeof ReportData>;

export const reportsDir = (id: string): string => `campaigns/${id}/reports`;
export const reportPath = (id: string, periodEnd: string): string =>
  `${reportsDir(id)}/${periodEnd}-report.md`;

/** Every measurement report of every campaign on the default branch, as text: the input to later cycles. */
export async function readReportFiles(
  files: Pick<RepoFiles, 'readFile' | 'listFiles'>,
): Promise<{ path: string; text: string }[]> {
  const paths = (await files.listFiles('campaigns')).filter((p) =>
    /^campaigns\/[^/]+\/reports\/[^/]+\.md$/.test(p),
  );
  const texts = await Promise.all(paths.map((path) => files.readFile(path)));
  return paths.flatMap((path, i) => (texts[i] === undefined ? [] : [{ path, text: texts[i] }]));
}

/** A budget move the report proposes, for the team to apply to the strategy (or not). */
export const BudgetAmendmentData = z.object({
  report: z.string(),
  currency: z.string(),
  moves: z
    .array(
      z.object({
        from: z.string(),
        to: z.string(),
        amount: z.number().positive(),
        fromCostPerResult: z.number(),
        toCostPerResult: z.number(),
      }),
    )
    .min(1),
  lines: z.array(z.object({ channel: z.string(), before: z.number(), after: z.number() })),
  /** The line a pull request that applies it carries, for the strategy lock. */
  justification: z.string().startsWith('Strategy-Change-Justification:'),
});
export type BudgetAmendmentData = z.infer<typeof BudgetAmendmentData>;

export const amendmentsDir = (id: string): string => `campaigns/${id}/amendments`;
export const amendmentPath = (id: string, asOf: string): string => `${amendmentsDir(id)}/${asOf}-budget.md`;
