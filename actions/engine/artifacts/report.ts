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

export const ReportData = z.object({
  period: z.object({ from: z.iso.date(), to: z.iso.date() }),
  kpis: z.array(
    z.object({
      channel: z.string(),
      metric: z.string(),
      target: z.number(),
      actual: z.number().nullable(),
      attainment: z.number().nullable(),
    }),
  ),
  roi: z.number().nullable(),
  top: z.array(z.string()),
  bottom: z.array(z.string()),
  analysis: Analysis,
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
