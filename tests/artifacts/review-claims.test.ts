import { describe, expect, it } from 'vitest';
import {
  type Claim,
  distributionGate,
  type ReviewData,
  type ReviewFile,
} from '../../actions/engine/artifacts/review.js';
import {
  claimChecklistLine,
  markClaims,
  parseClaimMarks,
  renderClaimsSection,
} from '../../actions/engine/artifacts/review-claims.js';

const A = 'content/c/blog/a.md';
const B = 'content/c/blog/b.md';
const C = 'content/c/email/c.md';
const claims: Claim[] = [
  { id: 'C1', text: 'Setup takes a day.', by: 'code', kind: 'product', at: [{ path: A, line: 12 }] },
  {
    id: 'C2',
    text: 'Syncs with Salesforce both ways.',
    by: 'code',
    kind: 'product',
    at: [{ path: A }, { path: B, line: 3 }],
  },
  {
    id: 'C3',
    text: 'Gmail requires one-click unsubscribe.',
    by: 'model',
    kind: 'fact',
    at: [{ path: C, line: 40 }],
  },
];
const data: ReviewData = {
  summary: 's',
  assets: [
    { path: A, verdict: 'approved', findings: [] },
    { path: B, verdict: 'approved', findings: [] },
    { path: C, verdict: 'changes-requested', findings: [] },
  ],
  claims,
};
const section = renderClaimsSection(claims, new Map(), 'campaigns/c/review.md');
const review = (body: string): ReviewFile => ({ data, body });
const assets = [
  { path: A, status: 'approved' },
  { path: B, status: 'approved' },
  { path: C, status: 'changes-requested' },
];

describe('the claims checklist', () => {
  it('writes one task line per claim with where it is stated', () => {
    expect(claimChecklistLine(claims[1]!)).toBe(
      `- [ ] **C2** Syncs with Salesforce both ways. — \`${A}\`, \`${B}:3\``,
    );
    expect(claimChecklistLine(claims[0]!, { state: 'waived', reason: 'legal agreed' })).toBe(
      `- [x] ~~**C1** Setup takes a day.~~ waived: legal agreed — \`${A}:12\``,
    );
  });

  it('reads ticks, struck-through waivers and waive: lines (by id or by text); ignores unknown ids', () => {
    const text = [
      '- [x] **C1** Setup takes a day. — `a.md:12`',
      '- [ ] **C2** Syncs with Salesforce both ways.',
      '- [x] **C9** not a claim of this review',
      'waive: Gmail requires one-click unsubscribe. ',
    ].join('\n');
    expect(Object.fromEntries(parseClaimMarks(text, claims))).toEqual({
      C1: { state: 'verified' },
      C2: { state: 'open' },
      C3: { state: 'waived' },
    });
    const waived = parseClaimMarks(
      '- [x] ~~**C2** Syncs …~~ waived: ships in May\nwaive: C1 copy approved by legal',
      claims,
    );
    expect(waived.get('C2')).toEqual({ state: 'waived', reason: 'ships in May' });
    expect(waived.get('C1')).toEqual({ state: 'waived', reason: 'copy approved by legal' });
  });

  it('ticks chosen claims in place and leaves every other line alone', () => {
    const ticked = markClaims(section, claims, new Set(['C2']), { state: 'verified' });
    expect(ticked.split('\n').filter((l, i) => l !== section.split('\n')[i])).toEqual([
      `- [x] **C2** Syncs with Salesforce both ways. — \`${A}\`, \`${B}:3\``,
    ]);
  });
});

describe('the distribution gate', () => {
  it('holds every asset whose claims are not all ticked, and assets the review sent back', () => {
    const gate = distributionGate(assets, review(section));
    expect(gate.approved).toEqual([]);
    expect(gate.held).toEqual([
      { path: A, reason: 'claims not verified: C1, C2' },
      { path: B, reason: 'claims not verified: C2' },
      { path: C, reason: 'its status is changes-requested, not approved' },
    ]);
  });

  it('lets an asset go once its claims are ticked in review.md or waived in the merged PR body', () => {
    const body = markClaims(section, claims, new Set(['C2']), { state: 'verified' });
    expect(distributionGate(assets, review(body)).approved).toEqual([B]);
    const gate = distributionGate(assets, review(body), 'Merged with:\nwaive: C1 launch copy, legal agreed');
    expect(gate.approved).toEqual([A, B]);
    expect(gate.waived).toEqual([
      { id: 'C1', text: 'Setup takes a day.', reason: 'launch copy, legal agreed' },
    ]);
  });

  it('holds everything when there is no review, and assets the review does not cover', () => {
    expect(distributionGate(assets, undefined).approved).toEqual([]);
    const extra = distributionGate([{ path: 'content/c/new.md', status: 'approved' }], review(section));
    expect(extra.held).toEqual([{ path: 'content/c/new.md', reason: 'the review does not cover it' }]);
  });
});
