import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../actions/engine/artifacts/ledger.js';
import type { LedgerStore } from '../../actions/engine/publishing/ledger-store.js';
import { dailyLimit, liError } from '../fakes/linkedin/index.js';
import { DEFAULT_X_TOKEN, tooManyRequests } from '../fakes/x/index.js';
import { delivered, ledgerOf, type Platforms, publishAt, startPlatforms } from './harness.js';
import { campaignRepo } from './repo.js';
import { workspace } from './workspace.js';

/*
 * Every way a platform can refuse, and every way a run can die, on the fixture campaign: the entry concerned
 * fails (or waits) with the reason and the fix, the other entries still go out, and nothing is ever posted
 * twice. Each case then heals and runs again: the entry goes out exactly once.
 */

let platforms: Platforms | undefined;
afterEach(() => platforms?.close());

/** An address nothing listens on: connections are refused, as when a platform is down. */
let closedPort = '';
/** The approved campaign, built once: each test publishes it in a workspace of its own. */
let repo: Awaited<ReturnType<typeof campaignRepo>>;
beforeAll(async () => {
  repo = await campaignRepo();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closedPort = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const DUE = '2027-04-10T00:00:00Z';
const LATER = '2027-04-10T06:00:00Z';
const ALL_OUT = { linkedin: 2, x: 1, email: 2, blog: 1 };

const byChannel = (entries: LedgerEntry[], channel: string) => entries.filter((e) => e.channel === channel);

interface Fault {
  name: string;
  channel: 'linkedin' | 'x' | 'email';
  code: string;
  fix: RegExp;
  start?: Parameters<typeof startPlatforms>[0];
  env?: (p: Platforms) => Record<string, string | undefined>;
  before?: (p: Platforms) => void;
  heal?: (p: Platforms) => void;
}

const FAULTS: Fault[] = [
  {
    name: 'missing credentials (X)',
    channel: 'x',
    code: 'missing-credentials',
    fix: /X_REFRESH_TOKEN|X_ACCESS_TOKEN/,
    env: () => ({ X_ACCESS_TOKEN: undefined }),
  },
  {
    name: 'an expired LinkedIn token (401 EXPIRED_ACCESS_TOKEN)',
    channel: 'linkedin',
    code: 'expired',
    fix: /LINKEDIN_ACCESS_TOKEN/,
    start: { linkedin: { expiredTokens: ['old-token'] } },
    env: () => ({ LINKEDIN_ACCESS_TOKEN: 'old-token' }),
  },
  {
    name: 'a retired LinkedIn API version (426)',
    channel: 'linkedin',
    code: 'version-retired',
    fix: /publishing\.linkedin\.version/,
    start: { linkedin: { retiredVersions: ['202609'] } },
  },
  {
    name: 'a refused X token (401)',
    channel: 'x',
    code: 'expired',
    fix: /X_/,
    env: () => ({ X_ACCESS_TOKEN: 'revoked' }),
  },
  {
    name: 'no access to the LinkedIn page (403 ACCESS_DENIED)',
    channel: 'linkedin',
    code: 'forbidden',
    fix: /w_organization_social|ADMINISTRATOR/,
    start: { linkedin: { organizations: ['999'] } },
  },
  {
    name: 'a LinkedIn 422 that is not a duplicate',
    channel: 'linkedin',
    code: 'invalid',
    fix: /./,
    before: (p) =>
      p.linkedin.failNext({
        route: 'POST /rest/posts',
        ...liError(422, 'UNPROCESSABLE_ENTITY', 'ERROR :: /commentary :: is invalid'),
      }),
  },
  {
    name: "LinkedIn's daily limit (429, no rate-limit headers)",
    channel: 'linkedin',
    code: 'rate-limited',
    fix: /./,
    before: (p) => p.linkedin.failNext({ route: 'POST /rest/posts', ...dailyLimit() }),
  },
  {
    name: 'LinkedIn down (connection refused)',
    channel: 'linkedin',
    code: 'unavailable',
    fix: /./,
    env: () => ({ CRESCENDO_LINKEDIN_API_URL: closedPort }),
  },
  {
    name: 'the mail server refusing the recipient (550)',
    channel: 'email',
    code: 'invalid',
    fix: /./,
    before: (p) => p.mail.failNext({ at: 'rcpt', code: 550, message: '5.1.1 Mailbox unavailable' }),
  },
];

describe('a platform refusing: the entry fails with reason and fix, the others go out, nothing twice', () => {
  it.each(FAULTS)('$name', async (fault) => {
    platforms = await startPlatforms(fault.start);
    const p = platforms;
    const dir = await workspace(repo.forge);
    fault.before?.(p);
    const broken = fault.env?.(p) ?? {};
    await publishAt(dir, p, DUE, { env: broken });
    const ledger = await ledgerOf(dir);
    const failed = byChannel(ledger.entries, fault.channel).filter((e) => e.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const entry of failed) {
      if (entry.status !== 'failed') continue;
      expect(entry.code).toBe(fault.code);
      expect(entry.reason.length).toBeGreaterThan(10);
      expect(entry.fix).toMatch(fault.fix);
    }
    for (const entry of ledger.entries.filter((e) => e.channel !== fault.channel)) {
      expect(entry.status, `${entry.channel} ${entry.variant}`).toBe('published');
    }
    // Healed (or the limit is over): the next run publishes what failed, once.
    const retryAt = failed.map((e) => (e.status === 'failed' ? e.retryAt : undefined)).find(Boolean);
    const healed = Object.fromEntries(Object.keys(broken).map((k) => [k, p.env[k]]));
    if (fault.name.includes('expired')) healed.LINKEDIN_ACCESS_TOKEN = p.env.LINKEDIN_ACCESS_TOKEN;
    if (fault.start?.linkedin) {
      await p.close();
      platforms = await startPlatforms();
      const fresh = platforms;
      // What the first fake received stays counted: nothing of this channel reached it.
      expect(fresh.linkedin.state.posts).toHaveLength(0);
      await publishAt(dir, fresh, retryAt ?? LATER);
      expect(new Set((await ledgerOf(dir)).entries.map((e) => e.status))).toEqual(new Set(['published']));
      expect(fresh.linkedin.state.posts.length).toBe(2);
      return;
    }
    await publishAt(dir, p, retryAt ?? LATER, { env: healed });
    expect(new Set((await ledgerOf(dir)).entries.map((e) => e.status))).toEqual(new Set(['published']));
    expect(await delivered(dir, p)).toEqual(ALL_OUT);
  });

  it('a rate limit waits until the platform said, then goes out once', async () => {
    platforms = await startPlatforms();
    const p = platforms;
    const dir = await workspace(repo.forge);
    const reset = Date.parse('2027-04-10T00:30:00Z') / 1000;
    p.x.failNext({ route: 'POST /2/tweets', ...tooManyRequests(reset) });
    await publishAt(dir, p, DUE);
    const [entry] = byChannel((await ledgerOf(dir)).entries, 'x');
    expect(entry).toMatchObject({
      status: 'failed',
      code: 'rate-limited',
      retryAt: '2027-04-10T00:30:00.000Z',
    });
    const writes = dir.store.writes;
    await publishAt(dir, p, '2027-04-10T00:15:00Z');
    expect(dir.store.writes).toBe(writes);
    await publishAt(dir, p, '2027-04-10T00:30:00Z');
    expect(byChannel((await ledgerOf(dir)).entries, 'x')[0]?.status).toBe('published');
    expect(p.x.posts).toHaveLength(1);
  });

  it('X answering "duplicate content": the earlier post is found and recorded, not posted again', async () => {
    platforms = await startPlatforms();
    const p = platforms;
    const dir = await workspace(repo.forge);
    const { ledger } = repo;
    const x = byChannel(ledger.entries, 'x')[0];
    // An earlier run posted it and died before writing the ledger (or a person posted the same text).
    const planned = await publishAt(dir, p, DUE, { planOnly: true });
    const request = planned.runs[0]?.results.find((r) => r.entry.key === x?.key)?.requests?.at(-1);
    const text = (request?.body as { text?: string } | undefined)?.text;
    expect(text).toMatch(/Marketing automation, reviewed like code/);
    p.clock.now = Date.parse('2027-04-06T11:00:05Z');
    const posted = await fetch(`${p.x.url}/2/tweets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DEFAULT_X_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    });
    expect(posted.status).toBe(201);
    await publishAt(dir, p, DUE);
    const after = byChannel((await ledgerOf(dir)).entries, 'x')[0];
    expect(after).toMatchObject({ key: x?.key, status: 'published' });
    expect(p.x.posts).toHaveLength(1);
  });
});

/** A store that dies at the write whose message matches: the process killed between call and record. */
const dyingAt =
  (pattern: RegExp) =>
  (store: LedgerStore): LedgerStore => ({
    ...store,
    async write(ledger, version, files, message) {
      if (pattern.test(message)) throw new Error('killed');
      return store.write(ledger, version, files, message);
    },
  });

describe('a run killed between the platform call and the ledger write', () => {
  it.each(['linkedin', 'email', 'blog', 'x'] as const)(
    '%s: the next run finds what went out and records it, without a second post',
    async (channel) => {
      platforms = await startPlatforms();
      const p = platforms;
      const dir = await workspace(repo.forge);
      const { ledger } = repo;
      const entry = byChannel(ledger.entries, channel)[0];
      if (!entry) throw new Error('no entry');
      const killed = await publishAt(dir, p, DUE, {
        store: dyingAt(new RegExp(`^Publish: ${entry.key} published`)),
        wall: '2027-04-10T00:00:00Z',
      });
      expect(killed.errors.map((e) => e.message)).toEqual(['killed']);
      expect((await ledgerOf(dir)).entries.find((e) => e.key === entry.key)?.status).toBe('publishing');
      const sent = await delivered(dir, p);

      // The next scheduled run, after the claim's lease: it reads the platform back instead of publishing.
      await publishAt(dir, p, DUE, { wall: '2027-04-10T00:20:00Z' });
      const recorded = (await ledgerOf(dir)).entries.find((e) => e.key === entry.key);
      expect(recorded).toMatchObject({
        status: 'published',
        note: expect.stringMatching(/reading the platform back/),
      });
      // Every entry reached its platform exactly once: the one that was out already was not sent again.
      expect(sent[channel]).toBeGreaterThan(0);
      expect(await delivered(dir, p)).toEqual(ALL_OUT);
    },
  );

  it('a claim whose call never happened becomes unknown, is never retried alone, and a person is told', async () => {
    platforms = await startPlatforms();
    const p = platforms;
    const dir = await workspace(repo.forge);
    const { ledger } = repo;
    const entry = byChannel(ledger.entries, 'linkedin')[0];
    if (!entry) throw new Error('no entry');
    const claimed = {
      ...ledger,
      entries: ledger.entries.map((e) =>
        e.key === entry.key
          ? { ...e, status: 'publishing' as const, run: 'dead-run', claimedAt: '2027-04-10T00:00:00.000Z' }
          : e,
      ),
    };
    dir.store.edit(claimed);

    // Within the lease the claim is respected.
    await publishAt(dir, p, DUE, { wall: '2027-04-10T00:05:00Z' });
    expect((await ledgerOf(dir)).entries.find((e) => e.key === entry.key)?.status).toBe('publishing');
    // After it, the platform is read back: nothing there, so the outcome is unknown, not retried.
    await publishAt(dir, p, DUE, { wall: '2027-04-10T00:20:00Z' });
    const unknown = (await ledgerOf(dir)).entries.find((e) => e.key === entry.key);
    expect(unknown).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/dead-run/) });
    await publishAt(dir, p, LATER, { wall: LATER });
    expect((await ledgerOf(dir)).entries.find((e) => e.key === entry.key)?.status).toBe('unknown');
    expect(p.linkedin.state.posts).toHaveLength(1);
    expect(JSON.stringify(dir.forge.comments)).toContain('Needs a person');

    // The person looked on LinkedIn, found nothing, and set it back to scheduled: it goes out once.
    const looked = await ledgerOf(dir);
    dir.store.edit({
      ...looked,
      entries: looked.entries.map((e) =>
        e.key === entry.key ? { ...entry, status: 'scheduled' as const } : e,
      ),
    });
    await publishAt(dir, p, LATER, { wall: LATER });
    expect((await ledgerOf(dir)).entries.find((e) => e.key === entry.key)?.status).toBe('published');
    expect(p.linkedin.state.posts).toHaveLength(2);
  });
});
