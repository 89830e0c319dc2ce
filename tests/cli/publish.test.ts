import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git } from '../../actions/engine/forge/local/git.js';
import { CHANNELS_CHECK_MARKER } from '../../actions/engine/publishing/channels-check.js';
import { main } from '../../scripts/cli/main.js';
import { channelsCommand, publishCommand } from '../../scripts/cli/publish.js';
import { packageRoot } from '../helpers.js';
import { type Platforms, startPlatforms } from '../publishing/harness.js';
import { campaignRepo, fixtureAssets } from '../publishing/repo.js';

/*
 * `crescendo publish` and `crescendo channels check` as a person runs them, on a campaign with one approved
 * X post and one LinkedIn post (two variants): the output, the exit codes, and what lands in the repository.
 */

const PUBLISHING = `
publishing:
  linkedin:
    organizationId: 2414183
  x: {}
`;

let platforms: Platforms;
let dir: string;
const out: string[] = [];
const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
const text = () => out.splice(0).join('\n');
const head = async () => (await git(dir, ['rev-parse', 'HEAD'])).trim();

beforeAll(async () => {
  platforms = await startPlatforms();
  const assets = fixtureAssets().filter((a) => a.channel === 'x' || a.channel === 'linkedin');
  ({ dir } = await campaignRepo(PUBLISHING, assets));
});
afterAll(() => platforms.close());

describe('crescendo publish', () => {
  it('refuses a time without a zone, and an unknown channels subcommand, with the usage (exit 2)', async () => {
    const env = { packageRoot, out: io.out, err: io.err };
    expect(await main(['publish', '--dir', dir, '--now', '2027-04-10 09:00'], env)).toBe(2);
    expect(text()).toMatch(/--now "2027-04-10 09:00" is not an ISO 8601 time with a zone[\s\S]*usage:/);
    expect(await main(['channels', 'list'], env)).toBe(2);
    expect(text()).toMatch(/unknown subcommand "list"/);
  });

  it('--dry-run prints the requests; then publishes what is due; a second run publishes and changes nothing', async () => {
    const deps = { env: platforms.env, fetch };
    const before = await head();
    platforms.clock.now = Date.parse('2027-04-06T10:30:00Z');
    expect(await publishCommand(['--dir', dir, '--now', '2027-04-06T10:30:00Z', '--dry-run'], io, deps)).toBe(
      0,
    );
    const dry = text();
    expect(dry).toMatch(/^DRY RUN/);
    expect(dry).toContain(`POST ${platforms.linkedin.url}/rest/posts`);
    expect(dry).not.toContain(platforms.env.LINKEDIN_ACCESS_TOKEN);
    expect(await head()).toBe(before);
    expect(platforms.linkedin.state.posts).toHaveLength(0);

    // 10:30: the LinkedIn post (10:00) is due, the X post (11:00) and variant b (the next day) are not.
    expect(await publishCommand(['--dir', dir, '--now', '2027-04-06T10:30:00Z'], io, deps)).toBe(0);
    expect(text()).toMatch(/1 published at 2027-04-06T10:30:00.000Z \(1 campaign with an approved ledger\)/);
    const ledger = await readFile(join(dir, 'campaigns', 'q2-2027-launch', 'ledger.yml'), 'utf8');
    expect(ledger.match(/status: published/g)).toHaveLength(1);
    expect(ledger).toContain('url: https://www.linkedin.com/feed/update/urn:li:share:');

    const tip = await head();
    expect(await publishCommand(['--dir', dir, '--now', '2027-04-06T10:30:00Z'], io, deps)).toBe(0);
    expect(text()).toMatch(/^Nothing due at 2027-04-06T10:30:00.000Z/m);
    expect(await head()).toBe(tip);
    expect(platforms.linkedin.state.posts).toHaveLength(1);
  });
});

describe('crescendo channels check', () => {
  it('proves each credential with a read-only call, says what to fix, and tells the issue once', async () => {
    const posts = platforms.linkedin.state.posts.length;
    const broken = { env: { ...platforms.env, LINKEDIN_ACCESS_TOKEN: 'tok-REVOKED-51c' }, fetch };
    expect(await channelsCommand(['check', '--dir', dir], io, broken)).toBe(1);
    const failed = text();
    expect(failed).toMatch(/✗ linkedin[\s\S]*w_organization_social/);
    expect(failed).toMatch(/✓ x/);
    expect(failed).not.toContain('tok-REVOKED-51c');
    expect(await channelsCommand(['check', '--dir', dir], io, broken)).toBe(1);
    text();
    const records = JSON.parse(await readFile(join(dir, '.git', 'crescendo', 'records.json'), 'utf8'));
    const comments = (records.comments as { body: string }[]).filter((c) =>
      c.body.includes(CHANNELS_CHECK_MARKER),
    );
    expect(comments).toHaveLength(1);

    expect(await channelsCommand(['check', '--dir', dir], io, { env: platforms.env, fetch })).toBe(0);
    expect(text()).toMatch(/✓ linkedin/);
    // Read-only: nothing was posted by checking.
    expect(platforms.linkedin.state.posts).toHaveLength(posts);
  });
});
