import { z } from 'zod';
import { readArtifact } from '../files/artifact-file.js';
import type { RepoFiles } from '../files/repo-files.js';

const SourceIds = z.array(z.string()).describe('Ids of the sources this rests on, e.g. ["S1"]');

export const Source = z.object({
  id: z.string().regex(/^S\d+$/, 'source ids are S1, S2, …'),
  title: z.string().min(1),
  url: z.string().optional(),
  kind: z
    .enum(['web', 'keyword-file', 'report', 'model-knowledge'])
    .describe('model-knowledge: from training data, not retrieved; shown as unverified'),
  retrieved: z.string().optional().describe('yyyy-mm-dd when retrieved'),
});

export type Source = z.infer<typeof Source>;

export const ResearchData = z.object({
  summary: z.string().min(40),
  sources: z.array(Source).min(1),
  competitors: z
    .array(
      z.object({
        name: z.string().min(1),
        positioning: z.string().min(1),
        offer: z.string().min(1).describe('Offer and pricing as publicly stated, or "unknown"'),
        channels: z.array(z.string()).min(1),
        strengths: z.array(z.string().min(1)).min(1),
        weaknesses: z.array(z.string().min(1)).min(1),
        sources: SourceIds,
      }),
    )
    .describe('3–5 competitor profiles'),
  audience: z.object({
    painPoints: z.array(z.object({ text: z.string().min(1), sources: SourceIds })).min(1),
    motivations: z.array(z.object({ text: z.string().min(1), sources: SourceIds })).min(1),
  }),
  trends: z
    .array(z.object({ title: z.string().min(1), whyItMatters: z.string().min(1), sources: SourceIds }))
    .describe('5–10 market trends relevant to this campaign'),
  keywords: z
    .array(
      z.object({
        keyword: z.string().min(1),
        monthlySearchVolume: z.number().int().nonnegative(),
        volumeSource: z.string().min(1).describe('A source id (S3) for the figure, or "estimate"'),
        intent: z.enum(['informational', 'commercial', 'transactional', 'navigational']),
        difficulty: z.number().min(0).max(100).optional(),
      }),
    )
    .min(3),
  insights: z
    .array(
      z.object({
        insight: z.string().min(1),
        action: z.string().min(1).describe('What the campaign should do about it'),
        basedOn: z
          .array(z.string())
          .min(1)
          .describe('Findings it rests on: competitors[0], trends[2], keywords[1], …'),
      }),
    )
    .min(3),
  sinceLastCycle: z
    .array(z.object({ text: z.string().min(1), sources: SourceIds }))
    .optional()
    .describe('What changed since the last cycle, from the earlier measurement reports given (cite them)'),
});
export type ResearchData = z.infer<typeof ResearchData>;

/** What the report stores: the model's research plus what code computed around it. */
export const ResearchReport = ResearchData.extend({
  retrievalFailures: z
    .array(z.object({ tool: z.enum(['web_search', 'web_fetch']), target: z.string(), reason: z.string() }))
    .optional(),
  keywordData: z
    .object({
      files: z.array(z.string()),
      sourceIds: z.array(z.string()),
      clusters: z.array(
        z.object({
          name: z.string(),
          keywords: z.array(z.string()),
          totalVolume: z.number(),
          score: z.number(),
        }),
      ),
      warnings: z.array(z.string()),
      /** Each keyword's measured volume and the file source giving it, so `crescendo check` can hold edits to it. */
      volumes: z
        .array(
          z.object({ keyword: z.string(), volume: z.number().int().nonnegative(), sourceId: z.string() }),
        )
        .optional(),
    })
    .optional(),
  pastReports: z
    .array(
      z.object({
        path: z.string(),
        campaign: z.string(),
        period: z.object({ from: z.string(), to: z.string() }),
        headline: z.string(),
        roi: z.number().nullable(),
        sourceId: z.string(),
      }),
    )
    .optional(),
});
export type ResearchReport = z.infer<typeof ResearchReport>;

const FINDING = /^(competitors|trends|keywords|audience\.painPoints|audience\.motivations)\[(\d+)\]$/;

/** Resolves `trends[2]` style references against the research; used by strategy too. */
export function findingExists(research: ResearchData, ref: string): boolean {
  const match = FINDING.exec(ref.trim());
  if (!match) return false;
  const list =
    match[1] === 'audience.painPoints'
      ? research.audience.painPoints
      : match[1] === 'audience.motivations'
        ? research.audience.motivations
        : research[match[1] as 'competitors' | 'trends' | 'keywords'];
  return Number(match[2]) < list.length;
}

export const researchPath = (id: string): string => `plans/reports/${id}-research.md`;

/** The approved research report of a campaign (default branch). */
export async function readResearch(files: RepoFiles, campaignId: string): Promise<ResearchReport> {
  return readArtifact(files, researchPath(campaignId), 'research', ResearchReport, {
    missing: 'the approved research report is missing',
    fix: 'approve the research stage first',
  });
}
