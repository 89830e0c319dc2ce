import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitHubForge } from '../../actions/engine/forge/github/github-forge.js';
import type { LocalForge } from '../../actions/engine/forge/local/local-forge.js';
import { DEFAULT_TOKEN, type FakeGitHub, startFakeGitHub } from '../fakes/github/index.js';
import { freshRepo } from '../helpers.js';

const request = (body: string) => ({
  title: 'Next cycle for Q2',
  body,
  labels: ['next-cycle', 'crescendo', 'campaign:q2'],
  marker: '<!-- crescendo:next-cycle:q2 -->',
});

async function collect(stream: AsyncIterable<Uint8Array>): Promise<{ chunks: number; bytes: Buffer }> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk));
  return { chunks: parts.length, bytes: Buffer.concat(parts) };
}

/** 1.3 MB: above the 1 MB the contents API answers inline. */
const big = Buffer.from('date,channel\n'.concat('2027-04-13,blog\n'.repeat(80_000)));

describe('LocalForge: issues opened once, files streamed', () => {
  let forge: LocalForge;

  beforeAll(async () => {
    ({ forge } = await freshRepo());
    await forge.commitFiles({
      branch: 'main',
      base: 'main',
      message: 'data',
      changes: [{ path: 'data/big.csv', content: big.toString() }],
    });
  });

  it('streams a committed file chunk by chunk, whole, and fails for a missing one', async () => {
    const { chunks, bytes } = await collect(forge.readStream('data/big.csv'));
    expect(bytes.equals(big)).toBe(true);
    expect(chunks).toBeGreaterThan(1);
    await expect(collect(forge.readStream('data/none.csv'))).rejects.toThrow(
      /git cat-file blob main:data\/none.csv failed/,
    );
  });

  it('opens an issue once: a re-run finds it by its marker and brings its body up to date', async () => {
    const first = await forge.openIssue(request('three recommendations'));
    const again = await forge.openIssue(request('four recommendations'));
    expect(first.created).toBe(true);
    expect(again).toEqual({ ...first, created: false });
    const issues = await forge.listIssues();
    expect(issues).toHaveLength(1);
    expect(issues[0]?.body).toBe('four recommendations\n\n<!-- crescendo:next-cycle:q2 -->');
  });
});

describe('GitHubForge: issues opened once, files streamed', () => {
  let fake: FakeGitHub;
  let forge: GitHubForge;
  const options = () => ({
    token: DEFAULT_TOKEN,
    owner: 'acme',
    repo: 'site',
    baseUrl: fake.url,
    throttle: { minTimeMs: 0, retryBaseMs: 10 },
  });

  beforeAll(async () => {
    fake = await startFakeGitHub({ owner: 'acme', repo: 'site' });
    await fake.seed(
      {
        'README.md': '# site\n',
        'data/m.csv': 'date,channel\n2027-04-13,blog\n',
        'data/big.csv': big.toString(),
      },
      'Initial commit',
    );
    forge = await GitHubForge.create(options());
  });
  afterAll(() => fake.close());

  it('opens the next-cycle issue with its labels once, and updates the open one on a re-run', async () => {
    const first = await forge.openIssue(request('three recommendations'));
    const again = await forge.openIssue(request('four recommendations'));
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ number: first.number, created: false });
    const issue = fake.issues().find((i) => i.number === first.number);
    expect(issue?.body).toBe('four recommendations\n\n<!-- crescendo:next-cycle:q2 -->');
    expect(fake.issues().filter((i) => (i.body ?? '').includes('crescendo:next-cycle:q2'))).toHaveLength(1);
  });

  it('streams a file over 1 MB from the workflow checkout when it holds the blob, else from the blob API', async () => {
    const blobRoute = 'GET /repos/{owner}/{repo}/git/blobs/{file_sha}';
    const before = fake.requests.filter((r) => r.route === blobRoute).length;
    const inCheckout = await GitHubForge.create({ ...options(), workspace: fake.gitDir });
    const streamed = await collect(inCheckout.readStream('data/big.csv'));
    expect(streamed.bytes.equals(big)).toBe(true);
    expect(streamed.chunks).toBeGreaterThan(1);
    expect(fake.requests.filter((r) => r.route === blobRoute).length).toBe(before);
    const fetched = await collect(forge.readStream('data/big.csv'));
    expect(fetched.bytes.equals(big)).toBe(true);
    expect(fake.requests.filter((r) => r.route === blobRoute).length).toBe(before + 1);
  });

  it('streams a committed file, and names a missing one', async () => {
    const { bytes } = await collect(forge.readStream('data/m.csv'));
    expect(bytes.toString()).toBe('date,channel\n2027-04-13,blog\n');
    await expect(collect(forge.readStream('data/none.csv'))).rejects.toThrow(/data\/none.csv is not a file/);
  });
});
