import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReviewFile, REVIEW_COMMENT_MARKER, reviewPath } from '../../actions/engine/artifacts/review.js';
import { git } from '../../actions/engine/forge/local/git.js';
import { LOCAL_REVIEWER, LocalForge } from '../../actions/engine/forge/local/local-forge.js';
import { changedLines } from '../../actions/engine/stages/review/anchors.js';
import { demo } from '../../scripts/cli/commands.js';
import { packageRoot } from '../helpers.js';

const ID = 'q2-2027-launch';

describe("the demo's review", () => {
  it('opens a review PR that changes only status lines, with inline comments and a claims checklist', async () => {
    const lines: string[] = [];
    const dir = await demo(
      { packageRoot, out: (l) => lines.push(l) },
      await mkdtemp(join(tmpdir(), 'crescendo-demo-review-')),
    );
    const forge = await LocalForge.open(dir);
    const pr = await forge.findPullRequest(`crescendo/${ID}/review`);
    expect(pr?.state).toBe('merged');
    // The merge brought in status lines and the review, nothing else of the content.
    const merge = (
      await git(dir, ['log', '--merges', '--format=%H', '--grep', 'Approve review', 'main'])
    ).trim();
    const changed = (await git(dir, ['diff', '--name-only', `${merge}^1`, merge]))
      .split('\n')
      .filter(Boolean);
    const assets = changed.filter((p) => p.startsWith(`content/${ID}/`));
    expect(assets.length).toBe(11);
    for (const path of assets) {
      const before = await git(dir, ['show', `${merge}^1:${path}`]);
      const after = await git(dir, ['show', `${merge}:${path}`]);
      const line = before.split('\n').findIndex((l) => l === 'status: draft') + 1;
      expect(changedLines(before, after)).toEqual([line]);
    }
    // One review by Crescendo, its comments on the diff's lines, requesting changes for the blockers.
    const reviews = (await forge.listReviews(pr!.number)).filter((r) => r.author === LOCAL_REVIEWER);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]?.state).toBe('CHANGES_REQUESTED');
    const comments = reviews[0]?.comments ?? [];
    expect(comments.length).toBeGreaterThan(20);
    for (const comment of comments) {
      const text = await git(dir, ['show', `${merge}:${comment.path}`]);
      expect(
        Math.abs((comment.line ?? 0) - (text.split('\n').findIndex((l) => l.startsWith('status:')) + 1)),
      ).toBeLessThanOrEqual(3);
      expect(comment.body).toContain(REVIEW_COMMENT_MARKER);
    }
    expect(comments.some((c) => c.body.includes('#programs'))).toBe(true);
    // The claims checklist: in the PR body as written, ticked in review.md by `crescendo verify --all`.
    expect(pr?.body).toMatch(/## Claims to verify[\s\S]*- \[ \] \*\*C1\*\* /);
    const review = parseReviewFile(await git(dir, ['show', `main:${reviewPath(ID)}`]), reviewPath(ID));
    expect(review.data.claims.length).toBeGreaterThan(10);
    expect(review.body).not.toMatch(/- \[ \] \*\*C\d+\*\*/);
    // The sample's false "brand.yml has no postal address" finding was dropped by code.
    expect(lines.some((l) => /dropped a model finding .*postalAddress/.test(l))).toBe(true);
    expect(review.data.assets.flatMap((a) => a.findings).some((f) => /postal/i.test(f.message))).toBe(false);
  }, 120_000);
});
