import type { BrandVoice } from '../../artifacts/brand.js';
import type { Brief } from '../../artifacts/brief.js';
import type { ResearchReport } from '../../artifacts/research.js';
import type { Claim, CODE_CHECKS, Finding, FindingSeverity } from '../../artifacts/review.js';
import type { ReviewedAsset } from './reviewed-asset.js';
import type { SiteMap } from './site-map.js';

/** What every code check reads: the campaign's assets and what they are held against. */
export interface ReviewInput {
  campaignId: string;
  brief: Brief;
  brand: BrandVoice;
  assets: readonly ReviewedAsset[];
  /** The approved research (sources, keyword difficulty and volume); undefined when it cannot be read. */
  research?: ResearchReport;
  /** Crescendo's own pages and their anchors, and the brief's pages by purpose. */
  site: SiteMap;
}

/** A finding of code, on an asset file. */
export interface CodeFinding extends Finding {
  path: string;
  by: 'code';
}

/** A statement a person must verify, where code found it. */
export interface CodeClaim {
  path: string;
  line?: number;
  text: string;
  kind: Claim['kind'];
}

export interface CheckResult {
  findings: CodeFinding[];
  claims: CodeClaim[];
}

/** One rule the review applies by code before any model reads the assets. */
export interface CodeCheck {
  id: (typeof CODE_CHECKS)[number];
  /** What it holds the assets to, in a sentence (shown in review.md). */
  rule: string;
  run(input: ReviewInput): CheckResult;
}

export const finding = (
  check: CodeCheck['id'],
  severity: FindingSeverity,
  asset: ReviewedAsset,
  line: number | undefined,
  message: string,
  quote?: string,
): CodeFinding => ({
  check,
  severity,
  by: 'code',
  path: asset.path,
  ...(line !== undefined ? { line } : {}),
  message,
  ...(quote ? { quote } : {}),
});

export const noResult = (): CheckResult => ({ findings: [], claims: [] });
