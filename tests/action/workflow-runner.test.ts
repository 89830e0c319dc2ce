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
const KEY_JOB = 'campaign.yml#campaign';
/** The jobs an event starts; in campaign.yml, the job finding the campaign's key comes first. */
const jobs = async (event: string, payload: Record<string, unknown>, file?: string) => {
  const planned = (await runner.plan(event, payload, file)).map((j) => `${j.workflow.file}#${j.job}`);
  const stages = planned.filter((name) => name !== KEY_JOB);
  const needsKey = stages.some((name) => name.startsWith('campaign.yml#'));
  expect(planned.includes(KEY_JOB), `${KEY_JOB} runs exactly when a campaign.yml stage does`).toBe(needsKey);
  if (needsKey) expect(planned[0]).toBe(KEY_JOB);
  return stages;
};

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
  it('routes merges to the next stage, and a merged report to its own stage (the campaign issue)', async () => {
    expect(await jobs('pull_request', pr('research'))).toEqual(['campaign.yml#strategy']);
    expect(await jobs('pull_request', pr('distribution'))).toEqual(['campaign.yml#measurement']);
    expect(await jobs('pull_request', pr('measurement'))).toEqual(['campaign.yml#measurement']);
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

describe('one concurrency key per campaign', () => {
  const ID = 'q2-2027-launch';
  const stagePr = (stage: string, id = ID) => ({
    number: 40 + stage.length,
    state: 'open',
    labels: labels('crescendo', `campaign:${id}`, `stage:${stage}`),
    base: { ref: 'main' },
    head: { ref: `crescendo/${id}/${stage}`, repo: { full_name: 'acme/site' } },
  });
  const user = { login: 'maria', type: 'User' };
  const events = (id: string): [string, Record<string, unknown>, string?][] => [
    [
      'issues',
      {
        action: 'opened',
        issue: {
          number: 3,
          labels: labels('campaign'),
          body: `### Campaign name\n\nQ2\n\n### Campaign id\n\n${id}\n`,
        },
      },
    ],
    ['pull_request', { action: 'closed', pull_request: { ...stagePr('research', id), merged: true } }],
    ['pull_request', { action: 'closed', pull_request: { ...stagePr('measurement', id), merged: true } }],
    [
      'pull_request_review',
      {
        action: 'submitted',
        review: { state: 'changes_requested' },
        pull_request: stagePr('strategy', id),
        sender: user,
      },
    ],
    [
      'issue_comment',
      {
        action: 'created',
        issue: { number: 44, state: 'open', labels: stagePr('content', id).labels, pull_request: {} },
        comment: { body: '/crescendo revise shorter' },
        sender: user,
      },
    ],
    ['workflow_dispatch', { inputs: { campaign: id, stage: 'strategy' } }, 'campaign.yml'],
    ['workflow_dispatch', { inputs: { campaign: id } }, 'measurement.yml'],
  ];
  const groupsOf = async (id: string) => {
    const groups: string[] = [];
    for (const [event, payload, file] of events(id)) {
      const all = await runner.concurrency(event, payload, file);
      const stageGroups = Object.entries(all).filter(([job]) => job !== KEY_JOB);
      expect(stageGroups.length, `${event} starts a stage`).toBeGreaterThan(0);
      groups.push(...stageGroups.map(([, group]) => group ?? '(none)'));
    }
    return groups;
  };

  it("merges, dispatches, reviews, revise comments and the form all wait in the campaign's one queue", async () => {
    expect(new Set(await groupsOf(ID))).toEqual(new Set([`crescendo-campaign-${ID}`]));
    expect(new Set(await groupsOf('other-one'))).toEqual(new Set(['crescendo-campaign-other-one']));
  });

  it('falls back to the issue or PR number when no campaign id is in the payload', async () => {
    const groups = await runner.concurrency('issues', {
      action: 'opened',
      issue: { number: 12, labels: labels('campaign'), body: '### Campaign id\n\n_No response_\n' },
    });
    expect(groups['campaign.yml#research']).toBe('crescendo-campaign-number-12');
    // A label that is no campaign id (spaces, capitals) is never pasted into a key.
    const comment = await runner.concurrency('issue_comment', {
      action: 'created',
      issue: {
        number: 9,
        state: 'open',
        labels: labels('stage:review', 'campaign:Bad Id'),
        pull_request: {},
      },
      comment: { body: '/crescendo revise x' },
      sender: user,
    });
    expect(comment['campaign.yml#review']).toBe('crescendo-campaign-number-9');
  });

  it("outsiders' comments, reviews and issues queue apart, per issue or PR, never in a campaign's queue", async () => {
    const outsider = { login: 'olga', type: 'User' };
    const comment = await runner.concurrency('issue_comment', {
      action: 'created',
      issue: { number: 44, state: 'open', labels: stagePr('content').labels, pull_request: {} },
      comment: { body: '/crescendo revise x', author_association: 'NONE' },
      sender: outsider,
    });
    expect(comment['campaign.yml#content']).toBe('crescendo-campaign-outsider-44');
    const review = await runner.concurrency('pull_request_review', {
      action: 'submitted',
      review: { state: 'changes_requested', author_association: 'CONTRIBUTOR' },
      pull_request: stagePr('strategy'),
      sender: outsider,
    });
    expect(review['campaign.yml#strategy']).toBe(`crescendo-campaign-outsider-${stagePr('strategy').number}`);
    const issue = await runner.concurrency('issues', {
      action: 'opened',
      issue: {
        number: 5,
        labels: labels('campaign'),
        body: `### Campaign id\n\n${ID}\n`,
        author_association: 'FIRST_TIME_CONTRIBUTOR',
      },
    });
    expect(issue['campaign.yml#research']).toBe('crescendo-campaign-outsider-5');
    const member = await runner.concurrency('issue_comment', {
      action: 'created',
      issue: { number: 44, state: 'open', labels: stagePr('content').labels, pull_request: {} },
      comment: { body: '/crescendo revise x', author_association: 'MEMBER' },
      sender: user,
    });
    expect(member['campaign.yml#content']).toBe(`crescendo-campaign-${ID}`);
  });

  it('the scheduled measurement of every campaign has a key of its own', async () => {
    const groups = await runner.concurrency('schedule', { schedule: '0 7 * * 1' });
    expect(groups['measurement.yml#measurement']).toBe('crescendo-measurement-every-campaign');
  });
});
