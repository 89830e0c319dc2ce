/*
 * The claims checklist: how claims to verify are written, ticked and waived, in `campaigns/<id>/review.md`
 * (its "Claims to verify" section) and in the review pull request's body. Pure text functions.
 *
 *   - [ ] **C3** a team of two can launch programs in days — `content/x/landing-page/….md:16`   open
 *   - [x] **C3** a team of two can launch programs in days — …                                verified
 *   - [x] ~~**C3** a team of two can launch programs in days~~ waived: launch copy, legal agreed  waived
 *   waive: C3 launch copy, legal agreed                                                         waived
 *
 * A waiver names the claim by its id (`waive: C3 …`) or by its exact text (`waive: a team of two …`).
 * Who may tick or waive: anyone who can change the file on the repository (a commit to the review branch or
 * to the default branch needs write access) or edit the review pull request's body (people with write
 * access; Crescendo, its author, never ticks).
 */

export const CLAIMS_HEADING = '## Claims to verify';

export type ClaimState = 'open' | 'verified' | 'waived';

export interface ClaimMark {
  state: ClaimState;
  /** Why it was waived, when a reason was written. */
  reason?: string;
}

interface ClaimLike {
  id: string;
  text: string;
  at: readonly { path: string; line?: number }[];
}

const MAX_PLACES = 3;

/** One checklist line; `state` keeps a tick (or waiver) people already made. */
export function claimChecklistLine(claim: ClaimLike, mark: ClaimMark = { state: 'open' }): string {
  const places = claim.at
    .slice(0, MAX_PLACES)
    .map((p) => `\`${p.path}${p.line ? `:${p.line}` : ''}\``)
    .join(', ');
  const more = claim.at.length > MAX_PLACES ? ` and ${claim.at.length - MAX_PLACES} more` : '';
  const text = `**${claim.id}** ${oneLine(claim.text)}`;
  if (mark.state === 'waived')
    return `- [x] ~~${text}~~ waived${mark.reason ? `: ${mark.reason}` : ''} — ${places}${more}`;
  return `- [${mark.state === 'verified' ? 'x' : ' '}] ${text} — ${places}${more}`;
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
const normalise = (text: string): string =>
  oneLine(text)
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[.\s]+$/, '');

const TASK = /^\s*[-*+]\s+\[([ xX])\]\s+(.*)$/;
const WAIVE = /^\s*(?:[-*+]\s+)?waive:\s*(.+)$/i;
const ID = /\b(C\d+)\b/;

/**
 * What people marked in a markdown text, by claim id: a ticked line is verified, a ticked line struck
 * through or saying "waived" is waived, and a `waive:` line waives the claim it names. Lines naming no known
 * claim are ignored; an unticked line leaves the claim open.
 */
export function parseClaimMarks(
  markdown: string,
  claims: readonly Pick<ClaimLike, 'id' | 'text'>[],
): Map<string, ClaimMark> {
  const known = new Set(claims.map((c) => c.id));
  const byText = new Map(claims.map((c) => [normalise(c.text), c.id]));
  const marks = new Map<string, ClaimMark>();
  for (const line of markdown.split('\n')) {
    const waive = WAIVE.exec(line);
    if (waive?.[1]) {
      const rest = waive[1].trim();
      const id = /^(C\d+)\b/.exec(rest)?.[1];
      const target = id && known.has(id) ? id : byText.get(normalise(rest));
      if (target) {
        const reason = id
          ? rest
              .slice(id.length)
              .replace(/^[\s:—–-]+/, '')
              .trim()
          : '';
        marks.set(target, { state: 'waived', ...(reason ? { reason } : {}) });
      }
      continue;
    }
    const task = TASK.exec(line);
    if (!task?.[2]) continue;
    const id = ID.exec(task[2])?.[1];
    if (!id || !known.has(id)) continue;
    if (task[1] === ' ') {
      if (!marks.has(id)) marks.set(id, { state: 'open' });
      continue;
    }
    const waived = task[2].includes('~~') || /\bwaived?\b/i.test(task[2]);
    const reason = /\bwaived?\b[:\s—–-]*(.*?)(?:\s+—\s+`|$)/i.exec(task[2])?.[1]?.trim();
    if (marks.get(id)?.state !== 'waived') {
      marks.set(id, waived ? { state: 'waived', ...(reason ? { reason } : {}) } : { state: 'verified' });
    }
  }
  return marks;
}

/** Marks from several places: a claim verified or waived in any of them counts (a waiver over a tick). */
export function combineMarks(...sources: ReadonlyMap<string, ClaimMark>[]): Map<string, ClaimMark> {
  const rank: Record<ClaimState, number> = { open: 0, verified: 1, waived: 2 };
  const out = new Map<string, ClaimMark>();
  for (const source of sources) {
    for (const [id, mark] of source) {
      const have = out.get(id);
      if (!have || rank[mark.state] > rank[have.state]) out.set(id, mark);
    }
  }
  return out;
}

/** The claims section of review.md and of the pull request body. */
export function renderClaimsSection(
  claims: readonly ClaimLike[],
  marks: ReadonlyMap<string, ClaimMark>,
  reviewFile: string,
): string {
  if (claims.length === 0) return `${CLAIMS_HEADING}\n\nNo claims to verify.`;
  return [
    CLAIMS_HEADING,
    '',
    `An asset goes out only when every claim it states is ticked (verified) or waived. Tick claims in this list, in \`${reviewFile}\` or in the review pull request's description; waive one by ticking it and striking it through (\`- [x] ~~**C3** …~~ waived: why\`) or with a line \`waive: C3 why\`.`,
    '',
    ...claims.map((c) => claimChecklistLine(c, marks.get(c.id))),
  ].join('\n');
}

/**
 * The markdown with the checklist lines of `ids` rewritten to `mark` (a tick or a waiver), every other line
 * as it was: how `crescendo verify` ticks claims in review.md.
 */
export function markClaims(
  markdown: string,
  claims: readonly ClaimLike[],
  ids: ReadonlySet<string>,
  mark: ClaimMark,
): string {
  const byId = new Map(claims.map((c) => [c.id, c]));
  return markdown
    .split('\n')
    .map((line) => {
      const task = TASK.exec(line);
      const id = task?.[2] ? ID.exec(task[2])?.[1] : undefined;
      const claim = id && ids.has(id) ? byId.get(id) : undefined;
      return claim ? claimChecklistLine(claim, mark) : line;
    })
    .join('\n');
}
