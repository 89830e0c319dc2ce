import { loadSpendCap } from '../../actions/engine/config/spend-cap.js';
import { CrescendoError } from '../../actions/engine/errors.js';
import { LocalForge } from '../../actions/engine/forge/local/local-forge.js';
import { formatSpend } from '../../actions/engine/llm/spend-format.js';
import { totalUsd } from '../../actions/engine/llm/spend-record.js';
import { listCampaignIds, loadCampaign } from '../../actions/engine/runner/campaigns.js';
import { StageSpendLog, spendByStage } from '../../actions/engine/runner/spend-log.js';
import { stageViews } from '../../actions/engine/runner/stage-status.js';
import { STAGE_NAMES, stageBranch } from '../../actions/engine/stages/names.js';

/**
 * `crescendo status` loads the stage declarations (and with them every stage's code) only to say what
 * comes next for a campaign: a repository without one answers at the speed of reading it.
 */
const progress = () => import('../../actions/engine/runner/progress.js');

/** Where each campaign stands, from the forge: one line per stage, spend against the cap, what comes next. */
export async function status(
  env: { out: (line: string) => void },
  dir: string,
  only?: string,
): Promise<void> {
  const forge = await LocalForge.open(dir);
  const ids = new Set(await listCampaignIds(forge));
  for (const pr of await forge.listPullRequests()) {
    const m = /^crescendo\/([^/]+)\//.exec(pr.branch);
    if (m?.[1] && pr.state === 'open') ids.add(m[1]);
  }
  if (only && !ids.has(only)) {
    throw new CrescendoError(`there is no campaign "${only}" in ${dir}`, {
      fix: ids.size
        ? `use one of: ${[...ids].sort().join(', ')}`
        : 'start one with `crescendo start <brief.yml>`',
    });
  }
  if (ids.size === 0) env.out('No campaigns yet. Start one with `crescendo start <brief.yml>`.');
  const defaultCap = await loadSpendCap((p) => forge.readFile(p));
  for (const id of [...ids].filter((i) => !only || i === only).sort()) {
    const views = await stageViews(forge, id);
    const open = STAGE_NAMES.find((name) => views[name].status === 'in-review');
    const campaign =
      (open ? await loadCampaign(forge, id, views[open].pr?.branch) : undefined) ??
      (await loadCampaign(forge, id));
    if (!campaign) continue;
    const records = (await StageSpendLog.open(forge, id, open ? stageBranch(id, open) : '')).all();
    const byStage = spendByStage(records);
    env.out(`${campaign.brief.name} (${id})${campaign.state.sample ? ' [sample]' : ''}`);
    for (const name of STAGE_NAMES) {
      const v = views[name];
      const mark = v.status === 'approved' ? '✓' : v.status === 'in-review' ? '…' : ' ';
      const label = v.status === 'approved' ? 'merged' : v.status === 'in-review' ? 'in review' : 'pending';
      const usd = byStage.get(name) ?? 0;
      env.out(
        `  ${mark} ${name.padEnd(13)} ${label.padEnd(10)} ${v.pr && v.status !== 'pending' ? `#${v.pr.number}`.padEnd(5) : '     '}${usd > 0 ? ` $${usd.toFixed(4)}` : ''}`,
      );
    }
    const cap = campaign.brief.spendCapUsd ?? defaultCap;
    env.out(`  model spend ${formatSpend(totalUsd(records), cap)}`);
    env.out(`  next: ${(await progress()).nextAction(views)}`);
  }
}
