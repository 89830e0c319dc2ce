import { type ContentFile, contentDir, contentIndexPath, readContentFiles } from '../../artifacts/asset.js';
import { addCost, zeroCost } from '../../artifacts/campaign-state.js';
import type { BrandVoice } from '../../assets/index.js';
import { CrescendoError } from '../../errors.js';
import { bullets } from '../../files/markdown.js';
import type { FileChange } from '../../forge/forge.js';
import type { SystemBlock } from '../../llm/llm.js';
import { dataBlock } from '../ask.js';
import type { AssetRevision, Revision, StageContext, StageResult } from '../stage.js';
import type { PlannedAsset } from './asset-plan.js';
import { generateAssets } from './generate.js';

/** The markdown file a requested path names: itself, or the asset its companion HTML belongs to. */
function assetFile(path: string, files: readonly ContentFile[]): ContentFile | undefined {
  const clean = path.replace(/^\.?\//, '');
  return (
    files.find((f) => f.path === clean) ??
    files
      .filter((f) => clean.endsWith('.html') && clean.startsWith(f.path.replace(/\.md$/, '')))
      .sort((a, b) => b.path.length - a.path.length)[0]
  );
}

/**
 * The planned asset a file was made for: its `key` in the front matter, or (files from before keys) the
 * first planned asset of the same type, channel and date not taken by another file.
 */
function plannedFor(
  file: ContentFile,
  plan: readonly PlannedAsset[],
  files: readonly ContentFile[],
): PlannedAsset | undefined {
  if (typeof file.front.key === 'string') return plan.find((p) => p.key === file.front.key);
  const keyed = new Set(files.map((f) => f.front.key).filter((k): k is string => typeof k === 'string'));
  const sameAs = (f: ContentFile) => (p: PlannedAsset) =>
    p.type === f.front.type && p.channel === f.front.channel && p.date === String(f.front.date);
  const candidates = plan.filter((p) => sameAs(file)(p) && !keyed.has(p.key));
  const siblings = files.filter((f) => f.front.key === undefined && candidates.some(sameAs(f)));
  return candidates[siblings.indexOf(file)] ?? candidates[0];
}

/** The correction an asset's prompt gets: its current copy, and each note with the words of its line. */
function revisionNote(file: ContentFile, notes: AssetRevision['notes']): string {
  const lines = file.text.split('\n');
  const points = notes.map((n) => {
    const said = n.line ? lines[n.line - 1]?.trim().slice(0, 240) : undefined;
    return n.line ? `- On line ${n.line}${said ? ` (“${said}”)` : ''}: ${n.text}` : `- ${n.text}`;
  });
  return `\n\nThis asset is being revised. Its current version:\n${dataBlock('current-version', JSON.stringify(file.front.asset ?? {}, null, 2))}\nThe reviewers asked for these changes. Address every point and keep what they did not ask to change:\n${dataBlock('reviewer-feedback', points.join('\n'))}`;
}

/** Companion files (HTML) of an asset file: `<base>.html`, `<base>-b.html`, `<base>-email-2-b.html`. */
const companionsOf = (mdPath: string, all: readonly string[]): string[] => {
  const base = mdPath.replace(/\.md$/, '');
  return all.filter(
    (p) => p.startsWith(base) && /^(?:-[a-z]|-email-\d+(?:-[a-z])?)?\.html$/.test(p.slice(base.length)),
  );
};

/**
 * Regenerates only the assets a revision names, each with its own feedback, and keeps every other file as it
 * is: the same plan as a full run, the named keys made again. An asset whose slug changes moves: its old
 * file and companions are removed, and the content index points at the new name.
 */
export async function regenerateNamedAssets(
  ctx: StageContext,
  revision: Revision,
  plan: readonly PlannedAsset[],
  brand: BrandVoice,
  system: SystemBlock[],
): Promise<StageResult> {
  const id = ctx.campaign.brief.id;
  const files = await readContentFiles(revision.branch, id);
  const all = await revision.branch.listFiles(contentDir(id));
  const wanted: { file: ContentFile; planned: PlannedAsset; notes: AssetRevision['notes'] }[] = [];
  for (const asked of revision.assets) {
    const file = assetFile(asked.path, files);
    const planned = file ? plannedFor(file, plan, files) : undefined;
    if (!file || !planned) {
      throw new CrescendoError(`${asked.path} is not an asset of this campaign's plan`, {
        fix: `name one of: ${files.map((f) => f.path).join(', ')}`,
      });
    }
    const have = wanted.find((w) => w.file.path === file.path);
    if (have) have.notes.push(...asked.notes);
    else wanted.push({ file, planned, notes: [...asked.notes] });
  }
  const notes = new Map(wanted.map((w) => [w.planned.key, revisionNote(w.file, w.notes)]));
  ctx.log(`  regenerating ${wanted.length} asset(s) with the reviewers' feedback`);
  const { produced } = await generateAssets(
    { ...ctx, feedback: [] },
    wanted.map((w) => w.planned),
    brand,
    system,
    { notes },
  );
  const failed = produced.filter((p) => p.error);
  if (failed.length === produced.length) {
    throw new CrescendoError('no named asset could be regenerated', {
      problems: failed.map((f) => ({ where: f.asset.key, message: f.error ?? '' })),
    });
  }
  const changes: FileChange[] = [];
  let index = await revision.branch.readFile(contentIndexPath(id));
  for (const p of produced.filter((x) => x.path)) {
    const old = wanted.find((w) => w.planned.key === p.asset.key)!.file.path;
    const written = new Set(p.files.map((f) => f.path));
    changes.push(...p.files);
    for (const gone of [old, ...companionsOf(old, all)].filter((path) => !written.has(path))) {
      changes.push({ path: gone, content: null });
    }
    if (index && p.path && p.path !== old) {
      const rel = (path: string) => path.replace(`${contentDir(id)}/`, '');
      index = index
        .replaceAll(rel(old), rel(p.path))
        .replaceAll(old.split('/').pop()!, p.path.split('/').pop()!);
    }
  }
  if (index && index !== (await revision.branch.readFile(contentIndexPath(id)))) {
    changes.push({ path: contentIndexPath(id), content: index });
  }
  return {
    files: changes,
    summary: bullets([
      ...produced.filter((p) => p.path).map((p) => `Regenerated \`${p.path}\` (${p.asset.key})`),
      ...failed.map((f) => `**Not regenerated:** ${f.asset.key}: ${f.error?.split('\n')[0]}`),
    ]),
    cost: produced.reduce((sum, p) => addCost(sum, p.cost), zeroCost()),
    items: produced.map((p) => ({
      key: p.asset.key,
      cost: p.cost,
      ...(p.path ? { path: p.path } : {}),
      ...(p.error ? { error: p.error } : {}),
    })),
    keepsOtherFiles: true,
  };
}
