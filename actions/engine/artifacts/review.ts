import { z } from 'zod';

export const Finding = z.object({
  check: z.enum(['brand', 'accuracy', 'seo', 'cta', 'readiness']),
  severity: z.enum(['blocker', 'major', 'minor']),
  note: z.string().min(1),
});

export const ReviewData = z.object({
  summary: z.string().min(1),
  assets: z
    .array(
      z.object({
        path: z.string().min(1),
        verdict: z.enum(['approve', 'revise']).describe('approve: ready for distribution'),
        findings: z.array(Finding).describe('Every issue found; empty when none'),
        claimsToVerify: z.array(z.string()).describe('Factual claims a human must verify before publishing'),
      }),
    )
    .min(1),
});
export type ReviewData = z.infer<typeof ReviewData>;

export const reviewPath = (id: string): string => `campaigns/${id}/review.md`;
