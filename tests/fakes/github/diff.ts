/** Line ranges of one file's diff hunks, per side: where review comments may be anchored. */
export interface Hunk {
  left: [number, number];
  right: [number, number];
}

/** Parses `@@ -a,b +c,d @@` headers of a unified diff (a missing count means 1). */
export function parseHunks(diff: string): Hunk[] {
  const hunks: Hunk[] = [];
  for (const match of diff.matchAll(/^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/gm)) {
    const range = (start: string | undefined, count: string | undefined): [number, number] => {
      const first = Number(start);
      return [first, first + Number(count ?? '1') - 1];
    };
    hunks.push({ left: range(match[1], match[2]), right: range(match[3], match[4]) });
  }
  return hunks;
}

export function hunkOf(hunks: Hunk[], side: 'LEFT' | 'RIGHT', line: number): number {
  return hunks.findIndex((hunk) => {
    const [first, last] = side === 'LEFT' ? hunk.left : hunk.right;
    return line >= first && line <= last;
  });
}

/** `diff_hunk` of a review comment: the hunk's header and its lines down to the commented line. */
export function hunkText(diff: string, index: number, side: 'LEFT' | 'RIGHT', line: number): string {
  const lines = diff.split('\n');
  const starts = lines.flatMap((l, i) => (l.startsWith('@@') ? [i] : []));
  const start = starts[index];
  if (start === undefined) return '';
  const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)/.exec(lines[start] ?? '');
  let left = Number(header?.[1] ?? 0);
  let right = Number(header?.[2] ?? 0);
  const out = [lines[start] ?? ''];
  for (let i = start + 1; i < lines.length && !lines[i]?.startsWith('@@'); i++) {
    const text = lines[i] ?? '';
    out.push(text);
    const at = side === 'LEFT' ? left : right;
    if (!text.startsWith('+')) left++;
    if (!text.startsWith('-')) right++;
    if (at === line && (side === 'LEFT' ? !text.startsWith('+') : !text.startsWith('-'))) break;
  }
  return out.join('\n');
}
