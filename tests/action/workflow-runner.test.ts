import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/bundle.js';
import { evaluateCondition, interpolate, WorkflowRunner } from './workflow-runner.js';

const runner = new WorkflowRunner({
  root: ROOT,
  apiUrl: 'http://127.0.0.1:1',
  repository: 'acme/site',
  token: 't',
});
const labels = (...names: string[]) => names.map((name) => ({ name }));
const jobs = async (event: string, payload: Record<string, unknown>, file?: string) =>
  (await runner.plan(event, payload, file)).map((j) => `${j.workflow.file}#${j.job}`);

describe('the expression subset', () => {
  const ctx = {
    github: { event_name: 'pull_request', event: { pull_request: { labels: labels('A', 'stage:x') }, n: 0 } },
    inputs: { stage: 'content' },
  };
  it('evaluates operators, functions and object filters like GitHub', () => {
    expect(evaluateCondition("github.event_name == 'PULL_REQUEST'", ctx)).toBe(true);
    expect(evaluateCondition("contains(github.event.pull_request.labels.*.name, 'a')", ctx)).toBe(true);
    expect(
      evaluateCondition(
        "!contains(github.event.pull_request.labels.*.name, 'b') && (inputs.stage != 'x')",
        ctx,
      ),
    ).toBe(true);
    expect(evaluateCondition("startsWith('/Crescendo revise x', '/crescendo revise')", ctx)).toBe(true);
    expect(evaluateCondition('github.event.missing.deep || github.event.n', ctx)).toBe(false);
    const wrapped = ['$', "{{ inputs.stage == 'content' }}"].join('');
    expect(evaluateCondition(wrapped, ctx)).toBe(true);
    const text = ['$', "{{ inputs.nothing || 'fallback' }}-", '$', '{{ inputs.stage }}'].join('');
    expect(interpolate(text, ctx)).toBe('fallback-content');
  });
});

describe('which jobs an event starts', () => {
  const pr = (stage: string, merged = true, base = 'main') => ({
    action: 'closed',
    pull_request: { merged, labels: labels('crescendo', `stage:${stage}`), base: { ref: base } },
  });
  it('routes merges to the next stage only', async () => {
    expect(await jobs('pull_request', pr('research'))).toEqual(['campaign.yml#strategy']);
    expect(await jobs('pull_request', pr('distribution'))).toEqual(['campaign.yml#measurement']);
    expect(await jobs('pull_request', pr('measurement'))).toEqual([]);
    expect(await jobs('pull_request', pr('research', false))).toEqual([]);
    expect(await jobs('pull_request', pr('research', true, 'develop'))).toEqual([]);
  });
  it('routes forms, revisions, dispatches and schedules', async () => {
    const issue = { action: 'opened', issue: { labels: labels('campaign'), body: '' } };
    expect(await jobs('issues', issue)).toEqual(['campaign.yml#research']);
    expect(await jobs('issues', { action: 'closed', issue: issue.issue })).toEqual([]);
    const review = (state: string, type = 'User') => ({
      action: 'submitted',
      review: { state },
      pull_request: { labels: labels('stage:review') },
      sender: { type },
    });
    expect(await jobs('pull_request_review', review('changes_requested'))).toEqual(['campaign.yml#review']);
    expect(await jobs('pull_request_review', review('approved'))).toEqual([]);
    expect(await jobs('pull_request_review', review('changes_requested', 'Bot'))).toEqual([]);
    const comment = (body: string, pull = true) => ({
      action: 'created',
      issue: { labels: labels('stage:content'), ...(pull ? { pull_request: {} } : {}) },
      comment: { body },
      sender: { type: 'User' },
    });
    expect(await jobs('issue_comment', comment('/crescendo revise tighter'))).toEqual([
      'campaign.yml#content',
    ]);
    expect(await jobs('issue_comment', comment('nice'))).toEqual([]);
    expect(await jobs('issue_comment', comment('/crescendo revise', false))).toEqual([]);
    const dispatch = { inputs: { campaign: 'a', stage: 'review' } };
    expect(await jobs('workflow_dispatch', dispatch, 'campaign.yml')).toEqual(['campaign.yml#review']);
    expect(await jobs('workflow_dispatch', { inputs: {} }, 'measurement.yml')).toEqual([
      'measurement.yml#measurement',
    ]);
    expect(await jobs('schedule', { schedule: '0 7 * * 1' })).toEqual(['measurement.yml#measurement']);
    expect(await jobs('schedule', { schedule: '17 * * * *' })).toEqual(['content-batches.yml#collect']);
  });
});
