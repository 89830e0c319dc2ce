import { describe, expect, it } from 'vitest';
import { concernsStage, type EventIntent, routeEvent } from '../../actions/engine/action/event-route.js';
import { STAGE_NAMES, type StageName } from '../../actions/engine/stages/names.js';
import { ROOT } from '../../scripts/bundle/build.js';
import { formBody } from './campaign-issue.js';
import { readWorkflows, triggers, WorkflowRunner } from './workflow-runner.js';

/**
 * Which stage an event starts is decided once, in code (event-route.ts); a workflow's `if:` only spares
 * runner minutes on events that are plainly not work. So for every event, each stage the code would run
 * must be started by every workflow that has a job for that stage and takes the event.
 */
const REPOSITORY = 'acme/site';
const ID = 'q2-2027-launch';
const runner = new WorkflowRunner({
  root: ROOT,
  apiUrl: 'http://127.0.0.1:1',
  repository: REPOSITORY,
  token: 't',
});
const user = { login: 'maria', type: 'User' };
const labels = (...names: string[]) => names.map((name) => ({ name }));
const stagePr = (stage: StageName) => ({
  number: 7,
  state: 'open',
  labels: labels('crescendo', `stage:${stage}`, `campaign:${ID}`),
  base: { ref: 'main' },
  head: { ref: `crescendo/${ID}/${stage}`, repo: { full_name: REPOSITORY } },
});

interface Case {
  name: string;
  event: string;
  payload: Record<string, unknown>;
}

const cases: Case[] = [
  ...(['opened', 'edited', 'labeled'] as const).map((action) => ({
    name: `campaign form ${action}`,
    event: 'issues',
    payload: {
      action,
      label: { name: 'campaign' },
      issue: { number: 3, title: 'Q2', body: formBody(), state: 'open', user, labels: labels('campaign') },
      sender: user,
    },
  })),
  // Every merge is work: the next stage, or for a merged report, the campaign issue's progress comment.
  ...STAGE_NAMES.map((stage) => ({
    name: `${stage} PR merged`,
    event: 'pull_request',
    payload: { action: 'closed', pull_request: { ...stagePr(stage), state: 'closed', merged: true } },
  })),
  ...STAGE_NAMES.flatMap((stage): Case[] => [
    {
      name: `changes requested on the ${stage} PR`,
      event: 'pull_request_review',
      payload: {
        action: 'submitted',
        review: { state: 'changes_requested', body: 'tighter', user },
        pull_request: stagePr(stage),
        sender: user,
      },
    },
    {
      name: `/crescendo revise on the ${stage} PR`,
      event: 'issue_comment',
      payload: {
        action: 'created',
        issue: { number: 7, state: 'open', labels: stagePr(stage).labels, pull_request: {} },
        comment: { body: '/crescendo revise tighter', user },
        sender: user,
      },
    },
    {
      name: `${stage} dispatched by hand`,
      event: 'workflow_dispatch',
      payload: { inputs: { campaign: ID, stage } },
    },
  ]),
  { name: 'dispatch without inputs', event: 'workflow_dispatch', payload: { inputs: {} } },
  {
    name: 'Crescendo-Override comment on the strategy PR',
    event: 'issue_comment',
    payload: {
      action: 'created',
      issue: { number: 7, state: 'open', labels: stagePr('strategy').labels, pull_request: {} },
      comment: { body: 'Fine by sales.\nCrescendo-Override: stretch goal agreed with sales', user },
      sender: user,
    },
  },
  {
    name: 'approving review with a Crescendo-Override line on the strategy PR',
    event: 'pull_request_review',
    payload: {
      action: 'submitted',
      review: { state: 'approved', body: 'Crescendo-Override: stretch goal', user },
      pull_request: stagePr('strategy'),
      sender: user,
    },
  },
];

const stageOfAction = (uses: string | undefined): StageName | undefined =>
  STAGE_NAMES.find((stage) => uses === `./actions/${stage}`);

type Workflow = Awaited<ReturnType<typeof readWorkflows>>[number];

/** Whether GitHub could deliver this event to the workflow at all (a dispatch must fit its inputs). */
function canReceive(workflow: Workflow, event: string, payload: Record<string, unknown>): boolean {
  if (!triggers(workflow, event, payload)) return false;
  if (event !== 'workflow_dispatch') return true;
  const declared =
    (workflow.on.workflow_dispatch as { inputs?: Record<string, { required?: boolean }> } | null)?.inputs ??
    {};
  const given = Object.keys((payload.inputs as Record<string, unknown> | undefined) ?? {});
  const required = Object.entries(declared)
    .filter(([, spec]) => spec.required)
    .map(([name]) => name);
  return given.every((name) => name in declared) && required.every((name) => given.includes(name));
}

describe('workflow `if:` expressions only pre-filter what the code decides', async () => {
  const workflows = await readWorkflows(ROOT);
  const crons = workflows.flatMap((w) =>
    ((w.on.schedule as unknown as { cron: string }[] | null) ?? []).map((c) => c.cron),
  );
  const all: Case[] = [
    ...cases,
    ...crons.map((cron) => ({ name: `schedule ${cron}`, event: 'schedule', payload: { schedule: cron } })),
  ];

  it.each(all)('$name', async ({ event, payload }) => {
    const full = { repository: { full_name: REPOSITORY, default_branch: 'main' }, ...payload };
    const intent: EventIntent = routeEvent({
      eventName: event,
      payload: full,
      repository: REPOSITORY,
      defaultBranch: 'main',
    });
    const wanted = STAGE_NAMES.filter((stage) => concernsStage(intent, stage));
    expect(wanted.length, 'every case is work for some stage').toBeGreaterThan(0);
    const receivers = workflows.filter((workflow) => canReceive(workflow, event, full));
    expect(receivers.length, 'some workflow takes the event').toBeGreaterThan(0);
    for (const workflow of receivers) {
      const started = (await runner.plan(event, full, workflow.file)).flatMap(
        ({ job }) => workflow.jobs[job]?.steps.map((step) => stageOfAction(step.uses)) ?? [],
      );
      const runnable = Object.values(workflow.jobs).flatMap((job) =>
        job.steps.map((s) => stageOfAction(s.uses)),
      );
      for (const stage of wanted.filter((s) => runnable.includes(s))) {
        expect(started, `${workflow.file} must start ${stage} (${intent.kind})`).toContain(stage);
      }
    }
  });
});
