import { contentDir, readContentFiles, withStatus } from '../../artifacts/asset.js';
import { readBrand } from '../../artifacts/brand.js';
import { ReviewData, reviewPath } from '../../artifacts/review.js';
import { CrescendoError, type Problem } from '../../errors.js';
import { renderArtifact } from '../../files/artifact-file.js';
import { bullets, table } from '../../files/markdown.js';
import { ask, campaignSystem, dataBlock, feedbackBlock } from '../ask.js';
import type { ArtifactKind, Stage, StageContext } from '../stage.js';

export function reviewCheckpoints(data: ReviewData, expectedPaths?: string[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  data.assets.forEach((a, i) => {
    if (seen.has(a.path))
      problems.push({ where: `assets[${i}].path`, message: `${a.path} is reviewed twice` });
    seen.set(a.path, i);
    if (a.verdict === 'approve' && a.findings.some((f) => f.severity === 'blocker')) {
      problems.push({
        where: `assets[${i}].verdict`,
        message: 'an asset with a blocker finding cannot be approved',
      });
    }
  });
  for (const path of expectedPaths ?? []) {
    if (!seen.has(path)) problems.push({ where: 'assets', message: `${path} has no review` });
  }
  for (const path of seen.keys()) {
    if (expectedPaths && !expectedPaths.includes(path))
      problems.push({ where: 'assets', message: `${path} is not an asset of this campaign` });
  }
  return problems;
}

export const reviewArtifact: ArtifactKind<ReviewData> = {
  kind: 'review',
  schema: ReviewData,
  checkpoints: (d) => reviewCheckpoints(d),
};

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
  onMerge: 'approves the assets marked approved; Crescendo then schedules them for distribution',
  writes: (id) => [reviewPath(id), contentDir(id)],
  artifacts: [reviewArtifact as ArtifactKind<unknown>],
  async run(ctx: StageContext) {
    const { brief } = ctx.campaign;
    const [files, brand] = await Promise.all([
      readContentFiles(ctx, ctx.campaign.brief.id),
      readBrand(ctx, ctx.campaign.brief),
    ]);
    if (files.length === 0)
      throw new CrescendoError('there is no content to review', {
        where: `${contentDir(brief.id)}/`,
        fix: 'approve the content stage first',
      });
    const paths = files.map((f) => f.path);
    ctx.log(`  reviewing ${files.length} assets for brand, accuracy, SEO and CTAs`);
    const { data, cost } = await ask(ctx, 'review', {
      task: 'review',
      system: campaignSystem(
        ctx,
        'You are the content reviewer: brand compliance, fact-checking, SEO, conversion.',
        [dataBlock('brand-voice', JSON.stringify(brand, null, 2))],
      ),
      prompt: `Review every asset below. For each: findings (brand, accuracy, seo, cta, readiness) with severity, the factual claims a human must verify, and a verdict (approve only when ready to distribute). Review exactly the paths listed below.\n\n${dataBlock('paths-to-review', paths.join('\n'))}\n\n${files
        .map((f) => dataBlock(f.path, f.text))
        .join('\n\n')}${feedbackBlock(ctx)}`,
      schema: ReviewData,
      check: (d) => reviewCheckpoints(d, paths),
    });
    const verdicts = new Map(data.assets.map((a) => [a.path, a.verdict]));
    // The review PR carries each asset's new status, so merging it is the content approval.
    const statusChanges = files.map((f) => ({
      path: f.path,
      content: withStatus(f, verdicts.get(f.path) === 'approve' ? 'approved' : 'changes-requested'),
    }));
    const approved = data.assets.filter((a) => a.verdict === 'approve').length;
    const meta = {
      kind: 'review',
      campaign: brief.id,
      generated: ctx.now.toISOString(),
      sample: ctx.llm.isSample,
    };
    const body = [
      '# Content review',
      data.summary,
      table(
        ['Asset', 'Verdict', 'Blockers', 'Major', 'Minor'],
        data.assets.map((a) => [
          a.path,
          a.verdict,
          ...(['blocker', 'major', 'minor'] as const).map(
            (s) => a.findings.filter((f) => f.severity === s).length,
          ),
        ]),
      ),
      ...data.assets.map((a) =>
        [
          `## ${a.path}`,
          `Verdict: **${a.verdict}**`,
          a.findings.length
            ? bullets(a.findings.map((f) => `${f.severity} · ${f.check}: ${f.note}`))
            : 'No findings.',
          a.claimsToVerify.length
            ? `Claims to verify before publishing:\n\n${bullets(a.claimsToVerify.map((c) => `[ ] ${c}`))}`
            : '',
        ]
          .filter(Boolean)
          .join('\n\n'),
      ),
    ].join('\n\n');
    return {
      files: [
        { path: reviewPath(brief.id), content: renderArtifact(meta, { review: data }, body) },
        ...statusChanges,
      ],
      summary: bullets([
        `${approved} of ${data.assets.length} assets approved by the reviewer; the rest are marked changes-requested`,
        '**Approval gate:** merging approves the assets marked approved for distribution.',
      ]),
      cost,
    };
  },
};
