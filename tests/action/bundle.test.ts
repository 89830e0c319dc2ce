import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BANNER,
  BUNDLE_DIR,
  type BuiltBundle,
  buildBundle,
  CLI_FILE,
  presentEntries,
  ROOT,
} from '../../scripts/bundle/build.js';
import {
  contributors,
  externalImports,
  isNodeBuiltin,
  packagesLoadedAtStart,
} from '../../scripts/bundle/contents.js';
import { ProxyAgent, UNDICI_UNUSED_MESSAGE } from '../../scripts/bundle/undici-unused.js';

const MAX_BUNDLE_BYTES = 2 * 1024 * 1024;
const REBUILD = 'run `npm run bundle` and commit actions/dist';

/** Every file under actions/dist, relative to the repository root. */
function committedFiles(dir = join(ROOT, BUNDLE_DIR)): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) =>
      path
        .slice(ROOT.length + 1)
        .split('\\')
        .join('/'),
    )
    .sort((a, b) => a.localeCompare(b));
}

const inputs = (built: BuiltBundle): string[] => Object.keys(built.metafile.inputs);

// One build for the whole file: the bundle is rebuilt once per test run, not once per action.
let built: BuiltBundle;
beforeAll(async () => {
  built = await buildBundle();
}, 120_000);

describe('the committed bundle (actions/dist)', () => {
  it('is exactly what `npm run bundle` makes now', () => {
    expect(committedFiles(), REBUILD).toEqual([...built.files.keys()]);
    for (const [path, text] of built.files) {
      expect(readFileSync(join(ROOT, path), 'utf8') === text, `${path} is stale: ${REBUILD}`).toBe(true);
    }
  });

  it(`weighs at most ${MAX_BUNDLE_BYTES / 1024 / 1024} MB in all`, () => {
    const total = committedFiles().reduce((sum, path) => sum + statSync(join(ROOT, path)).size, 0);
    expect(total).toBeLessThanOrEqual(MAX_BUNDLE_BYTES);
  });

  it('is marked generated, without diffs, for GitHub and git', () => {
    const attributes = execFileSync('git', ['check-attr', 'linguist-generated', 'diff', '--', CLI_FILE], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(attributes).toContain(`${CLI_FILE}: linguist-generated: true`);
    expect(attributes).toContain(`${CLI_FILE}: diff: unset`);
  });

  it('has one output per entry whose source exists, and the CLI runs on plain Node', () => {
    for (const entry of presentEntries())
      expect(built.files.has(`${BUNDLE_DIR}/${entry.name}.js`)).toBe(true);
    expect(built.files.get(CLI_FILE)?.split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(statSync(join(ROOT, CLI_FILE)).mode & 0o111, 'the CLI file is executable').not.toBe(0);
  });
});

describe('what runs on a GitHub runner', () => {
  it('imports nothing but Node built-ins, statically or with import()', () => {
    for (const entry of presentEntries().filter((e) => e.onRunner)) {
      const foreign = externalImports(built.metafile, `${BUNDLE_DIR}/${entry.name}.js`).filter(
        (item) => !isNodeBuiltin(item.path),
      );
      expect(foreign, `${entry.name}.js would need node_modules on the runner`).toEqual([]);
    }
  });

  it('never bundles a native module', () => {
    expect(inputs(built).filter((path) => /\.node$|@duckdb\//.test(path))).toEqual([]);
  });

  it('refuses at run time a require() of anything but a Node built-in, as a runner would', async () => {
    // Every output file starts with the banner; it defines the `require` that bundled CommonJS code calls.
    for (const text of built.files.values()) expect(text).toContain(BANNER);
    const dir = await mkdtemp(join(tmpdir(), 'crescendo-banner-'));
    try {
      const probe = join(dir, 'probe.mjs');
      await writeFile(probe, `${BANNER}\nexport { require };\n`);
      const { require } = (await import(pathToFileURL(probe).href)) as { require: (id: string) => unknown };
      expect(require('node:path')).toHaveProperty('join');
      expect(() => require('yaml')).toThrow(/Cannot find module 'yaml'/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('what the bundle leaves out', () => {
  it('has no undici: its one importer (@actions/http-client, for OIDC) gets a stand-in', () => {
    const packages = contributors(built.metafile).map(([name]) => name);
    expect(packages).not.toContain('undici');
    expect(packages).toContain('@actions/http-client');
    expect(() => new ProxyAgent()).toThrow(UNDICI_UNUSED_MESSAGE);
  });

  it('keeps the English zod locale only, no core-js polyfills, and one bottleneck', () => {
    const locales = inputs(built).filter((path) => /zod\/v4\/locales\/[^/]+\.js$/.test(path));
    expect(locales.map((path) => path.replace(/.*\//, ''))).toEqual(['en.js']);
    expect(inputs(built).filter((path) => path.includes('node_modules/core-js/'))).toEqual([]);
    expect(inputs(built).filter((path) => path.includes('node_modules/bottleneck/'))).toEqual([
      'node_modules/bottleneck/light.js',
    ]);
  });

  it('bundles the punycode package instead of requiring the deprecated built-in', () => {
    const everywhere = Object.keys(built.metafile.outputs).flatMap((out) =>
      externalImports(built.metafile, out).map((item) => item.path),
    );
    expect(everywhere).not.toContain('punycode');
  });
});

describe('the CLI', () => {
  const cli = CLI_FILE;

  it('loads none of Octokit, the Anthropic SDK or zod before a command runs (`--help` is instant)', () => {
    const atStart = [...packagesLoadedAtStart(built.metafile, cli)];
    expect(atStart.filter((name) => /^(@octokit\/|@anthropic-ai\/|zod$|yaml$)/.test(name))).toEqual([]);
  });

  it('leaves to node_modules only packages it loads with import(), on its own paths', () => {
    const foreign = externalImports(built.metafile, cli).filter((item) => !isNodeBuiltin(item.path));
    for (const item of foreign) expect(item.kind, `${item.path} from ${item.from}`).toBe('dynamic-import');
  });
});
