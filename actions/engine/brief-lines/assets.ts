import type { AssetRequestLine, LandingPage } from '../artifacts/brief-parts.js';
import { type AssetRead, readAsset, splitAssetLine } from './asset.js';
import { assetNoun } from './asset-type.js';
import { accept, ask, type LineProblem, type LineRead, type LinesRead, type SourceLine } from './result.js';

/** Reads an asset line that may list several types: `8 blog posts, 2 lead magnets (ebook, template)`. */
export function readAssetLine(text: string): LineRead<AssetRead[]> {
  const out: AssetRead[] = [];
  for (const part of splitAssetLine(text)) {
    const read = readAsset(part, text);
    if (!read.ok) return read;
    out.push(read.value);
  }
  return accept(out);
}

export interface AssetsRead extends LinesRead<AssetRequestLine> {
  landingPages: { line: number; value: LandingPage }[];
}

/**
 * Every asset request of an answer, each with its line. Social posts for different networks on separate
 * lines ("20 LinkedIn posts", "20 tweets") become one request split across both; a line that promotes
 * another type ("LinkedIn ads for both lead magnets") takes its count and names from that type's line.
 */
export function readAssetLines(lines: readonly SourceLine[], field = 'assets'): AssetsRead {
  const problems: LineProblem[] = [];
  const reads: { line: number; text: string; read: AssetRead }[] = [];
  for (const { line, text } of lines) {
    const read = readAssetLine(text);
    if (read.ok) for (const value of read.value) reads.push({ line, text, read: value });
    else problems.push({ field, line, text, message: read.message, question: read.question });
  }
  const merged = mergeSocial(reads);
  for (const entry of merged) {
    const pending = entry.read.countFromPromoted;
    const promotes = entry.read.request.promotes;
    if (!pending || !promotes) continue;
    const target = merged.find((other) => other.read.request.type === promotes);
    const noun = assetNoun(promotes, 2);
    if (!target) {
      const fix = ask(entry.text, `which ${noun}? The brief asks for none; add a line such as \`2 ${noun}\``);
      problems.push({ field, line: entry.line, text: entry.text, message: fix.message, question: true });
      continue;
    }
    const { count, names } = target.read.request;
    if (pending === 'both' && count !== 2) {
      const fix = ask(
        entry.text,
        `"both" ${noun}, but the brief asks for ${count}: how many ads, for which?`,
      );
      problems.push({ field, line: entry.line, text: entry.text, message: fix.message, question: true });
      continue;
    }
    entry.read.request.count = count;
    if (names && !entry.read.request.names) entry.read.request.names = [...names];
  }
  return {
    values: merged.map((e) => ({ line: e.line, value: e.read.request })),
    landingPages: merged.flatMap((e) => e.read.landingPages.map((value) => ({ line: e.line, value }))),
    problems,
  };
}

type Entry = { line: number; text: string; read: AssetRead };

/** Social posts named per network on several lines, merged into one split request. */
function mergeSocial(reads: readonly Entry[]): Entry[] {
  const out: Entry[] = [];
  for (const entry of reads) {
    const request = entry.read.request;
    const into = out.find((e) => canMerge(e.read.request, request));
    if (!into) {
      out.push({ ...entry, read: { ...entry.read, request: { ...request } } });
      continue;
    }
    const target = into.read.request;
    const shares = [...sharesOf(target), ...sharesOf(request)];
    const notes = [...(target.notes ?? []), ...(request.notes ?? [])];
    const { platform: _drop, ...rest } = target;
    into.read.request = {
      ...rest,
      count: target.count + request.count,
      platforms: shares,
      ...(notes.length ? { notes } : {}),
    };
  }
  return out;
}

function sharesOf(request: AssetRequestLine) {
  if (request.platforms) return request.platforms;
  return request.platform ? [{ platform: request.platform, count: request.count }] : [];
}

function canMerge(a: AssetRequestLine, b: AssetRequestLine): boolean {
  if (a.type !== 'social-post' || b.type !== 'social-post') return false;
  const left = sharesOf(a).map((s) => s.platform);
  const right = sharesOf(b).map((s) => s.platform);
  if (left.length === 0 || right.length === 0 || left.some((p) => right.includes(p))) return false;
  return a.maxLength === b.maxLength && !a.names && !b.names && !a.promotes && !b.promotes;
}
