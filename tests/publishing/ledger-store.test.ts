import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ledger, ledgerPath, renderLedger } from '../../actions/engine/artifacts/ledger.js';
import type { Forge } from '../../actions/engine/forge/forge.js';
import { GitHubForge } from '../../actions/engine/forge/github/github-forge.js';
import { LocalForge } from '../../actions/engine/forge/local/local-forge.js';
import {
  forgeLedgerStore,
  LEDGER_BRANCH,
  type LedgerStore,
} from '../../actions/engine/publishing/ledger-store.js';
import { DEFAULT_TOKEN, type FakeGitHub, startFakeGitHub } from '../fakes/github/index.js';
import { freshRepo } from '../helpers.js';
import { memoryStore } from './workspace.js';

/*
 * The contract every ledger store keeps, because two runs must never both claim an entry: a write based on
 * the version last read lands once; a second write based on the same version is a conflict, and nothing of
 * it is kept. The run's own logic is tested on the memory store (run.test.ts, faults.test.ts); this file
 * proves the git and GitHub stores keep the same contract.
 */

const CAMPAIGN = 'cas';
const approved: Ledger = {
  campaign: CAMPAIGN,
  entries: [
    {
      key: 'aaaaaaaaaaaa',
      path: 'content/cas/x/2027-04-06-post.md',
      type: 'social-post',
      channel: 'x',
      variant: 'a',
      publisher: 'x',
      publishAt: '2027-04-06T10:00:00Z',
      status: 'scheduled',
    },
  ],
};
const claimed = (run: string): Ledger => ({
  ...approved,
  entries: approved.entries.map((e) => ({
    ...e,
    status: 'publishing' as const,
    run,
    claimedAt: '2027-04-06T10:00:00.000Z',
  })),
});

async function contract(store: LedgerStore) {
  const first = await store.read(CAMPAIGN);
  expect(first?.ledger.entries[0]?.status).toBe('scheduled');
  const files = [{ path: `campaigns/${CAMPAIGN}/email-sent.yml`, content: 'sent: []\n' }];
  const [a, b] = await Promise.all([
    store.write(claimed('run-a'), first?.version, files, 'Publish: claim by a'),
    store.write(claimed('run-b'), first?.version, [], 'Publish: claim by b'),
  ]);
  expect([a, b].filter((w) => w === 'conflict')).toHaveLength(1);
  const winner = a === 'conflict' ? 'run-b' : 'run-a';
  const after = await store.read(CAMPAIGN);
  expect(after?.ledger.entries[0]).toMatchObject({ status: 'publishing', run: winner });
  expect(after?.version).not.toBe(first?.version);
  // A write based on the stale version never lands, even alone.
  expect(await store.write(approved, first?.version, [], 'Publish: stale')).toBe('conflict');
  if (winner === 'run-a') {
    expect(await store.readFile(files[0]?.path ?? '', after?.version)).toBe('sent: []\n');
  }
}

describe('ledger stores: compare-and-swap', () => {
  let github: FakeGitHub;
  beforeAll(async () => {
    github = await startFakeGitHub({ owner: 'acme', repo: 'site' });
    await github.seed({ [ledgerPath(CAMPAIGN)]: renderLedger(approved) }, 'The approved ledger');
  });
  afterAll(() => github.close());

  it('in memory (what the run tests use)', async () => {
    const forge = { readFile: async () => renderLedger(approved) } as unknown as Forge;
    await contract(memoryStore(forge));
  });

  it('on the default branch of a git repository (local mode)', async () => {
    const { dir } = await freshRepo();
    const forge = await LocalForge.open(dir);
    await forge.commitFiles({
      branch: forge.defaultBranch,
      base: forge.defaultBranch,
      message: 'The approved ledger',
      changes: [{ path: ledgerPath(CAMPAIGN), content: renderLedger(approved) }],
    });
    await contract(forgeLedgerStore(forge));
  });

  it('on the ledger branch through the GitHub API, main untouched', async () => {
    const forge = await GitHubForge.create({
      token: DEFAULT_TOKEN,
      owner: 'acme',
      repo: 'site',
      baseUrl: github.url,
      throttle: { minTimeMs: 0, retryBaseMs: 10 },
      log: () => {},
    });
    const main = (await github.branches()).main;
    await contract(forgeLedgerStore(forge, LEDGER_BRANCH));
    expect((await github.branches()).main).toBe(main);
    expect(await github.readFile(ledgerPath(CAMPAIGN), LEDGER_BRANCH)).toContain('status: publishing');
  });
});
