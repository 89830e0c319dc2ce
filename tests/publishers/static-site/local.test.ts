import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PublishError } from '../../../actions/engine/publishers/publisher.js';
import { staticSitePublisher as publisher } from '../../../actions/engine/publishers/static-site/index.js';
import { blogItem, contextFor } from '../items.js';

let root: string;
const config = () => publisher.configSchema.parse({ format: 'hugo', dir: 'site' });
const ctx = () => contextFor(config(), {}, { root });
const postPath = () => join(root, 'site/content/posts/marketing-automation-pull-requests.md');

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'static-site-'));
  await mkdir(join(root, 'site'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<PublishError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(PublishError);
  return error as PublishError;
}

describe('static site publisher, local folder', () => {
  it('writes the post, leaves no temp file, and returns its public URL', async () => {
    const published = await publisher.publish(blogItem(), ctx());
    expect(published).toEqual({
      remoteId: 'content/posts/marketing-automation-pull-requests.md',
      url: 'https://crescendo.dev/posts/marketing-automation-pull-requests/',
      at: '2026-03-09T12:00:00.000Z',
      note: expect.stringContaining('written to folder'),
    });
    expect(await readFile(postPath(), 'utf8')).toContain('crescendo_key: "q2-launch/blog/');
    expect(await readdir(join(root, 'site/content/posts'))).toEqual([
      'marketing-automation-pull-requests.md',
    ]);
  });

  it('find recognises the post it wrote, and publishing again is refused as a duplicate', async () => {
    expect(await publisher.find(blogItem(), ctx())).toBeUndefined();
    await publisher.publish(blogItem(), ctx());
    const found = await publisher.find(blogItem(), ctx());
    expect(found?.url).toBe('https://crescendo.dev/posts/marketing-automation-pull-requests/');
    const error = await rejection(publisher.publish(blogItem(), ctx()));
    expect(error.code).toBe('duplicate');
  });

  it('a person’s post at the same path is neither found nor overwritten', async () => {
    await mkdir(join(root, 'site/content/posts'), { recursive: true });
    await writeFile(postPath(), '---\ntitle: "Mine"\n---\nHand written\n');
    expect(await publisher.find(blogItem(), ctx())).toBeUndefined();
    const problems = await publisher.validate(blogItem(), ctx());
    expect(problems.map((p) => p.message).join()).toMatch(/did not write/);
    expect((await rejection(publisher.publish(blogItem(), ctx()))).code).toBe('invalid');
    expect(await readFile(postPath(), 'utf8')).toContain('Hand written');
  });

  it('validate refuses what cannot be a blog post before anything is written', async () => {
    const problems = await publisher.validate(
      blogItem({ type: 'social-post', slug: 'Not A Slug', publishAt: 'next tuesday' }),
      ctx(),
    );
    expect(problems.map((p) => p.where)).toEqual([
      expect.stringContaining('.md'),
      expect.stringContaining(': slug'),
      expect.stringContaining(': publishAt'),
    ]);
    const noUrl = await publisher.validate(blogItem({ brand: { name: 'Crescendo' } }), ctx());
    expect(noUrl.map((p) => p.where)).toContain('publishing.blog.baseUrl');
    const astro = contextFor(publisher.configSchema.parse({ format: 'astro', dir: 'site' }), {}, { root });
    const noDescription = await publisher.validate(blogItem({ data: {} }), astro);
    expect(noDescription.map((p) => p.message).join()).toMatch(/requires a description/);
    expect(await readdir(join(root, 'site'))).toEqual([]);
  });

  it('plan shows the file write and sends nothing', async () => {
    const [request, ...rest] = await publisher.plan(blogItem(), ctx());
    expect(rest).toEqual([]);
    expect(request?.method).toBe('PUT');
    expect(request?.url).toMatch(/^file:\/\/.*site\/content\/posts\/marketing-automation-pull-requests\.md$/);
    expect(String(request?.body)).toContain('title: "Marketing automation that ships as pull requests"');
    expect(await readdir(join(root, 'site'))).toEqual([]);
  });

  it('check says whether the folder can be written', async () => {
    expect(await publisher.check(ctx())).toMatchObject({ ok: true });
    const missing = contextFor(
      publisher.configSchema.parse({ format: 'hugo', dir: 'nowhere' }),
      {},
      { root },
    );
    expect(await publisher.check(missing)).toMatchObject({
      ok: false,
      fix: expect.stringMatching(/create the folder/),
    });
  });
});
