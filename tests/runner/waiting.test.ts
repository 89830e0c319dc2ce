import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { initialState } from '../../actions/engine/artifacts/campaign-state.js';
import type { PullRequest } from '../../actions/engine/forge/forge.js';
import { renderProgress } from '../../actions/engine/runner/progress.js';
import { parseBrief } from '../../actions/engine/runner/run-stage.js';
import { type StageViews, viewOf } from '../../actions/engine/runner/stage-status.js';
import { stageWaits } from '../../actions/engine/runner/waiting.js';
import { STAGE_NAMES, type StageName } from '../../actions/engine/stages/names.js';
import { exampleBriefPath, freshRepo } from '../helpers.js';

const brief = parseBrief(parse(readFileSync(exampleBriefPath, 'utf8')));
const campaign = { brief, state: initialState({ issue: 3 }) };
const ID = brief.id;

const pr = (stage: StageName, state: PullRequest['state'], number: number): PullRequest => ({
  number,
  branch: `crescendo/${ID}/${stage}`,
  base: 'main',
  title: stage,
  body: '',
  state,
  labels: [],
  url: `#${number}`,
  headSha: '0'.repeat(40),
});

/** Views with every stage before `upTo` merged, and `upTo` itself in the given state (or no PR). */
function views(upTo: StageName, state?: PullRequest['state']): StageViews {
  const index = STAGE_NAMES.indexOf(upTo);
  return Object.fromEntries(
    STAGE_NAMES.map((name, i) => [
      name,
      viewOf(
        name,
        i < index ? pr(name, 'merged', i + 1) : i === index && state ? pr(name, state, i + 1) : undefined,
      ),
    ]),
  ) as StageViews;
}

describe('what the campaign issue says the stage in flight waits for', () => {
  it('measurement without data: what to export, from where, to which path, and what happens then', async () => {
    const { forge } = await freshRepo();
    const note = await stageWaits(forge, campaign, views('measurement'), new Date());
    expect(note).toBeDefined();
    for (const words of [
      'No performance data to measure yet.',
      'GA4',
      'Google Ads',
      'LinkedIn Ads',
      `campaigns/${ID}/data/metrics.csv`,
      'date, channel, utm_content, impressions, clicks, cost, conversions, revenue',
      'runs on its schedule',
    ]) {
      expect(note).toContain(words);
    }
    // A report already merged: the next one waits the same way.
    expect(await stageWaits(forge, campaign, views('measurement', 'merged'), new Date())).toBe(note);
    const body = renderProgress(
      campaign,
      views('measurement'),
      { spentByStage: new Map(), spentUsd: 0, capUsd: 5, waiting: note },
      (n) => `#${n}`,
    );
    expect(body).toMatch(/- \[ \] \*\*Measurement report\*\* · waiting on the team/);
    expect(body).toContain(`**Next:** Waiting on the team: ${note}`);
  });

  it('nothing, when the stage is in review, not due yet, or has its data', async () => {
    const { forge } = await freshRepo();
    expect(await stageWaits(forge, campaign, views('measurement', 'open'), new Date())).toBeUndefined();
    expect(await stageWaits(forge, campaign, views('distribution', 'open'), new Date())).toBeUndefined();
    expect(await stageWaits(forge, campaign, views('strategy'), new Date())).toBeUndefined();
    await forge.commitFiles({
      branch: 'main',
      base: 'main',
      message: 'metrics',
      changes: [{ path: `campaigns/${ID}/data/metrics.csv`, content: 'date,channel\n' }],
    });
    expect(await stageWaits(forge, campaign, views('measurement'), new Date())).toBeUndefined();
  });
});
