import { z } from 'zod';
import { AssetType } from '../assets/asset-type.js';
import type { Problem } from '../errors.js';
import { parseArtifact } from '../files/artifact-file.js';
import { readFrontMatter } from '../files/front-matter.js';
import type { RepoFiles } from '../files/repo-files.js';
import { readContentFiles } from './asset.js';
import { type ClaimMark, combineMarks, parseClaimMarks } from './review-claims.js';

/*
 * The review of a campaign's content, `campaigns/<id>/review.md`: per asset its findings (each with the
 * line of the asset file it is about) and a verdict, and the campaign's claims to verify. Code checks come
 * first and decide what they cover; the model judges only what code cannot (tone, accuracy, persuasiveness).
 * Whether an asset may go out is `approvedForDistribution` below; how claims are ticked, review-claims.ts.
 */

/** What code decides: a model finding never contradicts these. */
export const CODE_CHECKS = [
  'limits',
  'links',
  'cta',
  'facts',
  'sources',
  'consistency',
  'brand',
  'seo',
] as const;
/** What only the model judges. */
export const MODEL_CHECKS = ['tone', 'accuracy', 'persuasiveness'] as const;

export const FindingCheck = z.enum([...CODE_CHECKS, ...MODEL_CHECKS]);
export type FindingCheck = z.infer<typeof FindingCheck>;

/** `blocker` keeps the asset from approval; `major` and `minor` are for the person who merges. */
export const FindingSeverity = z.enum(['blocker', 'major', 'minor']);
export type FindingSeverity = z.infer<typeof FindingSeverity>;

export const Finding = z.object({
  check: FindingCheck,
  severity: FindingSeverity,
  by: z.enum(['code', 'model']),
  /** 1-based line of the asset file as committed; absent when the finding is about the whole file. */
  line: z.number().int().positive().optional(),
  message: z.string().min(1),
  /** The words of the asset the finding is about. */
  quote: z.string().optional(),
});
export type Finding = z.infer<typeof Finding>;

/** Where a claim is stated: an asset file and its line. */
export const ClaimPlace = z.object({ path: z.string().min(1), line: z.number().int().positive().optional() });
export type ClaimPlace = z.infer<typeof ClaimPlace>;

/**
 * A factual statement a person must verify before the assets stating it go out: product claims that no
 * product fact in brand.yml backs, statistics, facts about the world. Stated the same way in several assets,
 * it is one claim (ticked once).
 */
export const Claim = z.object({
  id: z.string().regex(/^C\d+$/, 'claim ids are C1, C2, …'),
  text: z.string().min(1),
  by: z.enum(['code', 'model']),
  kind: z.enum(['product', 'statistic', 'fact']),
  at: z.array(ClaimPlace).min(1),
});
export type Claim = z.infer<typeof Claim>;

/** The verdict is the asset's new status: the review PR writes it into the asset's `status:` line. */
export const AssetVerdict = z.enum(['approved', 'changes-requested']);
export type AssetVerdict = z.infer<typeof AssetVerdict>;

export const AssetReview = z.object({
  path: z.string().min(1),
  type: AssetType.optional(),
  /** The content plan's key (`blog-post/2`). */
  key: z.string().optional(),
  verdict: AssetVerdict,
  /** The model's one-line judgement, when the model reviewed it. */
  summary: z.string().optional(),
  findings: z.array(Finding),
});
export type AssetReview = z.infer<typeof AssetReview>;

export const ReviewData = z.object({
  summary: z.string().min(1),
  assets: z.array(AssetReview).min(1),
  claims: z.array(Claim).default([]),
});
export type ReviewData = z.infer<typeof ReviewData>;

export const reviewPath = (id: string): string => `campaigns/${id}/review.md`;

/** Ends every inline comment Crescendo's review posts, so a revision reads only people's comments. */
export const REVIEW_COMMENT_MARKER = '<!-- crescendo:finding -->';

/** The rules `crescendo check` holds a hand-edited review to, beyond its schema. */
export function reviewCheckpoints(data: ReviewData, expectedPaths?: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  data.assets.forEach((a, i) => {
    if (seen.has(a.path))
      problems.push({ where: `assets[${i}].path`, message: `${a.path} is reviewed twice` });
    seen.set(a.path, i);
    if (a.verdict === 'approved' && a.findings.some((f) => f.severity === 'blocker')) {
      problems.push({
        where: `assets[${i}].verdict`,
        message: 'an asset with a blocker finding cannot be approved',
      });
    }
  });
  for (const path of expectedPaths ?? []) {
    if (!seen.has(path)) problems.push({ where: 'assets', message: `${path} has no review` });
  }
  if (expectedPaths) {
    for (const path of seen.keys()) {
      if (!expectedPaths.includes(path))
        problems.push({ where: 'assets', message: `${path} is not an asset of this campaign` });
    }
  }
  const ids = new Set<string>();
  data.claims.forEach((claim, i) => {
    if (ids.has(claim.id)) problems.push({ where: `claims[${i}].id`, message: `${claim.id} is used twice` });
    ids.add(claim.id);
    claim.at.forEach((place, j) => {
      if (!seen.has(place.path))
        problems.push({ where: `claims[${i}].at[${j}].path`, message: `${place.path} is not reviewed here` });
    });
  });
  return problems;
}

/** A review file as stored: its data and its body (where people tick the claims). */
export interface ReviewFile {
  data: ReviewData;
  body: string;
}

export function parseReviewFile(text: string, path: string): ReviewFile {
  return { data: parseArtifact(text, path, 'review', ReviewData), body: readFrontMatter(text, path).body };
}

/** The campaign's review at a ref of `files` (the default branch for stage contexts), or undefined. */
export async function readReview(
  files: Pick<RepoFiles, 'readFile'>,
  campaignId: string,
): Promise<ReviewFile | undefined> {
  const path = reviewPath(campaignId);
  const text = await files.readFile(path);
  return text ? parseReviewFile(text, path) : undefined;
}

/** Which assets may go out, and why the others wait. */
export interface DistributionGate {
  /** Asset paths approved by the review whose every claim is verified or waived, in path order. */
  approved: string[];
  held: { path: string; reason: string }[];
  /** Claims that were waived rather than verified, with the reason given. */
  waived: { id: string; text: string; reason?: string }[];
}

/**
 * The distribution gate, pure: an asset goes out when its file says `status: approved` (the merged review
 * wrote it) and every claim stated in it is ticked or waived, in review.md or in the body of the pull request
 * that approved the review (`approvalBody`).
 */
export function distributionGate(
  assets: readonly { path: string; status: unknown }[],
  review: ReviewFile | undefined,
  approvalBody?: string,
): DistributionGate {
  const claims = review?.data.claims ?? [];
  const marks = combineMarks(
    parseClaimMarks(review?.body ?? '', claims),
    parseClaimMarks(approvalBody ?? '', claims),
  );
  const stateOf = (id: string): ClaimMark => marks.get(id) ?? { state: 'open' };
  const reviewed = new Set(review?.data.assets.map((a) => a.path) ?? []);
  const gate: DistributionGate = { approved: [], held: [], waived: [] };
  for (const asset of [...assets].sort((a, b) => a.path.localeCompare(b.path))) {
    if (asset.status !== 'approved') {
      gate.held.push({ path: asset.path, reason: `its status is ${String(asset.status)}, not approved` });
    } else if (!reviewed.has(asset.path)) {
      gate.held.push({ path: asset.path, reason: 'the review does not cover it' });
    } else {
      const open = claims.filter(
        (c) => c.at.some((p) => p.path === asset.path) && stateOf(c.id).state === 'open',
      );
      if (open.length > 0) {
        gate.held.push({
          path: asset.path,
          reason: `claims not verified: ${open.map((c) => c.id).join(', ')}`,
        });
      } else gate.approved.push(asset.path);
    }
  }
  for (const claim of claims) {
    const mark = stateOf(claim.id);
    if (mark.state === 'waived')
      gate.waived.push({ id: claim.id, text: claim.text, ...(mark.reason ? { reason: mark.reason } : {}) });
  }
  return gate;
}

/**
 * What the distribution stage may schedule: reads the campaign's assets and review from `files` (the
 * default branch) and applies `distributionGate`. Pass the body of the merged review pull request
 * (`StageContext.approval.body`) so ticks made there count.
 */
export async function approvedForDistribution(
  files: Pick<RepoFiles, 'readFile' | 'listFiles'>,
  campaignId: string,
  options: { approvalBody?: string } = {},
): Promise<DistributionGate> {
  const [assets, review] = await Promise.all([
    readContentFiles(files, campaignId),
    readReview(files, campaignId),
  ]);
  return distributionGate(
    assets.map((a) => ({ path: a.path, status: a.front.status })),
    review,
    options.approvalBody,
  );
}
