/*
 * Where a review comment can sit. GitHub anchors review comments on the pull request's diff: a changed line
 * or one of the 3 context lines git shows around it (`side: RIGHT`); any other line fails the whole review.
 * The review PR changes only `status:` lines, so a finding elsewhere in the file is placed on the file's
 * first changed line and names its own line in the text. A file the PR adds (a regenerated asset under a
 * new name) is all diff.
 */

/** Lines of context git shows around a change (its default, and GitHub's). */
export const CONTEXT_LINES = 3;

/** 1-based line numbers of `head` that differ from `base` (a longest-common-subsequence diff). */
export function changedLines(base: string | undefined, head: string): number[] {
  const b = base === undefined ? [] : base.split('\n');
  const h = head.split('\n');
  if (base === undefined) return h.map((_, i) => i + 1);
  let start = 0;
  while (start < b.length && start < h.length && b[start] === h[start]) start++;
  let endB = b.length;
  let endH = h.length;
  while (endB > start && endH > start && b[endB - 1] === h[endH - 1]) {
    endB--;
    endH--;
  }
  const midB = b.slice(start, endB);
  const midH = h.slice(start, endH);
  if (midH.length === 0) return [];
  if (midB.length === 0 || midB.length * midH.length > 4_000_000) {
    return midH.map((_, i) => start + i + 1);
  }
  // lengths[i][j]: LCS of midB[i..] and midH[j..].
  const lengths = Array.from({ length: midB.length + 1 }, () => new Uint32Array(midH.length + 1));
  for (let i = midB.length - 1; i >= 0; i--) {
    for (let j = midH.length - 1; j >= 0; j--) {
      lengths[i]![j] =
        midB[i] === midH[j]
          ? lengths[i + 1]![j + 1]! + 1
          : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const changed: number[] = [];
  let i = 0;
  let j = 0;
  while (j < midH.length) {
    if (i < midB.length && midB[i] === midH[j]) {
      i++;
      j++;
    } else if (i < midB.length && lengths[i + 1]![j]! >= lengths[i]![j + 1]!) i++;
    else {
      changed.push(start + j + 1);
      j++;
    }
  }
  return changed;
}

/** The diff's hunks on the new side: each changed line with its context, overlapping ranges merged. */
export function rightHunks(changed: readonly number[], lineCount: number): [number, number][] {
  const hunks: [number, number][] = [];
  for (const line of [...changed].sort((a, b) => a - b)) {
    const from = Math.max(1, line - CONTEXT_LINES);
    const to = Math.min(lineCount, line + CONTEXT_LINES);
    const last = hunks.at(-1);
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else hunks.push([from, to]);
  }
  return hunks;
}

export interface FileDiff {
  hunks: [number, number][];
  /** The first changed line: where a finding on a line outside the diff is placed. */
  firstChanged?: number;
}

export function fileDiff(base: string | undefined, head: string): FileDiff {
  const changed = changedLines(base, head);
  const hunks = rightHunks(changed, head.split('\n').length);
  return { hunks, ...(changed[0] !== undefined ? { firstChanged: changed[0] } : {}) };
}

/** The line a comment about `line` sits on, and whether it had to move; undefined when the file has no diff. */
export function anchor(
  diff: FileDiff,
  line: number | undefined,
): { line: number; moved: boolean } | undefined {
  if (line !== undefined && diff.hunks.some(([from, to]) => line >= from && line <= to))
    return { line, moved: false };
  return diff.firstChanged === undefined ? undefined : { line: diff.firstChanged, moved: true };
}
