import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { campaignFilePath } from '../../actions/engine/artifacts/campaign.js';
import { CONFIG_PATH } from '../../actions/engine/config/config.js';
import { SampleLlm } from '../../actions/engine/llm/sample-llm.js';
import { approve, revise } from '../../actions/engine/runner/local-actions.js';
import { startCampaign } from '../../actions/engine/runner/run-stage.js';
import { exampleBriefPath, freshRepo, samplesDir } from '../helpers.js';

const brief = parse(readFileSync(exampleBriefPath, 'utf8'));
const ID = 'q2-2027-launch';

describe('a revision deletes only what its stage writes', () => {
  it('a hand-edited `files:` list cannot make a revision delete the config, the brand voice or another stage', async () => {
    const { forge } = await freshRepo();
    const deps = { forge, llm: new SampleLlm(samplesDir) };
    await startCampaign(deps, brief);
    await approve(deps, ID); // research merged; strategy open
    const branch = `crescendo/${ID}/strategy`;
    const path = campaignFilePath(ID);
    const campaign = parse((await forge.readFile(path, branch)) ?? '');
    // Outside the stage's folders, and a path that starts inside them and climbs out (git resolves `..`).
    const victims = [CONFIG_PATH, `plans/reports/${ID}-research.md`, 'campaigns/.gitkeep'];
    const climbing = `plans/${ID}-strategy.md/../../${CONFIG_PATH}`;
    campaign.state.stages.strategy.files = [...campaign.state.stages.strategy.files, ...victims, climbing];
    await forge.commitFiles({
      branch,
      base: forge.defaultBranch,
      message: 'hand edit',
      changes: [{ path, content: stringify(campaign) }],
    });
    for (const victim of victims)
      expect([victim, await forge.readFile(victim, branch)]).not.toContain(undefined);

    await revise(deps, ID, 'Shorter, please');

    for (const victim of victims)
      expect([victim, await forge.readFile(victim, branch)]).not.toContain(undefined);
    expect(await forge.readFile(`plans/${ID}-strategy.md`, branch)).toBeDefined();
  });
});
