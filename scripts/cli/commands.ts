import { appendFile, copyFile, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { BRAND_PATH, parseBrandVoice } from '../../actions/engine/artifacts/brand.js';
import { parseCampaignFile } from '../../actions/engine/artifacts/campaign.js';
import { readReview, reviewPath } from '../../actions/engine/artifacts/review.js';
import { combineMarks, parseClaimMarks } from '../../actions/engine/artifacts/review-claims.js';
import { CONFIG_PATH } from '../../actions/engine/config/config.js';
import { CrescendoError, formatProblem } from '../../actions/engine/errors.js';
import { parseYaml } from '../../actions/engine/files/yaml.js';
import { git } from '../../actions/engine/forge/local/git.js';
import { LOCAL_REVIEWER, LocalForge } from '../../actions/engine/forge/local/local-forge.js';
import { formatKeywordsTable, keywordsReportFromPaths } from '../../actions/engine/keywords/index.js';
import {
  approve,
  revise,
  run as runLocal,
  start as startLocal,
  verifyClaims,
} from '../../actions/engine/runner/local-actions.js';
import { STAGE_NAMES, StageName, stageBranch } from '../../actions/engine/stages/names.js';
import { startDemoMailbox } from '../demo/mail-catcher.js';
import { type CheckOptions, checkFile } from './check-file.js';
import { initRepository } from './init.js';

export { status } from './status.js';

import { chooseLlm, EXAMPLE_ID } from './llm-choice.js';
import { publishCommand } from './publish.js';
import { localReviewLines } from './review-report.js';
import { usageError } from './usage.js';

export interface CliEnv {
  /** Root of the Crescendo package: its config template and demo samples live there. */
  packageRoot: string;
  /** What the command produces (stdout). */
  out: (line: string) => void;
  /** Errors and warnings (stderr); `out` when not given. */
  err?: (line: string) => void;
}

const samplesDir = (env: CliEnv) => join(env.packageRoot, 'scripts', 'demo', 'answers');

export async function init(env: CliEnv, dir: string): Promise<void> {
  const template = await readFile(join(env.packageRoot, CONFIG_PATH), 'utf8');
  await initRepository(dir, template, env.out, env.err);
  env.out(`Crescendo is set up in ${dir} (configuration: ${CONFIG_PATH}).`);
}

async function deps(env: CliEnv, dir: string, campaignId: string) {
  const forge = await LocalForge.open(dir);
  return { forge, llm: chooseLlm(campaignId, samplesDir(env)), log: env.out };
}

export async function start(env: CliEnv, dir: string, briefPath: string): Promise<string> {
  const text = await readFile(briefPath, 'utf8').catch(() => {
    throw new CrescendoError(`cannot read the brief ${briefPath}`, {
      fix: 'give the path of a brief YAML file',
    });
  });
  const value = parseYaml(text, briefPath).value as { id?: string };
  const d = await deps(env, dir, String(value?.id ?? ''));
  if (d.llm.isSample)
    env.out(
      'No ANTHROPIC_API_KEY: using the sample answers shipped for the example brief. Every artifact is marked as a sample.',
    );
  const run = await startLocal(d, value, { where: briefPath });
  for (const warning of run.warnings ?? []) (env.err ?? env.out)(`warning: ${warning}`);
  env.out(
    `Research is ready for review: pull request #${run.pullRequest.number}. Approve with \`crescendo approve ${run.campaign.brief.id}\`.`,
  );
  return run.campaign.brief.id;
}

export async function approveCommand(env: CliEnv, dir: string, id: string, override?: string): Promise<void> {
  const d = await deps(env, dir, id);
  const brandText = await d.forge.readFile(BRAND_PATH);
  const brand = brandText === undefined ? undefined : parseBrandVoice(brandText, BRAND_PATH);
  // The same checks as `crescendo check`, with the campaign's brief and the team's brand voice.
  const result = await approve(d, id, {
    ...(override === undefined ? {} : { override }),
    check: (path, text, campaign) =>
      checkFile(path, text, {
        brand,
        briefFor: (campaignId) => (campaignId === campaign.brief.id ? campaign.brief : undefined),
      }),
  });
  if (result.next)
    env.out(`${result.next.pullRequest.title} is ready: pull request #${result.next.pullRequest.number}.`);
  if (result.waiting) env.out(result.waiting);
  if (!result.next && !result.waiting) env.out(`${result.approved} approved.`);
}

export interface ReviseCommandOptions {
  /** `--asset PATH[:LINE]`, repeatable: only these assets are made again. */
  assets?: string[];
  /** `--changes-requested`: every asset the review sent back. */
  changesRequested?: boolean;
}

export async function reviseCommand(
  env: CliEnv,
  dir: string,
  id: string,
  feedback: string,
  options: ReviseCommandOptions = {},
): Promise<void> {
  if (!feedback.trim() && !options.changesRequested)
    throw usageError(
      'no feedback given',
      'crescendo revise <id> --feedback "what to change" [--asset PATH[:LINE]] [--changes-requested]',
    );
  const run = await revise(await deps(env, dir, id), id, feedback, options);
  env.out(`Regenerated on the same branch: pull request #${run.pullRequest.number} updated.`);
}

/** `crescendo review <id>`: the review Crescendo recorded on the review pull request, and the claims. */
export async function reviewCommand(env: CliEnv, dir: string, id: string): Promise<void> {
  const forge = await LocalForge.open(dir);
  const pr = await forge.findPullRequest(stageBranch(id, 'review'));
  if (!pr) throw new CrescendoError(`campaign ${id} has no review yet`, { fix: 'approve its content first' });
  const ref = pr.state === 'open' ? pr.branch : forge.defaultBranch;
  const review = (await forge.listReviews(pr.number)).filter((r) => r.author === LOCAL_REVIEWER).at(-1);
  const file = await readReview({ readFile: (p) => forge.readFile(p, ref) }, id);
  const texts = new Map<string, string>();
  for (const asset of file?.data.assets ?? []) {
    const text = await forge.readFile(asset.path, ref);
    if (text !== undefined) texts.set(asset.path, text);
  }
  const marks = file
    ? combineMarks(parseClaimMarks(file.body, file.data.claims), parseClaimMarks(pr.body, file.data.claims))
    : new Map();
  for (const line of localReviewLines({
    id,
    pr,
    ...(review ? { review } : {}),
    ...(file ? { file } : {}),
    marks,
    texts,
  }))
    env.out(line);
}

/** `crescendo verify <id> C1 C2 … | --all [--waive REASON]`: ticks claims in review.md on the review branch. */
export async function verifyCommand(
  env: CliEnv,
  dir: string,
  id: string,
  ids: string[],
  options: { all?: boolean; waive?: string } = {},
): Promise<void> {
  if (ids.length === 0 && !options.all)
    throw usageError('no claim named', `crescendo verify ${id} C1 C2 … (or --all)`);
  const result = await verifyClaims(await LocalForge.open(dir), id, { ids, ...options });
  if (result.unknown.length) env.out(`Not claims of this review: ${result.unknown.join(', ')}`);
  env.out(
    `${options.waive ? 'Waived' : 'Verified'} ${result.marked.length} claim${result.marked.length === 1 ? '' : 's'} in ${reviewPath(id)} on ${result.branch}.`,
  );
}

export async function runCommand(env: CliEnv, dir: string, id: string, stage: string): Promise<void> {
  const parsed = StageName.safeParse(stage);
  if (!parsed.success) throw usageError(`unknown stage "${stage}"`, `use one of ${STAGE_NAMES.join(', ')}`);
  const run = await runLocal(await deps(env, dir, id), { campaignId: id, stage: parsed.data });
  env.out(
    `${run.pullRequest.title}: pull request #${run.pullRequest.number}${run.changed ? '' : ' (unchanged)'}.`,
  );
}

/**
 * For `plans/<id>-strategy.md`, the brief in `campaigns/<id>/campaign.yml` of the same
 * repository (the folder above `plans/`), so the strategy is checked against it too.
 * Optional: a missing or broken campaign file only means fewer checks here.
 */
async function briefNear(file: string): Promise<CheckOptions> {
  const match = /^(.*)[\\/]plans[\\/]([^\\/]+)-strategy\.md$/.exec(resolve(file));
  if (!match) return {};
  const [, root = '', id = ''] = match;
  const text = await readFile(join(root, 'campaigns', id, 'campaign.yml'), 'utf8').catch(() => undefined);
  if (text === undefined) return {};
  try {
    const { brief } = parseCampaignFile(text, `campaigns/${id}/campaign.yml`);
    return { briefFor: (campaign: string) => (campaign === id ? brief : undefined) };
  } catch {
    return {};
  }
}

export async function check(env: CliEnv, files: string[], json: boolean): Promise<number> {
  if (files.length === 0) throw usageError('no files given', 'crescendo check <file…>');
  const results = [];
  const brand = await readFile(BRAND_PATH, 'utf8').then(
    (text) => parseBrandVoice(text, BRAND_PATH),
    () => undefined,
  );
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    results.push(
      text === undefined
        ? { file, kind: 'unknown', ok: false, problems: [{ where: file, message: 'cannot be read' }] }
        : checkFile(file, text, { brand, ...(await briefNear(file)) }),
    );
  }
  if (json) env.out(JSON.stringify(results, null, 2));
  else {
    for (const r of results) {
      env.out(`${r.ok ? '✓' : '✗'} ${r.file} (${r.kind})`);
      for (const p of r.problems) env.out(`    ${formatProblem(p)}`);
      if ('fix' in r && r.fix) env.out(`    fix: ${r.fix}`);
      for (const p of ('warnings' in r ? r.warnings : undefined) ?? [])
        env.out(`    warning: ${formatProblem(p)}`);
    }
  }
  return results.every((r) => r.ok) ? 0 : 1;
}

export async function keywords(env: CliEnv, files: string[], json: boolean): Promise<void> {
  if (files.length === 0) throw usageError('no files given', 'crescendo keywords <export.csv…>');
  const report = await keywordsReportFromPaths(files);
  env.out(json ? JSON.stringify(report, null, 2) : formatKeywordsTable(report));
  for (const w of json ? [] : report.warnings) env.out(`warning: ${w}`);
}

/** The demo publishes everything due by the end of its campaign window. */
export const DEMO_PUBLISH_AT = '2027-06-30T22:00:00Z';

/**
 * Publishing for real where it can offline: the blog posts into the Hugo folder `website/`, the emails over
 * SMTP to a mail server on loopback that keeps them in `mailbox/` as .eml files, social posts and ads as
 * dry runs (their exact requests kept next to the ledger). Both folders are committed for people to open.
 */
async function publishDemo(env: CliEnv, dir: string): Promise<void> {
  const mailbox = await startDemoMailbox(join(dir, 'mailbox'));
  env.out(
    `— publishing what is due by ${DEMO_PUBLISH_AT}: blog into website/, email to ${mailbox.url} (kept in mailbox/), social and ads as dry runs`,
  );
  let code: number;
  try {
    code = await publishCommand(
      ['--dir', dir, '--now', DEMO_PUBLISH_AT],
      { out: env.out, err: env.err ?? env.out },
      { env: { ...process.env, CRESCENDO_SMTP_URL: mailbox.url } },
    );
  } finally {
    await mailbox.close();
  }
  if (code !== 0) {
    throw new CrescendoError('the demo could not publish every entry', {
      where: `${dir}/campaigns/${EXAMPLE_ID}/ledger.yml`,
      fix: 'the lines above say which entry failed and why',
    });
  }
  await git(dir, ['add', '--', 'website', 'mailbox']);
  await git(dir, [
    'commit',
    '-q',
    '-m',
    'What the demo published: the Hugo site folder and the mailbox (sample)',
  ]);
}

/** A whole example campaign in a fresh repository, each stage approved, offline without a key. */
export async function demo(env: CliEnv, dirOption?: string): Promise<string> {
  const dir = resolve(dirOption ?? (await mkdtemp(join(tmpdir(), 'crescendo-demo-'))));
  const started = Date.now();
  await init(env, dir);
  // The team's brand voice, which content and review read.
  await mkdir(join(dir, '.github', 'crescendo'), { recursive: true });
  await copyFile(
    join(env.packageRoot, 'scripts', 'demo', 'brand.yml'),
    join(dir, '.github', 'crescendo', 'brand.yml'),
  );
  // The team's reviewed benchmarks, with the organic channels' monthly volumes the strategy plans from.
  await copyFile(
    join(env.packageRoot, 'scripts', 'demo', 'benchmarks.sample.yml'),
    join(dir, '.github', 'crescendo', 'benchmarks.yml'),
  );
  // Where the demo publishes: a Hugo folder, a mail server on this machine, dry runs for social and ads.
  await appendFile(
    join(dir, CONFIG_PATH),
    await readFile(join(env.packageRoot, 'scripts', 'demo', 'publishing.yml'), 'utf8'),
  );
  await git(dir, ['add', '.github/crescendo/brand.yml', '.github/crescendo/benchmarks.yml', CONFIG_PATH]);
  await git(dir, [
    'commit',
    '-q',
    '-m',
    'Add the brand voice, the benchmarks (sample numbers) and the publishing set-up',
  ]);
  const id = await start(env, dir, join(env.packageRoot, 'scripts', 'demo', 'brief.yml'));
  if (id !== EXAMPLE_ID) throw new CrescendoError('the demo brief has an unexpected id');
  for (const stage of ['research', 'strategy', 'content'] as const) {
    env.out(`— approving ${stage}`);
    await approveCommand(env, dir, id);
  }
  env.out('— the review: checks by code, then the model per asset, posted as a review with inline comments');
  await reviewCommand(env, dir, id);
  env.out('— the team verifies each claim against the product (sample: all ticked at once)');
  await verifyCommand(env, dir, id, [], { all: true });
  env.out('— approving review (assets sent back stay changes-requested and are not distributed)');
  await approveCommand(env, dir, id);
  env.out('— approving distribution (the campaign goes live)');
  await approveCommand(env, dir, id);
  await publishDemo(env, dir);
  env.out('— the campaign runs; the team exports its performance data (sample data)');
  // The team exports performance data after the campaign has run for a while: the channels' daily export,
  // the CRM's funnel (leads to revenue, as a HubSpot pull is saved) and its contacts' journeys.
  const data = join(dir, 'campaigns', id, 'data');
  const demoFile = (name: string) => join(env.packageRoot, 'scripts', 'demo', name);
  const pulled = 'hubspot-2027-04-01-2027-06-28.csv';
  await mkdir(join(data, 'metrics'), { recursive: true });
  await mkdir(join(data, 'touchpoints'), { recursive: true });
  await copyFile(demoFile('metrics.sample.csv'), join(data, 'metrics.csv'));
  await copyFile(demoFile('hubspot.sample.csv'), join(data, 'metrics', pulled));
  await copyFile(demoFile('touchpoints.sample.csv'), join(data, 'touchpoints', pulled));
  await git(dir, ['add', `campaigns/${id}/data`]);
  await git(dir, [
    'commit',
    '-q',
    '-m',
    `Add performance, CRM funnel and touchpoint exports for ${id} (sample data)`,
  ]);
  await runCommand(env, dir, id, 'measurement');
  env.out('— approving the measurement report');
  await approveCommand(env, dir, id);
  const files = (await git(dir, ['ls-files']))
    .split('\n')
    .filter((f) => f && !f.endsWith('.gitkeep') && f !== CONFIG_PATH);
  env.out('');
  env.out(`Demo finished in ${((Date.now() - started) / 1000).toFixed(1)} s. Repository: ${dir}`);
  env.out('Every artifact is marked as a sample (shipped answers, not a live model).');
  env.out('Artifacts on main:');
  for (const f of files) env.out(`  ${relative(dir, join(dir, f))}`);
  env.out(`History: git -C ${dir} log --oneline --graph`);
  return dir;
}
