import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAILY_CHECK_CRON, runPublishAction } from '../../actions/engine/action/publish-action.js';
import { ledgerPath, parseLedger } from '../../actions/engine/artifacts/ledger.js';
import { loadConfig } from '../../actions/engine/config/config.js';
import { GitHubForge } from '../../actions/engine/forge/github/github-forge.js';
import { CHANNELS_CHECK_MARKER } from '../../actions/engine/publishing/channels-check.js';
import {
  forgeLedgerStore,
  LEDGER_BRANCH,
  type LedgerStore,
} from '../../actions/engine/publishing/ledger-store.js';
import { PUBLISHING_MARKER } from '../../actions/engine/publishing/report.js';
import { publishDue } from '../../actions/engine/publishing/run.js';
import { DEFAULT_TOKEN, type FakeGitHub, startFakeGitHub } from '../fakes/github/index.js';
import { type Platforms, startPlatforms } from './harness.js';
import { BASE_PUBLISHING, CAMPAIGN, campaignRepo, committedFiles } from './repo.js';

/*
 * On GitHub the default branch is protected, so the live ledger is the branch `crescendo-ledger`, written
 * by compare-and-swap commits through the git data API; the runner's working tree is thrown away, so the
 * publishers' records (the SMTP sent log) live on that branch too.
 */

const DUE = '2027-04-10T00:00:00Z';
let github: FakeGitHub;
let platforms: Platforms;

beforeEach(async () => {
  github = await startFakeGitHub({ owner: 'acme', repo: 'site' });
  platforms = await startPlatforms();
  const issue = github.openIssue({ title: 'Q2 launch', body: 'campaign', author: 'acme' });
  const { dir } = await campaignRepo(BASE_PUBLISHING, undefined, issue.number);
  await github.seed(await committedFiles(dir), 'The approved distribution');
});
afterEach(async () => {
  await Promise.all([github.close(), platforms.close()]);
});

async function actionEnv(schedule: string, inputs: Record<string, string> = {}) {
  const temp = await mkdtemp(join(tmpdir(), 'crescendo-publish-action-'));
  const event = join(temp, 'event.json');
  await writeFile(event, JSON.stringify({ schedule }));
  return {
    ...platforms.env,
    GITHUB_REPOSITORY: 'acme/site',
    GITHUB_API_URL: github.url,
    GITHUB_EVENT_NAME: 'schedule',
    GITHUB_EVENT_PATH: event,
    GITHUB_RUN_ID: '41',
    RUNNER_TEMP: temp,
    CRESCENDO_GITHUB_THROTTLE_MS: '0',
    'INPUT_GITHUB-TOKEN': DEFAULT_TOKEN,
    INPUT_NOW: DUE,
    'INPUT_DRY-RUN': 'false',
    INPUT_CAMPAIGN: '',
    ...inputs,
  };
}

async function action(env: Record<string, string>) {
  platforms.clock.now = Date.parse(env.INPUT_NOW ?? DUE);
  try {
    return await runPublishAction(env);
  } finally {
    // core.setFailed marks the process as failed: this process is the test runner.
    process.exitCode = 0;
  }
}

const liveLedger = async () => {
  const text = await github.readFile(ledgerPath(CAMPAIGN), LEDGER_BRANCH);
  if (!text) throw new Error('no live ledger');
  return parseLedger(text, ledgerPath(CAMPAIGN));
};

describe('the publish action on GitHub', () => {
  it('publishes onto the ledger branch, leaves main alone, and tells the issue once', async () => {
    const main = (await github.branches()).main;
    const result = await action(await actionEnv('*/15 * * * *'));
    expect((await github.branches()).main).toBe(main);
    const ledger = await liveLedger();
    const byChannel = Object.fromEntries(
      ledger.entries.map((e) => [`${e.channel}#${e.variant}/${e.email ?? ''}`, e]),
    );
    expect(byChannel['linkedin#a/']?.status).toBe('published');
    expect(byChannel['x#a/']?.status).toBe('published');
    expect(byChannel['email#a/2']?.status).toBe('published');
    // A site folder would be thrown away with the runner: refused with the fix, not written and lost.
    expect(byChannel['blog#a/']).toMatchObject({
      status: 'failed',
      fix: expect.stringMatching(/repository/),
    });
    expect(result.status).toBe('attention');
    expect(await github.readFile(`campaigns/${CAMPAIGN}/email-sent.yml`, LEDGER_BRANCH)).toContain(
      'status: sent',
    );
    expect(await github.listFiles(LEDGER_BRANCH)).toEqual(
      expect.arrayContaining([ledgerPath(CAMPAIGN), `campaigns/${CAMPAIGN}/email-sent.yml`]),
    );
    expect((await github.listFiles(LEDGER_BRANCH)).some((f) => f.startsWith('content/'))).toBe(false);
    const comments = github.comments(1).filter((c) => c.body?.includes(PUBLISHING_MARKER));
    expect(comments).toHaveLength(1);

    // The next scheduled run: nothing new is due, the blog fails the same way, nothing is written.
    const tip = (await github.branches())[LEDGER_BRANCH];
    await action(await actionEnv('*/15 * * * *'));
    expect((await github.branches())[LEDGER_BRANCH]).toBe(tip);
    expect(platforms.linkedin.state.posts).toHaveLength(2);
    expect(platforms.mail.messages).toHaveLength(2);
  });

  it('checks every channel once a day and reports on the issue in one comment', async () => {
    const env = await actionEnv(DAILY_CHECK_CRON, { INPUT_NOW: '2027-04-05T00:00:00Z' });
    const first = await action({ ...env, LINKEDIN_ACCESS_TOKEN: 'tok-REVOKED-9f3' });
    expect(first.checks?.find((c) => c.channel === 'linkedin')?.state).toBe('failed');
    await action({ ...env, LINKEDIN_ACCESS_TOKEN: 'tok-REVOKED-9f3' });
    const comments = github.comments(1).filter((c) => c.body?.includes(CHANNELS_CHECK_MARKER));
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toMatch(/linkedin.*Fix:/s);
    expect(comments[0]?.body).not.toContain('tok-REVOKED-9f3');
    const fixed = await action(env);
    expect(fixed.checks?.find((c) => c.channel === 'linkedin')?.state).toBe('ok');
    expect(github.comments(1).filter((c) => c.body?.includes(CHANNELS_CHECK_MARKER))).toHaveLength(1);
  });
});

describe('the ledger branch on a fresh runner', () => {
  async function run(options: { runId: string; store?: (s: LedgerStore) => LedgerStore; wall?: string }) {
    const forge = await GitHubForge.create({
      token: DEFAULT_TOKEN,
      owner: 'acme',
      repo: 'site',
      baseUrl: github.url,
      throttle: { minTimeMs: 0, retryBaseMs: 10 },
      log: () => {},
    });
    const config = await loadConfig((p) => forge.readFile(p));
    const store = forgeLedgerStore(forge, LEDGER_BRANCH);
    platforms.clock.now = Date.parse(DUE);
    return publishDue({
      forge,
      store: options.store ? options.store(store) : store,
      publishing: config.publishing,
      env: platforms.env,
      fetch,
      root: await mkdtemp(join(tmpdir(), 'crescendo-runner-')),
      log: () => {},
      now: new Date(DUE),
      clock: () => new Date(options.wall ?? DUE),
      runId: options.runId,
      ephemeralRoot: true,
    });
  }

  it('a run killed after the call: the next reads the platform back; a lost sent log never sends twice', async () => {
    const dying = (store: LedgerStore): LedgerStore => ({
      ...store,
      async write(ledger, version, files, message) {
        if (/ published$/.test(message) && !/blog/.test(message)) throw new Error('killed');
        return store.write(ledger, version, files, message);
      },
    });
    const killed = await run({ runId: 'a', store: dying, wall: DUE });
    expect(killed.errors).toHaveLength(1);
    // The fresh runner has no sent log of the killed run: SMTP cannot be asked, so the email waits for a
    // person (unknown) and is never sent again; LinkedIn is read back and recorded.
    await run({ runId: 'b', wall: '2027-04-10T00:30:00Z' });
    const ledger = await liveLedger();
    const first = ledger.entries.find((e) => e.channel === 'linkedin' && e.variant === 'a');
    expect(first).toMatchObject({ status: 'published' });
    expect(platforms.linkedin.state.posts).toHaveLength(2);
    await run({ runId: 'c', wall: '2027-04-10T01:00:00Z' });
    expect(platforms.linkedin.state.posts).toHaveLength(2);
    expect(platforms.mail.messages.length).toBeLessThanOrEqual(2);
  });
});
