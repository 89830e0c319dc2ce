import type { ReviewFile } from '../../actions/engine/artifacts/review.js';
import type { ClaimMark } from '../../actions/engine/artifacts/review-claims.js';
import type { Review } from '../../actions/engine/forge/forge.js';

/** What `crescendo review <id>` shows: the recorded review, and each finding at its own line. */
export interface LocalReviewInput {
  id: string;
  pr: { number: number; state: string };
  /** Crescendo's review as recorded on the pull request, when there is one. */
  review?: Review;
  file?: ReviewFile;
  marks: ReadonlyMap<string, ClaimMark>;
  /** Each asset's text at the ref the review is read from, to quote the line a finding is on. */
  texts: ReadonlyMap<string, string>;
}

const TEXT_WIDTH = 100;
const STATE_WORDS: Record<Review['state'], string> = {
  CHANGES_REQUESTED: 'changes requested',
  APPROVED: 'approved',
  COMMENTED: 'comments',
};

/**
 * The review as lines for a terminal. The pull request's inline comments sit on `status:` lines (the
 * only lines its diff changes); here each finding is shown at the line it is about, with that line's words.
 */
export function localReviewLines(input: LocalReviewInput): string[] {
  const { id, pr, review, file, marks, texts } = input;
  const lines = [`Review pull request #${pr.number} (${pr.state})`];
  if (review) {
    const comments = review.comments?.length ?? 0;
    lines.push(
      `Crescendo's review: ${STATE_WORDS[review.state]}, ${comments} inline comment${comments === 1 ? '' : 's'}`,
      review.body,
    );
  }
  if (!file) return lines;
  for (const asset of file.data.assets) {
    if (asset.findings.length === 0) continue;
    const text = texts.get(asset.path)?.split('\n') ?? [];
    lines.push('', `${asset.path} — ${asset.verdict}`);
    for (const finding of asset.findings) {
      const at = finding.line ? `:${finding.line}` : '';
      const quoted = finding.line ? (text[finding.line - 1]?.trim() ?? '').slice(0, TEXT_WIDTH) : '';
      lines.push(
        `  ${at.padEnd(5)}│ ${quoted}`,
        `       ${finding.severity} · ${finding.check}${finding.by === 'model' ? ' (model)' : ''}: ${finding.message}`,
      );
    }
  }
  lines.push('', `Claims to verify (campaigns/${id}/review.md):`);
  for (const claim of file.data.claims) {
    const state = marks.get(claim.id)?.state ?? 'open';
    const box = state === 'open' ? ' ' : state === 'waived' ? '~' : 'x';
    const where = claim.at[0]
      ? ` — ${claim.at[0].path}${claim.at[0].line ? `:${claim.at[0].line}` : ''}`
      : '';
    lines.push(`  [${box}] ${claim.id} ${claim.text.slice(0, TEXT_WIDTH)}${where}`);
  }
  const open = file.data.claims.filter((c) => (marks.get(c.id)?.state ?? 'open') === 'open').length;
  if (open > 0) {
    lines.push(
      `${open} open: assets stating them are not distributed until \`crescendo verify ${id} C1 C2 …\` (or --all) ticks them, or --waive "why" waives them.`,
    );
  }
  return lines;
}
