import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { git } from '../../actions/engine/forge/local/git.js';
import { LocalForge } from '../../actions/engine/forge/local/local-forge.js';
import { PUBLISHING_MARKER } from '../../actions/engine/publishing/report.js';
import { delivered, head, ledgerOf, type Platforms, publishAt, startPlatforms, statuses } from './harness.js';
import { campaignRepo, ISSUE } from './repo.js';
import { type Workspace, workspace } from './workspace.js';

/*
 * The publish run on a real repository (local mode: the ledger on main, each write a compare-and-swap git
 * commit), and the schedule's logic (due times, catching up, replays) on a workspace whose ledger is in
 * memory behind the same contract, so those runs cost no git process.
 */

let platforms: Platforms;
let template: Awaited<ReturnType<typeof campaignRepo>>;
let dir: string;
let ws: Workspace;

beforeAll(async () => {
  template = await campaignRepo();
});
beforeEach(async () => {
  platforms = await startPlatforms();
});
afterEach(() => platforms.close());

/** A copy of the approved repository, for a test that writes its ledger on main. */
async function freshCopy(): Promise<string> {
  const copy = join(await mkdtemp(join(tmpdir(), 'crescendo-publish-repo-')), 'repo');
  await cp(template.dir, copy, { recursive: true });
  return copy;
}

const ALL_OUT = { linkedin: 2, x: 1, email: 2, blog: 1 };

describe('a publish run on a repository', () => {
  beforeEach(async () => {
    dir = await freshCopy();
  });

  it('publishes everything due, records each outcome, tells the issue once, and a second run changes nothing', async () => {
    const first = await publishAt(dir, platforms, '2027-04-10T00:00:00Z');
    expect(first.errors).toEqual([]);
    expect(await delivered(dir, platforms)).toEqual(ALL_OUT);
    const ledger = await ledgerOf(dir);
    expect(new Set(ledger.entries.map((e) => e.status))).toEqual(new Set(['published']));
    const blog = ledger.entries.find((e) => e.channel === 'blog');
    expect(blog).toMatchObject({
      status: 'published',
      url: 'https://crescendo.dev/posts/marketing-automation-pull-requests/',
    });
    const email = ledger.entries.find((e) => e.channel === 'email' && e.email === 2);
    expect(email?.status === 'published' && email.remoteId).toMatch(/^<crescendo\.[0-9a-f]{12}\./);
    // The SMTP sent log is committed with the ledger, so `find` knows what went out on any machine.
    expect(await git(dir, ['ls-files', 'campaigns'])).toContain('email-sent.yml');
    expect(await git(dir, ['status', '--porcelain', '--', 'campaigns'])).toBe('');

    const before = await head(dir);
    const again = await publishAt(dir, platforms, '2027-04-10T00:00:00Z');
    expect(again.runs[0]?.results).toEqual([]);
    expect(await head(dir)).toBe(before);
    expect(await delivered(dir, platforms)).toEqual(ALL_OUT);

    const forge = await LocalForge.open(dir);
    const records = JSON.parse(await readFile(`${forge.dir}/.git/crescendo/records.json`, 'utf8'));
    const comments = (records.comments as { issue: number; body: string }[]).filter((c) =>
      c.body.includes(PUBLISHING_MARKER),
    );
    expect(comments).toHaveLength(1);
    expect(comments[0]?.issue).toBe(ISSUE);
    expect(comments[0]?.body).toContain('6 published');
  });
  it('--dry-run shows the exact requests, redacted, and sends and writes nothing', async () => {
    const before = await head(dir);
    const run = await publishAt(dir, platforms, '2027-04-10T00:00:00Z', { planOnly: true });
    const text = run.lines.join('\n');
    expect(text).toContain(`POST ${platforms.linkedin.url}/rest/posts`);
    expect(text).toContain(`POST ${platforms.x.url}/2/tweets`);
    expect(text).toContain('SMTP');
    expect(text).toContain('Bearer <redacted>');
    expect(text).not.toContain('li-token');
    expect(text).not.toContain('x-token');
    expect(await head(dir)).toBe(before);
    expect(await delivered(dir, platforms)).toEqual({ linkedin: 0, x: 0, email: 0, blog: 0 });
  });
});

describe('the schedule: what is due, catching up, replays', () => {
  beforeEach(async () => {
    ws = await workspace(template.forge);
  });

  it('publishes nothing before it is due', async () => {
    const before = ws.store.writes;
    const run = await publishAt(ws, platforms, '2027-04-06T08:59:00Z');
    expect(run.runs[0]?.results).toEqual([]);
    expect(ws.store.writes).toBe(before);
    expect(await delivered(ws, platforms)).toEqual({ linkedin: 0, x: 0, email: 0, blog: 0 });
  });

  it('catches up after the schedule was dropped for three hours', async () => {
    await publishAt(ws, platforms, '2027-04-06T08:45:00Z');
    // Runs at 09:00, 09:15, … 11:45 never happened; the 12:00 run does what they would have done.
    await publishAt(ws, platforms, '2027-04-06T12:00:00Z');
    expect(statuses(await ledgerOf(ws))).toEqual({
      'blog#a': 'published',
      'linkedin#a': 'published',
      'x#a': 'published',
      'email#a/1': 'published',
      'linkedin#b': 'scheduled',
      'email#a/2': 'scheduled',
    });
    expect(await delivered(ws, platforms)).toEqual({ linkedin: 1, x: 1, email: 1, blog: 1 });
  });

  it('replaying every run publishes nothing twice', async () => {
    const times = [
      '2027-04-06T09:00:00Z',
      '2027-04-06T11:30:00Z',
      '2027-04-07T10:15:00Z',
      '2027-04-09T12:00:00Z',
    ];
    for (const now of times) await publishAt(ws, platforms, now);
    const ledger = await ledgerOf(ws);
    const tip = ws.store.writes;
    for (const now of times) await publishAt(ws, platforms, now);
    expect(await delivered(ws, platforms)).toEqual(ALL_OUT);
    expect(await ledgerOf(ws)).toEqual(ledger);
    expect(ws.store.writes).toBe(tip);
  });

  it("two runs at once publish each entry once (the stores' compare-and-swap: ledger-store.test.ts)", async () => {
    const [a, b] = await Promise.all([
      publishAt(ws, platforms, '2027-04-10T00:00:00Z', { runId: 'run-a' }),
      publishAt(ws, platforms, '2027-04-10T00:00:00Z', { runId: 'run-b' }),
    ]);
    expect(await delivered(ws, platforms)).toEqual(ALL_OUT);
    const published = [...a.runs, ...b.runs]
      .flatMap((r) => r.results)
      .filter((r) => r.action === 'published');
    expect(published).toHaveLength(6);
    expect(new Set(published.map((r) => r.entry.key)).size).toBe(6);
    expect(new Set((await ledgerOf(ws)).entries.map((e) => e.status))).toEqual(new Set(['published']));
  });
});
