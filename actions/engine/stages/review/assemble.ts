import type { AssetReview, Claim, Finding, FindingSeverity, ReviewData } from '../../artifacts/review.js';
import type { CheckResult } from './code-check.js';
import { normaliseText } from './locate.js';
import type { ModelReview } from './model-review.js';
import type { ReviewedAsset } from './reviewed-asset.js';

const RANK: Record<FindingSeverity, number> = { blocker: 0, major: 1, minor: 2 };

const byImportance = (a: Finding, b: Finding): number =>
  RANK[a.severity] - RANK[b.severity] || (a.line ?? 0) - (b.line ?? 0) || a.check.localeCompare(b.check);

/** What the model said about one asset, from this run or carried from the review it revises. */
export type ModelPart = Pick<ModelReview, 'summary' | 'findings' | 'claims' | 'error'>;

/**
 * One asset's review: code findings and the model's, a blocker from either sends it back. A model review that
 * failed is a blocker too: approval says tone and accuracy were read.
 */
export function assetReview(
  asset: ReviewedAsset,
  code: CheckResult,
  model: ModelPart | undefined,
): AssetReview {
  const findings: Finding[] = code.findings
    .filter((f) => f.path === asset.path)
    .map(({ path: _path, ...f }) => f);
  for (const f of model?.findings ?? []) findings.push({ ...f, by: 'model' });
  if (model?.error) {
    findings.push({
      check: 'accuracy',
      severity: 'blocker',
      by: 'code',
      message: `the model could not review this asset (${model.error.split('\n')[0]}): tone, accuracy and persuasiveness are unread; revise the review to try again`,
    });
  }
  findings.sort(byImportance);
  return {
    path: asset.path,
    ...(asset.type ? { type: asset.type } : {}),
    ...(asset.key ? { key: asset.key } : {}),
    verdict: findings.some((f) => f.severity === 'blocker') ? 'changes-requested' : 'approved',
    ...(model?.summary ? { summary: model.summary } : {}),
    findings,
  };
}

interface ClaimSource {
  path: string;
  line?: number;
  text: string;
  by: Claim['by'];
  kind: Claim['kind'];
}

/**
 * Claims across the campaign: one per statement (the same words in several assets are one claim, ticked
 * once), numbered C1, C2, … in asset order; a claim the revised review already had keeps its id, so ticks
 * made on it stay.
 */
export function numberClaims(sources: readonly ClaimSource[], previous: readonly Claim[] = []): Claim[] {
  const known = new Map(previous.map((c) => [normaliseText(c.text), c.id]));
  let next = Math.max(0, ...previous.map((c) => Number(c.id.slice(1)))) + 1;
  const claims = new Map<string, Claim>();
  for (const s of sources) {
    const key = normaliseText(s.text);
    const place = { path: s.path, ...(s.line ? { line: s.line } : {}) };
    const have = claims.get(key);
    if (have) {
      if (!have.at.some((p) => p.path === place.path && p.line === place.line)) have.at.push(place);
      continue;
    }
    const id = known.get(key) ?? `C${next++}`;
    claims.set(key, { id, text: s.text, by: s.by, kind: s.kind, at: [place] });
  }
  return [...claims.values()].sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)));
}

/** Claim sources of one asset: code's, then the model's. */
export function claimSources(
  asset: ReviewedAsset,
  code: CheckResult,
  model: ModelPart | undefined,
): ClaimSource[] {
  return [
    ...code.claims.filter((c) => c.path === asset.path).map((c) => ({ ...c, by: 'code' as const })),
    ...(model?.claims ?? []).map((c) => ({
      path: asset.path,
      text: c.text,
      by: 'model' as const,
      kind: 'fact' as const,
      ...(c.line ? { line: c.line } : {}),
    })),
  ];
}

/** The campaign's review: a summary written by code from the verdicts, the assets, the claims. */
export function reviewData(assets: AssetReview[], claims: Claim[]): ReviewData {
  const back = assets.filter((a) => a.verdict === 'changes-requested');
  const blockers = assets.reduce((n, a) => n + a.findings.filter((f) => f.severity === 'blocker').length, 0);
  const summary = [
    `${assets.length} assets reviewed: ${assets.length - back.length} approved, ${back.length} sent back for changes`,
    blockers ? ` (${blockers} blocker${blockers === 1 ? '' : 's'})` : '',
    `. ${claims.length} claim${claims.length === 1 ? '' : 's'} to verify before the assets stating them go out.`,
  ].join('');
  return { summary, assets, claims };
}

/** The model's part of an asset as the revised review recorded it (kept for assets not reviewed again). */
export function carriedModelPart(
  previous: AssetReview | undefined,
  claims: readonly Claim[],
  path: string,
): ModelPart {
  return {
    ...(previous?.summary ? { summary: previous.summary } : {}),
    findings: (previous?.findings ?? [])
      .filter((f) => f.by === 'model')
      .map((f) => ({
        check: f.check as ModelReview['findings'][number]['check'],
        severity: f.severity,
        message: f.message,
        quote: f.quote ?? '',
        ...(f.line ? { line: f.line } : {}),
      })),
    claims: claims
      .filter((c) => c.by === 'model')
      .flatMap((c) =>
        c.at
          .filter((p) => p.path === path)
          .map((p) => ({ text: c.text, quote: '', ...(p.line ? { line: p.line } : {}) })),
      ),
  };
}
