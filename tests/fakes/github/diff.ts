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
