import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { git } from '../../actions/engine/forge/local/git.js';
import type { LocalForge } from '../../actions/engine/forge/local/local-forge.js';
import { SampleLlm, sampleFileName } from '../../actions/engine/llm/sample-llm.js';
import { approve, revise } from '../../actions/engine/runner/local-actions.js';
import { runStage, startCampaign } from '../../actions/engine/runner/run-stage.js';
import { stageViews } from '../../actions/engine/runner/stage-status.js';
import { ScriptedLlm } from '../fakes/scripted-llm.js';
import { exampleBriefPath, freshRepo, samplesDir, spentAt } from '../helpers.js';

const brief = parse(readFileSync(exampleBriefPath, 'utf8'));
const sample = (task: string) => JSON.parse(readFileSync(join(samplesDir, sampleFileName(task)), 'utf8'));
const ID = 'q2-2027-launch';

let forge: LocalForge;
let dir: string;
const deps = () => ({ forge, llm: new SampleLlm(samplesDir) });

beforeEach(async () => {
  ({ forge, dir } = await freshRepo());
});

async function branches(): Promise<string[]> {
  return (await git(dir, ['branch', '--format=%(refname:short)'])).split('\n').filter(Boolean).sort();
}

describe('the stage state machine on a local repository', () => {
  it('starts with research on its own branch and PR, leaving main untouched', async () => {
    const run = await startCampaign(deps(), brief);
    expect(run.pullRequest.branch).toBe(`crescendo/${ID}/research`);
    const views = await stageViews(forge, ID);
    expect(views.research).toMatchObject({ status: 'in-review', pr: { number: run.pullRequest.number } });
    expect(await forge.readFile(`campaigns/${ID}/campaign.yml`)).toBeUndefined();
    expect(await forge.readFile(`plans/reports/${ID}-research.md`, run.pullRequest.branch)).toContain(
      'sample: true',
    );
  });

  it('re-running the same stage changes nothing: no second branch or record', async () => {
    await startCampaign(deps(), brief);
    const before = await branches();
    const again = await runStage(deps(), { campaignId: ID, stage: 'research' });
    expect(again.changed).toBe(false);
    expect(await branches()).toEqual(before);
    expect(await forge.listPullRequests()).toHaveLength(1);
  });

  it('refuses to skip a stage', async () => {
    await startCampaign(deps(), brief);
    await expect(runStage(deps(), { campaignId: ID, stage: 'content' })).rejects.toThrow(
      /no campaign|not approved/,
    );
  });

  it('refuses a second campaign with the same id', async () => {
    await startCampaign(deps(), brief);
    await expect(startCampaign(deps(), brief)).rejects.toThrow(/already exists/);
  });

  it('approval merges and runs the next stage; an approved stage never runs twice', async () => {
    await startCampaign(deps(), brief);
    const result = await approve(deps(), ID);
    expect(result.approved).toBe('research');
    expect(result.next?.pullRequest.branch).toBe(`crescendo/${ID}/strategy`);
    // Approval is read from the forge (the merged pull request), never stored in campaign.yml.
    const views = await stageViews(forge, ID);
    expect(views.research.status).toBe('approved');
    expect(views.strategy.status).toBe('in-review');
    expect(await forge.readFile(`campaigns/${ID}/campaign.yml`)).not.toMatch(/status:|approvedAt|pr:/);
    await expect(runStage(deps(), { campaignId: ID, stage: 'research' })).rejects.toThrow(
      /no open research|already approved/,
    );
  });

  it('revision regenerates on the same branch and PR with the feedback', async () => {
    await startCampaign(deps(), brief);
    await approve(deps(), ID);
    const pulls = await forge.listPullRequests();
    const llm = new ScriptedLlm((r) => sample(r.task));
    const run = await revise({ forge, llm }, ID, 'Put more weight on LinkedIn Ads');
    expect(run.pullRequest.number).toBe(pulls.at(-1)?.number);
    expect(await forge.listPullRequests()).toHaveLength(pulls.length);
    expect(run.campaign.state.stages.strategy.revisions).toBe(1);
    expect(JSON.stringify(llm.requests[0]?.messages)).toContain('Put more weight on LinkedIn Ads');
  });

  it('a model answer that never validates writes no artifact, but its spend is recorded on the stage branch', async () => {
    const llm = new ScriptedLlm(() => ({ summary: 'too little' }));
    await expect(startCampaign({ forge, llm }, brief)).rejects.toThrow(/failed validation after 3 attempts/);
    expect(await forge.listPullRequests()).toHaveLength(0);
    const branch = `crescendo/${ID}/research`;
    expect(await forge.readFile(`plans/reports/${ID}-research.md`, branch)).toBeUndefined();
    const spent = await spentAt(forge, ID, branch);
    expect(spent.records.map((r) => r.outcome)).toEqual(['invalid', 'invalid', 'invalid']);
    expect(spent.usd).toBeGreaterThan(0);
  });

  it('records usage and cost of every call in the spend log committed with the stage', async () => {
    const llm = new ScriptedLlm((r) => sample(r.task));
    const run = await startCampaign({ forge, llm }, brief);
    expect(run.cost).toMatchObject({ calls: 1, inputTokens: 1000, outputTokens: 500 });
    const spent = await spentAt(forge, ID, run.pullRequest.branch);
    expect(spent).toMatchObject({ calls: 1, inputTokens: 1000, outputTokens: 500 });
    // 1000 input × $2/M + 500 output × $10/M
    expect(spent.usd).toBeCloseTo(0.007, 6);
  });

  it('stops at the spend cap before calling the model', async () => {
    const llm = new ScriptedLlm((r) => sample(r.task));
    await expect(startCampaign({ forge, llm }, { ...brief, spendCapUsd: 0.01 })).rejects.toThrow(
      /spend cap reached/,
    );
    expect(llm.requests).toHaveLength(0);
  });
});
