import { describe, expect, it } from 'vitest';
import { strategyPath } from '../../actions/engine/artifacts/strategy.js';
import { CrescendoError } from '../../actions/engine/errors.js';
import { git } from '../../actions/engine/forge/local/git.js';
import { SampleLlm } from '../../actions/engine/llm/sample-llm.js';
import { approve } from '../../actions/engine/runner/local-actions.js';
import { startCampaign } from '../../actions/engine/runner/run-stage.js';
import { stageViews } from '../../actions/engine/runner/stage-status.js';
import { checkFile } from '../../scripts/cli/check-file.js';
import { main } from '../../scripts/cli/main.js';
import { freshRepo, packageRoot, samplesDir } from '../helpers.js';
import { demoBrief } from '../stages/strategy/fixtures.js';

const ID = demoBrief.id;

describe('local approval of a strategy with warnings', () => {
  it('refuses and says how to override; `--override` records the reason on the branch, then merges', async () => {
    const { forge, dir } = await freshRepo(); // no benchmarks file: the default benchmarks leave gaps
    const deps = { forge, llm: new SampleLlm(samplesDir) };
    await startCampaign(deps, demoBrief);
    await approve(deps, ID); // research → the strategy PR

    const refused = await approve(deps, ID).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CrescendoError);
    const error = refused as CrescendoError;
    expect(error.message).toBe(`Strategy of ${ID} is not approved: 3 warning(s) block it`);
    expect(error.problems.map((p) => p.where)).toEqual([
      'Objective 1 (500 MQLs)',
      'Objective 2 (50,000 visitors)',
      'Objective 3 (12,600 visitors a month on Blog / SEO)',
    ]);
    expect(error.fix).toContain(`crescendo approve ${ID} --override "<reason>"`);
    expect((await stageViews(forge, ID)).strategy.status).toBe('in-review');

    // The CLI prints the same, in words.
    const out: string[] = [];
    expect(await main(['approve', ID, '--dir', dir], { packageRoot, out: (l) => out.push(l) })).toBe(1);
    expect(out.join('\n')).toContain('- Objective 1 (500 MQLs): planned 207 of 500 MQLs: 293 short.');
    expect(out.join('\n')).toContain('--override');

    const result = await approve(deps, ID, { override: 'stretch goals agreed with sales', by: 'maria' });
    expect(result.approved).toBe('strategy');
    const text = (await forge.readFile(strategyPath(ID)))!;
    expect(text).toContain('by: maria');
    expect(checkFile(strategyPath(ID), text)).toMatchObject({ ok: true, problems: [] });
    expect(await git(dir, ['log', '--format=%B', 'main'])).toContain(
      'Crescendo-Override: stretch goals agreed with sales',
    );
  });
});
