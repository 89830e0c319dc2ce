import {
  type AssetReview,
  type Finding,
  REVIEW_COMMENT_MARKER,
  type ReviewData,
} from '../../artifacts/review.js';
import type { ClaimMark } from '../../artifacts/review-claims.js';
import { renderClaimsSection } from '../../artifacts/review-claims.js';
import { bullets, table } from '../../files/markdown.js';
import type { ReviewDraft } from '../../forge/forge.js';
import { anchor, type FileDiff } from './anchors.js';
import type { CodeCheck } from './code-check.js';

/** Inline comments in one review; the rest are listed in review.md (large reviews trip GitHub's limits). */
export const MAX_INLINE_COMMENTS = 50;
/** GitHub refuses bodies over 65,536 characters; the claims list is cut well before. */
const MAX_CLAIM_LINES_IN_BODY = 150;

const counts = (a: AssetReview) =>
  (['blocker', 'major', 'minor'] as const).map((s) => a.findings.filter((f) => f.severity === s).length);

/** The verdicts table: one row per asset. */
export function verdictTable(data: ReviewData): string {
  return table(
    ['Asset', 'Verdict', 'Blockers', 'Major', 'Minor', 'Claims'],
    data.assets.map((a) => [
      `\`${a.path}\``,
      a.verdict,
      ...counts(a),
      data.claims.filter((c) => c.at.some((p) => p.path === a.path)).length,
    ]),
  );
}

const findingLine = (f: Finding): string =>
  `**${f.severity} · ${f.check}**${f.by === 'model' ? ' (model)' : ''}${f.line ? ` line ${f.line}` : ''}: ${f.message}`;

/** review.md's body: summary, verdicts, the claims checklist (people tick it), findings per asset, the rules. */
export function reviewBody(
  data: ReviewData,
  marks: ReadonlyMap<string, ClaimMark>,
  reviewFile: string,
  checks: readonly CodeCheck[],
): string {
  return [
    '# Content review',
    data.summary,
    '## Verdicts',
    verdictTable(data),
    renderClaimsSection(data.claims, marks, reviewFile),
    '## Findings',
    ...data.assets.map((a) =>
      [
        `### \`${a.path}\``,
        `Verdict: **${a.verdict}**${a.summary ? `. ${a.summary}` : ''}`,
        a.findings.length ? bullets(a.findings.map(findingLine)) : 'No findings.',
      ].join('\n\n'),
    ),
    '## Checks by code',
    `Code decides these before the model reads anything; the model judges only tone, accuracy and persuasiveness.\n\n${bullets(checks.map((c) => `**${c.id}**: ${c.rule}`))}`,
  ].join('\n\n');
}

/** The pull request body's part: what the review found and the claims checklist people tick. */
export function pullRequestSummary(
  data: ReviewData,
  marks: ReadonlyMap<string, ClaimMark>,
  reviewFile: string,
  posted: string,
): string {
  const claims =
    data.claims.length > MAX_CLAIM_LINES_IN_BODY
      ? `${renderClaimsSection(data.claims.slice(0, MAX_CLAIM_LINES_IN_BODY), marks, reviewFile)}\n\n…and ${data.claims.length - MAX_CLAIM_LINES_IN_BODY} more in \`${reviewFile}\`.`
      : renderClaimsSection(data.claims, marks, reviewFile);
  return [
    data.summary,
    verdictTable(data),
    posted,
    "**Approval gate:** merging writes each asset's status as listed (`approved` or `changes-requested`); only approved assets whose claims are all ticked or waived are distributed. To change one asset, comment on its line in a review that requests changes, or `/crescendo revise <asset path> <what to change>`; `/crescendo revise --changes-requested` sends back every asset marked changes-requested.",
    claims,
  ].join('\n\n');
}

/** The text of one inline comment; a finding placed on another line says which. */
function commentBody(f: Finding, moved: boolean): string {
  const where = moved && f.line ? `Line ${f.line}${f.quote ? ` (“${f.quote.slice(0, 80)}”)` : ''}: ` : '';
  return `**${f.severity} · ${f.check}**${f.by === 'model' ? ' (model)' : ''}\n\n${where}${f.message}\n\n${REVIEW_COMMENT_MARKER}`;
}

/**
 * The pull request review: the verdict table as its body and one inline comment per finding of the assets
 * reviewed in this run, on its own line when the diff shows it, else on the file's changed line. Requests
 * changes when any asset has a blocker.
 */
export function reviewDraft(
  data: ReviewData,
  reviewedNow: ReadonlySet<string>,
  diffs: ReadonlyMap<string, FileDiff>,
): ReviewDraft {
  const rank = { blocker: 0, major: 1, minor: 2 } as const;
  const located = data.assets
    .filter((a) => reviewedNow.has(a.path))
    .flatMap((a) => a.findings.map((f) => ({ path: a.path, f })))
    .sort((x, y) => rank[x.f.severity] - rank[y.f.severity]);
  const comments: ReviewDraft['comments'] = [];
  let left = 0;
  for (const { path, f } of located) {
    const diff = diffs.get(path);
    const at = diff ? anchor(diff, f.line) : undefined;
    if (!at || comments.length >= MAX_INLINE_COMMENTS) {
      left++;
      continue;
    }
    comments.push({ path, line: at.line, body: commentBody(f, at.moved) });
  }
  comments.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
  const blocked = data.assets.some((a) => reviewedNow.has(a.path) && a.verdict === 'changes-requested');
  const body = [
    `### Crescendo review: ${reviewedNow.size} asset${reviewedNow.size === 1 ? '' : 's'}`,
    data.summary,
    verdictTable({ ...data, assets: data.assets.filter((a) => reviewedNow.has(a.path)) }),
    `Each finding is a comment on the line it concerns; this pull request changes only \`status:\` lines, so a finding elsewhere sits on its file's status line and names its own line.${left ? ` ${left} more finding${left === 1 ? '' : 's'} are listed in review.md.` : ''} Claims to verify are in the pull request's description.`,
  ].join('\n\n');
  return { body, event: blocked ? 'REQUEST_CHANGES' : 'COMMENT', comments };
}
