import type {
  IssueCommentCreatedEvent,
  IssuesOpenedEvent,
  PullRequestClosedEvent,
  PullRequestReviewSubmittedEvent,
  WorkflowDispatchEvent,
} from '@octokit/webhooks-types';
import { describe, expect, it } from 'vitest';
import {
  concernsStage,
  parseStageBranch,
  reviseFeedback,
  routeEvent,
} from '../../actions/engine/action/event-route.js';

const REPO = 'acme/site';
const route = (eventName: string, payload: unknown) =>
  routeEvent({ eventName, payload, repository: REPO, defaultBranch: 'main' });

const FORM_BODY = [
  '### Campaign name',
  '',
  'Spring push',
  '',
  '### Objectives',
  '',
  '500 mqls by 2027-06-30',
  '',
  '### Channels',
  '',
  '- [X] Email',
  '',
  '### Budget amount',
  '',
  '1000',
  '',
  '### Assets requested',
  '',
  'blog-post: 1',
].join('\n');

const user = (login: string, type: 'User' | 'Bot' = 'User') => ({ login, type, id: 1 });
const label = (name: string) => ({ name, id: 1, color: 'fff', default: false });

function issueEvent(
  overrides: {
    action?: string;
    body?: string;
    labels?: string[];
    label?: string;
    state?: string;
    sender?: string;
  } = {},
) {
  return {
    action: overrides.action ?? 'opened',
    issue: {
      number: 7,
      title: 'Campaign: Spring push',
      body: overrides.body ?? FORM_BODY,
      state: overrides.state ?? 'open',
      user: user('maria'),
      labels: (overrides.labels ?? []).map(label),
    },
    ...(overrides.label ? { label: label(overrides.label) } : {}),
    repository: { full_name: REPO, default_branch: 'main' },
    sender: user(overrides.sender ?? 'maria'),
  } as unknown as IssuesOpenedEvent;
}

function pr(
  overrides: {
    ref?: string;
    labels?: string[];
    merged?: boolean;
    base?: string;
    headRepo?: string;
    state?: string;
  } = {},
) {
  return {
    number: 12,
    state: overrides.state ?? 'closed',
    merged: overrides.merged ?? true,
    labels: (overrides.labels ?? ['crescendo', 'campaign:spring', 'stage:research']).map(label),
    base: { ref: overrides.base ?? 'main', repo: { full_name: REPO } },
    head: {
      ref: overrides.ref ?? 'crescendo/spring/research',
      repo: { full_name: overrides.headRepo ?? REPO },
    },
  };
}

const closed = (o: Parameters<typeof pr>[0] = {}) =>
  ({
    action: 'closed',
    number: 12,
    pull_request: pr(o),
    sender: user('maria'),
  }) as unknown as PullRequestClosedEvent;

function review(
  state: string,
  o: { body?: string; sender?: ReturnType<typeof user>; pr?: Parameters<typeof pr>[0] } = {},
) {
  return {
    action: 'submitted',
    review: {
      id: 501,
      state,
      body: o.body ?? 'Make it punchier',
      html_url: 'https://github.com/acme/site/pull/12#pullrequestreview-501',
      user: o.sender ?? user('maria'),
    },
    pull_request: pr({ state: 'open', merged: false, ...o.pr }),
    sender: o.sender ?? user('maria'),
  } as unknown as PullRequestReviewSubmittedEvent;
}

function comment(
  body: string,
  o: { onPr?: boolean; sender?: ReturnType<typeof user>; labels?: string[] } = {},
) {
  return {
    action: 'created',
    issue: {
      number: 12,
      state: 'open',
      labels: (o.labels ?? ['crescendo', 'campaign:spring', 'stage:strategy']).map(label),
      ...(o.onPr === false
        ? {}
        : { pull_request: { url: 'https://api.github.com/repos/acme/site/pulls/12' } }),
    },
    comment: {
      id: 9001,
      body,
      html_url: 'https://github.com/acme/site/pull/12#issuecomment-9001',
      user: o.sender ?? user('maria'),
    },
    sender: o.sender ?? user('maria'),
  } as unknown as IssueCommentCreatedEvent;
}

describe('routeEvent: issues', () => {
  it('starts a campaign from the form, with the author', () => {
    expect(route('issues', issueEvent())).toMatchObject({
      kind: 'start',
      issue: 7,
      author: 'maria',
      sender: 'maria',
      action: 'opened',
    });
  });
  it("names who labelled or edited the issue, who may adopt an outsider's campaign", () => {
    expect(
      route('issues', issueEvent({ action: 'labeled', label: 'campaign', sender: 'olga' })),
    ).toMatchObject({
      kind: 'start',
      author: 'maria',
      sender: 'olga',
      action: 'labeled',
    });
  });
  it('re-checks on edit, and on the campaign label only', () => {
    expect(route('issues', issueEvent({ action: 'edited' }))).toMatchObject({
      kind: 'start',
      action: 'edited',
    });
    expect(
      route(
        'issues',
        issueEvent({ action: 'labeled', label: 'campaign', body: 'free text', labels: ['campaign'] }),
      ),
    ).toMatchObject({ kind: 'start' });
    expect(route('issues', issueEvent({ action: 'labeled', label: 'crescendo:invalid-form' })).kind).toBe(
      'ignore',
    );
  });
  it('ignores other issues, closed ones and other actions', () => {
    expect(route('issues', issueEvent({ body: 'The logo is blurry' }))).toMatchObject({ kind: 'ignore' });
    expect(route('issues', issueEvent({ state: 'closed' })).kind).toBe('ignore');
    expect(route('issues', issueEvent({ action: 'deleted' })).kind).toBe('ignore');
    expect(route('issues', { action: 'opened' }).kind).toBe('ignore');
  });
});

describe('routeEvent: merged stage pull requests', () => {
  it('advances to the next stage', () => {
    expect(route('pull_request', closed())).toEqual({
      kind: 'advance',
      campaignId: 'spring',
      merged: 'research',
      next: 'strategy',
      pr: 12,
    });
    const dist = closed({
      ref: 'crescendo/spring/distribution',
      labels: ['campaign:spring', 'stage:distribution'],
    });
    expect(route('pull_request', dist)).toMatchObject({ kind: 'advance', next: 'measurement' });
  });
  it('a merged report starts nothing, but is news for the campaign issue (its own stage updates it)', () => {
    const report = closed({
      ref: 'crescendo/spring/measurement',
      labels: ['campaign:spring', 'stage:measurement'],
    });
    const intent = route('pull_request', report);
    expect(intent).toEqual({ kind: 'merged', campaignId: 'spring', stage: 'measurement', pr: 12 });
    expect(concernsStage(intent, 'measurement')).toBe(true);
    expect(concernsStage(intent, 'distribution')).toBe(false);
  });
  it('ignores closes without merge, other bases, other branches, forks and missing labels', () => {
    const reasons = [
      closed({ merged: false }),
      closed({ base: 'develop' }),
      closed({ ref: 'feature/x' }),
      closed({ headRepo: 'mallory/site' }),
      closed({ labels: ['crescendo', 'campaign:spring'] }),
      closed({ labels: ['stage:research'] }),
      closed({ labels: ['campaign:other', 'stage:research'] }),
    ].map((event) => route('pull_request', event));
    for (const intent of reasons) expect(intent.kind).toBe('ignore');
    expect(reasons[4]).toMatchObject({ reason: expect.stringContaining('stage:<stage> label') });
    expect(route('pull_request', { ...closed(), action: 'opened' }).kind).toBe('ignore');
  });
});

describe('routeEvent: revisions', () => {
  it('revises on a review requesting changes, with its body as feedback', () => {
    expect(route('pull_request_review', review('changes_requested'))).toEqual({
      kind: 'revise',
      pr: 12,
      feedback: 'Make it punchier',
      actor: 'maria',
      via: 'review',
      revisionId: 'review:501',
      url: 'https://github.com/acme/site/pull/12#pullrequestreview-501',
      campaignId: 'spring',
      stage: 'research',
    });
  });
  it('ignores approvals, bots and non-Crescendo PRs', () => {
    expect(route('pull_request_review', review('approved')).kind).toBe('ignore');
    expect(
      route('pull_request_review', review('changes_requested', { sender: user('ci[bot]', 'Bot') })).kind,
    ).toBe('ignore');
    expect(route('pull_request_review', review('changes_requested', { pr: { ref: 'fix/typo' } })).kind).toBe(
      'ignore',
    );
    expect(route('pull_request_review', review('changes_requested', { pr: { headRepo: 'x/y' } })).kind).toBe(
      'ignore',
    );
  });
  it('revises on a `/crescendo revise` comment on a PR', () => {
    expect(route('issue_comment', comment('/crescendo revise  shorter headlines\nplease'))).toEqual({
      kind: 'revise',
      pr: 12,
      feedback: 'shorter headlines\nplease',
      actor: 'maria',
      via: 'comment',
      revisionId: 'comment:9001',
      commentId: 9001,
      url: 'https://github.com/acme/site/pull/12#issuecomment-9001',
      campaignId: 'spring',
      stage: 'strategy',
    });
  });
  it('ignores other comments, comments on issues and comments by bots', () => {
    expect(route('issue_comment', comment('looks good')).kind).toBe('ignore');
    expect(route('issue_comment', comment('/crescendo revised it')).kind).toBe('ignore');
    expect(route('issue_comment', comment('/crescendo revise x', { onPr: false })).kind).toBe('ignore');
    expect(
      route('issue_comment', comment('/crescendo revise x', { sender: user('crescendo[bot]', 'Bot') })).kind,
    ).toBe('ignore');
  });
  it('reads the command', () => {
    expect(reviseFeedback('/Crescendo revise')).toBe('');
    expect(reviseFeedback('  /crescendo revise a b ')).toBe('a b');
    expect(reviseFeedback('please /crescendo revise')).toBeUndefined();
  });
});

describe('routeEvent: dispatch, schedule and others', () => {
  const dispatch = (inputs: Record<string, string>) =>
    ({ inputs, ref: 'refs/heads/main' }) as unknown as WorkflowDispatchEvent;
  it('runs a stage by hand', () => {
    expect(route('workflow_dispatch', dispatch({ campaign: 'spring', stage: 'content' }))).toEqual({
      kind: 'run',
      campaignId: 'spring',
      stage: 'content',
    });
    expect(route('workflow_dispatch', dispatch({ campaign: 'spring' }))).toMatchObject({
      stage: 'measurement',
    });
    expect(route('workflow_dispatch', dispatch({}))).toEqual({ kind: 'measure-all' });
    expect(route('workflow_dispatch', dispatch({ campaign: 'spring', stage: 'launch' })).kind).toBe('ignore');
    expect(route('workflow_dispatch', dispatch({ stage: 'content' })).kind).toBe('ignore');
  });
  it('measures every campaign on schedule and ignores the rest', () => {
    expect(route('schedule', { schedule: '0 7 * * 1' })).toEqual({ kind: 'measure-all' });
    expect(route('push', {}).kind).toBe('ignore');
  });
});

describe('concernsStage and branches', () => {
  it('gives each intent to exactly the right action', () => {
    expect(
      concernsStage(
        { kind: 'advance', campaignId: 'a', merged: 'research', next: 'strategy', pr: 1 },
        'strategy',
      ),
    ).toBe(true);
    expect(
      concernsStage(
        { kind: 'advance', campaignId: 'a', merged: 'research', next: 'strategy', pr: 1 },
        'research',
      ),
    ).toBe(false);
    expect(concernsStage({ kind: 'measure-all' }, 'measurement')).toBe(true);
    expect(concernsStage({ kind: 'measure-all' }, 'research')).toBe(false);
    expect(concernsStage({ kind: 'revise', pr: 1, feedback: '', actor: 'm', via: 'comment' }, 'review')).toBe(
      true,
    );
  });
  it('parses stage branches', () => {
    expect(parseStageBranch('crescendo/q2-2027-launch/review')).toEqual({
      campaignId: 'q2-2027-launch',
      stage: 'review',
    });
    expect(parseStageBranch('crescendo/x/launch')).toBeUndefined();
    expect(parseStageBranch('main')).toBeUndefined();
  });
});
