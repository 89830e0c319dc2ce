import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { LocalForge } from '../../actions/engine/forge/local/local-forge.js';
import type { Llm } from '../../actions/engine/llm/llm.js';
import { SampleLlm } from '../../actions/engine/llm/sample-llm.js';
import { approve, start } from '../../actions/engine/runner/local-actions.js';
import { runStage } from '../../actions/engine/runner/run-stage.js';
import { exampleBriefPath, freshRepo, samplesDir } from '../helpers.js';

/** The example campaign approved through distribution, with `metrics` committed as its performance export. */
export async function demoUntilMeasurement(metrics: string): Promise<{
  forge: LocalForge;
  id: string;
  runMeasurement: (llm: Llm) => ReturnType<typeof runStage>;
}> {
  const { forge } = await freshRepo();
  const deps = { forge, llm: new SampleLlm(samplesDir) };
  const brief = parse(readFileSync(exampleBriefPath, 'utf8'));
  const id: string = brief.id;
  await start(deps, brief);
  // research … distribution merged; this brief plans with the default benchmarks, whose warnings are accepted
  for (let i = 0; i < 5; i++) await approve(deps, id, { override: 'default benchmarks in this test' });
  await forge.commitFiles({
    branch: forge.defaultBranch,
    base: forge.defaultBranch,
    message: 'performance export',
    changes: [{ path: `campaigns/${id}/data/metrics.csv`, content: metrics }],
  });
  return {
    forge,
    id,
    runMeasurement: (llm) => runStage({ forge, llm }, { campaignId: id, stage: 'measurement' }),
  };
}
