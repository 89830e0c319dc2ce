import { type ContentFile, contentDir, contentIndexPath, readContentFiles } from '../../artifacts/asset.js';
import { type StageCost, zeroCost } from '../../artifacts/campaign-state.js';
import type { ReviewFile } from '../../artifacts/review.js';
import { CrescendoError } from '../../errors.js';
import { readFrontMatter } from '../../files/front-matter.js';
import type { FileChange } from '../../forge/forge.js';
import type { AssetRevision, StageContext } from '../stage.js';

/** What one run of the review works on. */
export interface ReviewRound {
  /** The asset files as they will be after this run: the branch's, with regenerated ones in place. */
  current: ContentFile[];
  /** Assets the model reviews in this run: all of them, or the ones a revision regenerated. */
  reviewNow: Set<string>;
  /** Files the regeneration wrote besides asset markdown (HTML, the content index) and what it removed. */
  passThrough: FileChange[];
  cost: StageCost;
  /** Lines for the pull request: what was regenerated. */
  notes: string[];
}

const asContentFile = (path: string, text: string): ContentFile => {
  const doc = readFrontMatter(text, path);
  return { path, text, front: doc.data, body: doc.body };
};

/** The asset file a requested path means: itself, or the markdown its companion (HTML) belongs to. */
export function assetFileOf(path: string, files: readonly { path: string }[]): string | undefined {
  const clean = path.replace(/^\.?\//, '').replace(/:\d+$/, '');
  if (files.some((f) => f.path === clean)) return clean;
  return files
    .map((f) => f.path)
    .filter((p) => clean.startsWith(p.replace(/\.md$/, '')) && clean.endsWith('.html'))
    .sort((a, b) => b.length - a.length)[0];
}

/** Assets to regenerate: those named, and with `changesRequested` every one the review sent back. */
function targetsOf(
  ctx: StageContext,
  files: readonly ContentFile[],
  previous: ReviewFile | undefined,
): AssetRevision[] {
  const revision = ctx.revision;
  if (!revision) return [];
  const byPath = new Map<string, AssetRevision>();
  const add = (path: string, notes: AssetRevision['notes']) => {
    const have = byPath.get(path);
    if (have) have.notes.push(...notes);
    else byPath.set(path, { path, notes: [...notes] });
  };
  for (const asked of revision.assets) {
    const path = assetFileOf(asked.path, files);
    if (!path) {
      throw new CrescendoError(`${asked.path} is not an asset of this campaign`, {
        fix: `name one of: ${files.map((f) => f.path).join(', ')}`,
      });
    }
    add(path, asked.notes);
  }
  if (revision.changesRequested) {
    const sentBack = (previous?.data.assets ?? []).filter((a) => a.verdict === 'changes-requested');
    if (sentBack.length === 0 && byPath.size === 0) {
      throw new CrescendoError('no asset is marked changes-requested', {
        fix: 'name the asset to revise: /crescendo revise <asset path> <what to change>',
      });
    }
    for (const a of sentBack) {
      if (!files.some((f) => f.path === a.path)) continue;
      add(
        a.path,
        a.findings
          .filter((f) => f.severity !== 'minor')
          .map((f) => ({
            text: `${f.severity} (${f.check}): ${f.message}`,
            ...(f.line ? { line: f.line } : {}),
          })),
      );
    }
  }
  const general = ctx.feedback.map((text) => ({ text }));
  return [...byPath.values()].map((t) => ({ ...t, notes: [...t.notes, ...general] }));
}

/**
 * The round: on a first run every asset as approved on the default branch; on a revision the branch's
 * assets, and when the revision names assets, those regenerated (by the content stage, through the runner)
 * and only those reviewed by the model again.
 */
export async function reviewRound(
  ctx: StageContext,
  base: readonly ContentFile[],
  previous: ReviewFile | undefined,
): Promise<ReviewRound> {
  const id = ctx.campaign.brief.id;
  const revision = ctx.revision;
  const everything = (files: ContentFile[]): ReviewRound => ({
    current: files,
    reviewNow: new Set(files.map((f) => f.path)),
    passThrough: [],
    cost: zeroCost(),
    notes: [],
  });
  if (!revision) return everything([...base]);
  const branchFiles = await readContentFiles(revision.branch, id);
  const targets = targetsOf(ctx, branchFiles, previous);
  if (targets.length === 0) return everything(branchFiles);
  if (!revision.regenerate) throw new CrescendoError('this run cannot regenerate assets');
  ctx.log(`  regenerating ${targets.length} asset(s): ${targets.map((t) => t.path).join(', ')}`);
  const made = await revision.regenerate(targets);
  const current = new Map(branchFiles.map((f) => [f.path, f]));
  const reviewNow = new Set<string>();
  const passThrough: FileChange[] = [];
  const isAsset = (p: string) =>
    p.startsWith(`${contentDir(id)}/`) && p.endsWith('.md') && p !== contentIndexPath(id);
  for (const change of made.files) {
    if (change.content === null) {
      current.delete(change.path);
      passThrough.push(change);
    } else if (isAsset(change.path)) {
      current.set(change.path, asContentFile(change.path, change.content));
      reviewNow.add(change.path);
    } else passThrough.push(change);
  }
  return {
    current: [...current.values()].sort((a, b) => a.path.localeCompare(b.path)),
    reviewNow,
    passThrough,
    cost: made.cost,
    notes: [
      `Regenerated with the reviewers' feedback: ${[...reviewNow].map((p) => `\`${p}\``).join(', ') || 'none'}`,
      made.summary,
    ],
  };
}
