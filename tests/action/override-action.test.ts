import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { concernsStage, type EventIntent, routeEvent } from '../../actions/engine/action/event-route.js';
import { applyOverride, OVERRIDE_MARKER } from '../../actions/engine/action/override-action.js';
import { StrategyData, strategyPath } from '../../actions/engine/artifacts/strategy.js';
import { parseArtifact } from '../../actions/engine/files/artifact-file.js';
import { SampleLlm } from '../../actions/engine/llm/sample-llm.js';
import { approve } from '../../actions/engine/runner/local-actions.js';
import { startCampaign } from '../../actions/engine/runner/run-stage.js';
import { overrideReason } from '../../actions/engine/stages/override-line.js';
import { freshRepo, samplesDir } from '../helpers.js';
import { demoBrief } from '../stages/strategy/fixtures.js';

const REPO = 'acme/site';
const ID = 'q2-2027-launch';
const route = (eventName: string, payload: unknown) =>
  routeEvent({ eventName, payload, repository: REPO, defaultBranch: 'main' });
const maria = { login: 'maria', type: 'User' };
const strategyLabels = [{ name: 'crescendo' }, { name: 'stage:strategy' }, { name: `campaign:${ID}` }];
const comment = (body: string, user = maria) => ({
  action: 'created',
  issue: { number: 7, state: 'open', labels: strategyLabels, pull_request: {} },
  comment: { body, user },
  sender: user,
});
const review = (state: string, body: string) => ({
  action: 'submitted',
  review: { state, body, user: maria },
  pull_request: {
    number: 7,
    state: 'open',
    labels: strategyLabels,
    base: { ref: 'main' },
    head: { ref: `crescendo/${ID}/strategy`, repo: { full_name: REPO } },
  },
  sender: maria,
});

describe('a Crescendo-Override line on a stage pull request', () => {
  it('reads the reason of the last override line, anywhere in the text', () => {
    expect(
      overrideReason(
        'Looks fine.\ncrescendo-override: stretch goal\r\nCrescendo-Override: agreed with sales',
      ),
    ).toBe('agreed with sales');
    expect(overrideReason('Crescendo-Override:   ')).toBeUndefined();
    expect(overrideReason('we could add a Crescendo-Override: later')).toBeUndefined();
  });

  it('routes a comment or a non-blocking review to the strategy action; a revise command stays a revision', () => {
    const intent = route(
      'issue_comment',
      comment('OK for Q2.\nCrescendo-Override: stretch goal agreed with sales'),
    );
    expect(intent).toEqual({
      kind: 'override',
      pr: 7,
      reason: 'stretch goal agreed with sales',
      actor: 'maria',
      via: 'comment',
      campaignId: ID,
      stage: 'strategy',
    });
    expect(concernsStage(intent, 'strategy')).toBe(true);
    expect(concernsStage(intent, 'content')).toBe(false);
    expect(
      route('pull_request_review', review('approved', 'Crescendo-Override: stretch goal')),
    ).toMatchObject({
      kind: 'override',
      via: 'review',
      reason: 'stretch goal',
    });
    expect(route('issue_comment', comment('/crescendo revise more email\nCrescendo-Override: x')).kind).toBe(
      'revise',
    );
    expect(
      route('issue_comment', comment('Crescendo-Override: x', { login: 'bot[bot]', type: 'Bot' })).kind,
    ).toBe('ignore');
  });
});

describe('applyOverride: the strategy action records a writer’s override on the PR branch', () => {
  async function strategyInReview() {
    const { forge } = await freshRepo(); // no benchmarks file: the defaults leave the targets short
    const deps = { forge, llm: new SampleLlm(samplesDir) };
    await startCampaign(deps, demoBrief);
    const next = (await approve(deps, ID)).next;
    const pr = next!.pullRequest;
    return { forge, pr };
  }
  const intent = (actor: string): Extract<EventIntent, { kind: 'override' }> => ({
    kind: 'override',
    pr: 2,
    reason: 'stretch goal agreed with sales',
    actor,
    via: 'comment',
    campaignId: ID,
    stage: 'strategy',
  });

  it('refuses a person without write access and changes nothing', async () => {
    const { forge, pr } = await strategyInReview();
    const before = await forge.readFile(strategyPath(ID), pr.branch);
    const asked: string[] = [];
    const outcome = await applyOverride(
      {
        forge,
        stage: 'strategy',
        dryRun: false,
        allowed: async (login) => {
          asked.push(login);
          return false;
        },
      },
      { ...intent('outsider'), pr: pr.number },
    );
    expect(outcome.status).toBe('refused');
    expect(asked).toEqual(['outsider']);
    expect(await forge.readFile(strategyPath(ID), pr.branch)).toBe(before);
  });

  it('records the override of a writer in the strategy file, and says so on the PR', async () => {
    const { forge, pr } = await strategyInReview();
    const path = strategyPath(ID);
    const before = parseArtifact((await forge.readFile(path, pr.branch))!, path, 'strategy', StrategyData);
    expect(before.warnings.length).toBeGreaterThan(0);
    const outcome = await applyOverride(
      {
        forge,
        stage: 'strategy',
        dryRun: false,
        allowed: async () => true,
        now: () => new Date('2027-03-30T10:00:00Z'),
      },
      { ...intent('maria'), pr: pr.number },
    );
    expect(outcome).toMatchObject({ status: 'ran', campaignId: ID, pullRequest: pr.number });
    const after = parseArtifact((await forge.readFile(path, pr.branch))!, path, 'strategy', StrategyData);
    expect(after.override).toEqual({
      reason: 'stretch goal agreed with sales',
      by: '@maria',
      at: '2027-03-30T10:00:00.000Z',
      accepts: before.warnings.map((w) => `${w.subject}: ${w.message}`),
    });
    const records = JSON.parse(await readFile(`${forge.dir}/.git/crescendo/records.json`, 'utf8'));
    const comments: { issue: number; body: string }[] = records.comments;
    expect(comments.find((c) => c.issue === pr.number && c.body.includes(OVERRIDE_MARKER))?.body).toContain(
      '@maria accepted the strategy warnings: “stretch goal agreed with sales”',
    );
    // A second override has nothing left to accept: no new commit.
    const again = await applyOverride(
      { forge, stage: 'strategy', dryRun: false, allowed: async () => true },
      { ...intent('maria'), pr: pr.number },
    );
    expect(again.status).toBe('skipped');
  });
});
