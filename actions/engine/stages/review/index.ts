import { contentDir, readContentFiles, withStatus } from '../../artifacts/asset.js';
import { readBrand } from '../../artifacts/brand.js';
import { addCost } from '../../artifacts/campaign-state.js';
import { readResearch } from '../../artifacts/research.js';
import { ReviewData, readReview, reviewCheckpoints, reviewPath } from '../../artifacts/review.js';
import { combineMarks, parseClaimMarks } from '../../artifacts/review-claims.js';
import { readStrategy } from '../../artifacts/strategy.js';
import { CrescendoError } from '../../errors.js';
import { renderArtifact } from '../../files/artifact-file.js';
import { bullets } from '../../files/markdown.js';
import { campaignSystem, dataBlock } from '../ask.js';
import type { ArtifactKind, Stage, StageContext, StageResult } from '../stage.js';
import { fileDiff } from './anchors.js';
import { assetReview, carriedModelPart, claimSources, numberClaims, reviewData } from './assemble.js';
import { CODE_CHECK_LIST } from './checks/index.js';
import type { CheckResult } from './code-check.js';
import { modelReviews } from './model-review.js';
import { pullRequestSummary, reviewBody, reviewDraft } from './render.js';
import { assignKeys, reviewedAsset } from './reviewed-asset.js';
import { reviewRound } from './round.js';
import { siteMap } from './site-map.js';

export { reviewCheckpoints };

export const reviewArtifact: ArtifactKind<ReviewData> = {
  kind: 'review',
  schema: ReviewData,
  checkpoints: (d) => reviewCheckpoints(d),
};

async function run(ctx: StageContext): Promise<StageResult> {
  const { brief } = ctx.campaign;
  const [base, brand, research, strategy] = await Promise.all([
    readContentFiles(ctx, brief.id),
    readBrand(ctx, brief),
    readResearch(ctx, brief.id).catch(() => undefined),
    readStrategy(ctx, brief.id).catch(() => undefined),
  ]);
  if (base.length === 0)
    throw new CrescendoError('there is no content to review', {
      where: `${contentDir(brief.id)}/`,
      fix: 'approve the content stage first',
    });
  const previous = ctx.revision ? await readReview(ctx.revision.branch, brief.id) : undefined;
  const round = await reviewRound(ctx, base, previous);
  const assets = assignKeys(round.current.map((f) => reviewedAsset(f, brand)));
  ctx.log(`  checking ${assets.length} assets by code (${CODE_CHECK_LIST.map((c) => c.id).join(', ')})`);
  const input = { campaignId: brief.id, brief, brand, assets, research, site: siteMap(brief, brand, assets) };
  const code: CheckResult = { findings: [], claims: [] };
  for (const check of CODE_CHECK_LIST) {
    const found = check.run(input);
    code.findings.push(...found.findings);
    code.claims.push(...found.claims);
  }
  const toModel = assets.filter((a) => round.reviewNow.has(a.path) && !a.problem);
  ctx.log(`  reviewing ${toModel.length} assets for tone, accuracy and persuasiveness`);
  const system = campaignSystem(
    ctx,
    'You are the content reviewer: tone, accuracy and persuasiveness, for this brand and audience.',
    [
      dataBlock(
        'brand-and-strategy',
        JSON.stringify(
          {
            brand,
            positioning: strategy?.positioning,
            objectives: strategy?.objectives,
            audience: research?.audience,
          },
          null,
          2,
        ),
      ),
    ],
  );
  const model = await modelReviews(ctx, toModel, brand, system, code.findings);
  const fresh = new Map(model.reviews.map((r) => [r.path, r]));
  const before = new Map((previous?.data.assets ?? []).map((a) => [a.path, a]));
  const parts = new Map(
    assets.map((a) => [
      a.path,
      fresh.get(a.path) ??
        (round.reviewNow.has(a.path)
          ? undefined
          : carriedModelPart(before.get(a.path), previous?.data.claims ?? [], a.path)),
    ]),
  );
  const reviews = assets.map((a) => assetReview(a, code, parts.get(a.path)));
  const claims = numberClaims(
    assets.flatMap((a) => claimSources(a, code, parts.get(a.path))),
    previous?.data.claims,
  );
  const data = reviewData(reviews, claims);
  const file = reviewPath(brief.id);
  const marks = combineMarks(
    parseClaimMarks(previous?.body ?? '', claims),
    parseClaimMarks(ctx.revision?.body ?? '', claims),
  );
  const verdicts = new Map(reviews.map((r) => [r.path, r.verdict]));
  const baseText = new Map(base.map((f) => [f.path, f.text]));
  const statusFiles = round.current.map((f) => ({
    path: f.path,
    content: withStatus(f, verdicts.get(f.path) ?? 'changes-requested'),
  }));
  const diffs = new Map(statusFiles.map((f) => [f.path, fileDiff(baseText.get(f.path), f.content)]));
  const draft = reviewDraft(data, round.reviewNow, diffs);
  const meta = {
    kind: 'review',
    campaign: brief.id,
    generated: ctx.now.toISOString(),
    sample: ctx.llm.isSample,
  };
  const approved = reviews.filter((r) => r.verdict === 'approved').length;
  return {
    files: [
      {
        path: file,
        content: renderArtifact(meta, { review: data }, reviewBody(data, marks, file, CODE_CHECK_LIST)),
      },
      ...statusFiles,
      ...round.passThrough,
    ],
    summary: [
      ...(round.notes.length ? [bullets(round.notes)] : []),
      pullRequestSummary(
        data,
        marks,
        file,
        `Crescendo's review of this run is posted on this pull request with ${draft.comments.length} inline comment${draft.comments.length === 1 ? '' : 's'}; ${approved} of ${reviews.length} assets approved.`,
      ),
    ].join('\n\n'),
    cost: addCost(model.cost, round.cost),
    keepsOtherFiles: true,
    review: draft,
  };
}

export const reviewStage: Stage = {
  name: 'review',
  title: 'Review',
  checklist: [
    'Brand compliance',
    'Facts verified',
    'SEO standards met',
    'Clear CTAs',
    'Ready for distribution',
  ],
  onMerge:
    "writes each asset's verdict into its status (approved or changes-requested); approved assets whose claims are ticked or waived are then scheduled for distribution",
  writes: (id) => [reviewPath(id), contentDir(id)],
  assetRevisions: { regenerateWith: 'content' },
  artifacts: [reviewArtifact as ArtifactKind<unknown>],
  run,
};
