import { describe, expect, it } from 'vitest';
import { BrandVoice } from '../../../actions/engine/artifacts/brand.js';
import { initialState } from '../../../actions/engine/artifacts/campaign-state.js';
import { parseReviewFile, reviewPath } from '../../../actions/engine/artifacts/review.js';
import { parseConfig } from '../../../actions/engine/config/config.js';
import { toYaml } from '../../../actions/engine/files/yaml.js';
import type { StructuredRequest } from '../../../actions/engine/llm/llm.js';
import { SpendGuard } from '../../../actions/engine/llm/spend-guard.js';
import { changedLines } from '../../../actions/engine/stages/review/anchors.js';
import { reviewStage } from '../../../actions/engine/stages/review/index.js';
import { contradictsBrandFile } from '../../../actions/engine/stages/review/model-review.js';
import type { StageContext } from '../../../actions/engine/stages/stage.js';
import { ScriptedLlm } from '../../fakes/scripted-llm.js';
import { assetFile, brand, brief, landing, lineWith, sample } from './fixtures.js';

const config = parseConfig(`models: { default: claude-sonnet-5-5 }
maxTokens: 4000
validationRetries: 1
pricing:
  asOf: 2026-11-01
  currency: USD
  perMillionTokens:
    claude-sonnet-5-5: { input: 2, output: 10, cacheWrite5m: 2.5, cacheRead: 0.2 }
`);

const POSTAL_FINDING = {
  check: 'accuracy',
  severity: 'major',
  quote: 'Book a 20-minute demo',
  note: 'brand.yml has no postalAddress, so the email footer has no postal address. Commercial email must show one (CAN-SPAM).',
};

const quiet = { summary: 'Reads well.', findings: [], claimsToVerify: [] };

/** A repository in memory: the brand file and the given assets on the default branch. */
function context(
  files: { path: string; text: string }[],
  answer: (request: StructuredRequest<unknown>) => unknown,
  useBrand: BrandVoice = brand,
): StageContext & { lines: string[]; llm: ScriptedLlm } {
  const repo = new Map(files.map((f) => [f.path, f.text]));
  repo.set('.github/crescendo/brand.yml', toYaml(useBrand));
  const lines: string[] = [];
  return {
    campaign: { brief, state: initialState() },
    config,
    llm: new ScriptedLlm(answer),
    guard: new SpendGuard(config.pricing, 100, 0),
    readFile: async (p) => repo.get(p),
    readBytes: async () => undefined,
    listFiles: async (dir) => [...repo.keys()].filter((p) => p.startsWith(`${dir}/`)).sort(),
    feedback: [],
    now: new Date('2027-04-10T00:00:00Z'),
    log: (l) => lines.push(l),
    lines,
  };
}

describe('the false postal address cannot happen: code decides what brand.yml contains', () => {
  it('drops a model finding that brand.yml has no postal address when it has one', async () => {
    const email = assetFile('email-sequence', sample('email-sequence/1'));
    const ctx = context([landing(), email], (r) =>
      r.task === 'review/email-sequence/1' ? { ...quiet, findings: [POSTAL_FINDING] } : quiet,
    );
    const result = await reviewStage.run(ctx);
    const review = parseReviewFile(result.files.find((f) => f.path === reviewPath(brief.id))!.content!, 'r');
    const all = review.data.assets.flatMap((a) => a.findings.map((f) => f.message));
    expect(all.some((m) => /postal/i.test(m))).toBe(false);
    expect(result.review?.comments.some((c) => /postal/i.test(c.body))).toBe(false);
    expect(ctx.lines.some((l) => l.includes('dropped a model finding') && l.includes('postalAddress'))).toBe(
      true,
    );
    // The model was told what code decided.
    const request = ctx.llm.requests.find((r) => r.task === 'review/email-sequence/1');
    expect(JSON.stringify(request?.messages)).toContain('postalAddress: present');
  });

  it('reports a missing postal address itself when brand.yml has none, whatever the model says', async () => {
    const noAddress = BrandVoice.parse({ ...brand, postalAddress: undefined });
    const email = assetFile('email-sequence', sample('email-sequence/1'), { brand: noAddress });
    const result = await reviewStage.run(context([email], () => quiet, noAddress));
    const review = parseReviewFile(result.files.find((f) => f.path === reviewPath(brief.id))!.content!, 'r');
    expect(review.data.assets[0]?.findings).toContainEqual(
      expect.objectContaining({
        by: 'code',
        check: 'limits',
        message: expect.stringMatching(/no postalAddress/),
      }),
    );
  });

  it('reads "has no" claims about fields brand.yml has as contradictions, and nothing else', () => {
    expect(contradictsBrandFile('The footer lacks a mailing address.', brand)).toBe(true);
    expect(contradictsBrandFile('brand.yml has no website to link.', brand)).toBe(true);
    expect(contradictsBrandFile('The subject line is too long for phones.', brand)).toBe(false);
    const bare = BrandVoice.parse({ name: 'X', tone: 't', audience: 'a' });
    expect(contradictsBrandFile('brand.yml has no postal address.', bare)).toBe(false);
  });
});

describe('the review stage', () => {
  it('writes verdicts into status lines only, with code blockers deciding, and a review anchored on the diff', async () => {
    const email = assetFile('email-sequence', sample('email-sequence/1'));
    const post = assetFile('social-post', sample('social-post/2'));
    const ctx = context([landing(), email, post], () => quiet);
    const result = await reviewStage.run(ctx);
    const status = (path: string) => result.files.find((f) => f.path === path)!.content!;
    // Each asset file differs from the default branch in its status line only.
    for (const file of [email, post]) {
      const changed = changedLines(file.text, status(file.path));
      expect(changed).toEqual([lineWith(file.text, 'status: draft')]);
    }
    expect(status(email.path)).toContain('status: changes-requested');
    expect(status(post.path)).toContain('status: approved');
    expect(result.keepsOtherFiles).toBe(true);
    // Findings away from the diff sit on the status line and name their own line.
    const statusLine = lineWith(email.text, 'status: draft');
    const programs = result.review?.comments.find((c) => c.body.includes('#programs'));
    expect(programs).toMatchObject({ path: email.path, line: statusLine });
    expect(programs?.body).toContain(`Line ${lineWith(email.text, 'automate#programs')}`);
    expect(result.review?.event).toBe('REQUEST_CHANGES');
    // The model reviews each asset on its own (the landing page too), all behind one cached system prefix.
    expect(ctx.llm.requests.map((r) => r.task).sort()).toEqual([
      'review/email-sequence/1',
      'review/landing-page/1',
      'review/social-post/1',
    ]);
    const prefix = JSON.stringify(ctx.llm.requests[0]?.system);
    for (const request of ctx.llm.requests) {
      expect(JSON.stringify(request.system)).toBe(prefix);
      expect(request.system.some((b) => b.cache)).toBe(true);
    }
    expect(result.summary).toMatch(/## Claims to verify/);
    expect(result.summary).toMatch(/- \[ \] \*\*C1\*\*/);
  });

  it('asks the model again when its quote is not in the asset, then anchors the finding at the quoted line', async () => {
    const post = assetFile('social-post', sample('social-post/2'));
    let calls = 0;
    const ctx = context([post], () => {
      calls += 1;
      const quote = calls === 1 ? 'words the post never says' : 'In our experience it is rarely the formula.';
      return { ...quiet, findings: [{ check: 'tone', severity: 'minor', quote, note: 'Say who "our" is.' }] };
    });
    const result = await reviewStage.run(ctx);
    expect(calls).toBe(2);
    const review = parseReviewFile(result.files.find((f) => f.path === reviewPath(brief.id))!.content!, 'r');
    expect(review.data.assets[0]?.findings).toContainEqual(
      expect.objectContaining({ by: 'model', check: 'tone', line: lineWith(post.text, 'In our experience') }),
    );
  });

  it('cannot approve over a code blocker, and a failed model review is itself a blocker', async () => {
    const page = landing();
    const ctx = context([page], () => ({ summary: 'Perfect, ship it.', findings: [], claimsToVerify: [] }));
    const result = await reviewStage.run(ctx);
    const review = parseReviewFile(result.files.find((f) => f.path === reviewPath(brief.id))!.content!, 'r');
    expect(review.data.assets[0]?.verdict).toBe('changes-requested');
    const failing = context([assetFile('social-post', sample('social-post/2'))], () => 'not json');
    const failed = await reviewStage.run(failing);
    const second = parseReviewFile(failed.files.find((f) => f.path === reviewPath(brief.id))!.content!, 'r');
    expect(second.data.assets[0]).toMatchObject({ verdict: 'changes-requested' });
    expect(second.data.assets[0]?.findings[0]?.message).toMatch(/the model could not review this asset/);
  });
});
