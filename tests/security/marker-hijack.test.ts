import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitHubForge } from '../../actions/engine/forge/github/github-forge.js';
import { isAuthoredBy } from '../../actions/engine/forge/github/identity.js';
import { PROGRESS_MARKER } from '../../actions/engine/runner/progress.js';
import { DEFAULT_TOKEN, type FakeGitHub, startFakeGitHub } from '../fakes/github/index.js';
import { freshRepo } from '../helpers.js';

/**
 * The markers Crescendo puts in its comments (`<!-- crescendo:progress -->`, …) are lookup keys, never proof
 * of authorship: anyone can type one. A comment is edited in place only when the identity the action runs as
 * wrote it; otherwise Crescendo writes its own.
 */
let fake: FakeGitHub;
let forge: GitHubForge;

beforeAll(async () => {
  fake = await startFakeGitHub({
    owner: 'acme',
    repo: 'site',
    collaborators: { maria: 'write', 'other-app[bot]': 'write' },
    private: false,
  });
  await fake.seed({ 'README.md': '# site\n' });
  forge = await GitHubForge.create({
    token: DEFAULT_TOKEN,
    owner: 'acme',
    repo: 'site',
    baseUrl: fake.url,
    throttle: { minTimeMs: 0, retryBaseMs: 10 },
    log: () => {},
  });
});
afterAll(async () => {
  await fake?.close();
});

const progress = (text: string) => `${PROGRESS_MARKER}\n### Crescendo\n\n${text}`;

describe('marker hijack on GitHub', () => {
  it("an outsider's comment carrying the progress marker is never edited, before or after ours exists", async () => {
    const issue = fake.openIssue({ title: 'Campaign: spring', body: 'b', author: 'maria' });
    const bait = `${PROGRESS_MARKER}\nI am the campaign progress now.`;
    const before = fake.addComment(issue.number, { body: bait, author: 'olga' });

    const ours = await forge.upsertComment(issue.number, PROGRESS_MARKER, progress('research in review'));
    expect(ours.id).not.toBe(before.id);
    const after = fake.addComment(issue.number, { body: bait, author: 'olga' });
    const again = await forge.upsertComment(issue.number, PROGRESS_MARKER, progress('strategy in review'));
    expect(again.id).toBe(ours.id);

    const comments = fake.comments(issue.number);
    expect(comments.map((c) => [c.user.login, c.body])).toEqual([
      ['olga', bait],
      ['github-actions[bot]', progress('strategy in review')],
      ['olga', bait],
    ]);
    expect(comments.find((c) => c.id === after.id)?.updated_at).toBe(after.updated_at);
  });

  it('nor is one by another bot in the repository', async () => {
    const issue = fake.openIssue({ title: 'Campaign: summer', body: 'b', author: 'maria' });
    const other = fake.addComment(issue.number, {
      body: progress('quoted by a bot'),
      author: 'other-app[bot]',
    });
    const ours = await forge.upsertComment(issue.number, PROGRESS_MARKER, progress('research in review'));
    expect(ours.id).not.toBe(other.id);
    expect(fake.comments(issue.number).find((c) => c.id === other.id)?.body).toBe(
      progress('quoted by a bot'),
    );
  });

  it('authorship rules: exact login for people; a bot under either spelling; bots only when unknown', () => {
    const person = { login: 'olga', type: 'User' };
    const actions = { login: 'github-actions[bot]', type: 'Bot' };
    expect(isAuthoredBy(actions, 'github-actions[bot]')).toBe(true);
    // GraphQL may name an App's bot user without the suffix.
    expect(isAuthoredBy(actions, 'github-actions')).toBe(true);
    expect(isAuthoredBy(person, 'github-actions[bot]')).toBe(false);
    expect(isAuthoredBy({ login: 'github-actions', type: 'User' }, 'github-actions[bot]')).toBe(false);
    expect(isAuthoredBy({ login: 'other-app[bot]', type: 'Bot' }, 'github-actions[bot]')).toBe(false);
    expect(isAuthoredBy({ login: 'Maria', type: 'User' }, 'maria')).toBe(true);
    // Identity unknown (GitHub would not say): a person can never pass as us.
    expect(isAuthoredBy(person, undefined)).toBe(false);
    expect(isAuthoredBy(actions, undefined)).toBe(true);
    expect(isAuthoredBy(null, 'github-actions[bot]')).toBe(false);
  });
});

describe('marker hijack in a local repository', () => {
  it('a comment in the records by someone else is never edited', async () => {
    const { forge: local, dir } = await freshRepo();
    await local.comment(1, 'first');
    const path = join(dir, '.git', 'crescendo', 'records.json');
    const records = JSON.parse(await readFile(path, 'utf8')) as { comments: object[] };
    records.comments.push({ id: 2, issue: 1, body: `${PROGRESS_MARKER}\nnot yours`, author: 'olga' });
    await writeFile(path, JSON.stringify(records));

    const ours = await local.upsertComment(1, PROGRESS_MARKER, progress('one'));
    await local.upsertComment(1, PROGRESS_MARKER, progress('two'));
    const after = JSON.parse(await readFile(path, 'utf8')) as {
      comments: { id: number; body: string; author?: string }[];
    };
    expect(ours.id).not.toBe(2);
    expect(after.comments.find((c) => c.id === 2)?.body).toBe(`${PROGRESS_MARKER}\nnot yours`);
    expect(after.comments.filter((c) => c.body.includes(PROGRESS_MARKER))).toHaveLength(2);
    expect(after.comments.find((c) => c.id === ours.id)?.body).toBe(progress('two'));
  });
});
