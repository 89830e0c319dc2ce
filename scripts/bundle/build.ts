/**
 * The one engine bundle: every action and the CLI run from `actions/dist/`, built by esbuild with code
 * splitting, so the code they share is shipped once. Entries (see BUNDLE_ENTRIES) import shared chunks
 * from `actions/dist/chunks/`; each action folder holds only its `action.yml` and a two-line `main.js`.
 * The build is deterministic (no timestamps, no absolute paths, no source maps), so a test can rebuild it
 * in memory and fail CI when the committed files are stale.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { BUNDLE_PLUGINS } from './plugins.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the bundle lives, relative to the repository root. */
export const BUNDLE_DIR = 'actions/dist';

/** One output of the bundle that something outside it imports or runs. */
export interface BundleEntry {
  /** Output name: `actions/dist/<name>.js`. */
  name: string;
  /** Source file, relative to the repository root. */
  source: string;
  /** Runs on a GitHub runner, where no `node_modules` exists: it may import Node built-ins only. */
  onRunner: boolean;
}

export const BUNDLE_ENTRIES: readonly BundleEntry[] = [
  { name: 'stage', source: 'actions/engine/action/stage-action.ts', onRunner: true },
  // The scheduled publisher's engine entry (issue 11). Built once the file exists; until then the
  // `publish` action has no bundle entry (its action test says so).
  { name: 'publish', source: 'actions/engine/action/publish-action.ts', onRunner: true },
  { name: 'crescendo', source: 'scripts/crescendo.ts', onRunner: false },
];

/** The entry the installed `crescendo` command runs (package.json `bin`). */
export const CLI_FILE = `${BUNDLE_DIR}/crescendo.js`;

/** Native modules and packages only the CLI loads, with `import()` from `node_modules` (DuckDB for attribution, the demo's mail catcher): never bundled. */
export const EXTERNAL_PACKAGES = ['@duckdb/*', 'smtp-server'];

/** Entries whose source exists now. */
export const presentEntries = (root = ROOT): BundleEntry[] =>
  BUNDLE_ENTRIES.filter((entry) => existsSync(join(root, entry.source)));

/**
 * ESM output still meets CommonJS dependencies that call `require` for Node built-ins. Anything else they
 * `require` at run time (optional dependencies found only by trying, like js-yaml's `esprima`) is refused
 * as on a runner, where no `node_modules` exists: the bundle behaves the same everywhere.
 */
export const BANNER = [
  "import { createRequire as __crescendoCreateRequire, isBuiltin as __crescendoIsBuiltin } from 'node:module';",
  'const require = ((nodeRequire) => (id) => {',
  '  if (__crescendoIsBuiltin(id)) return nodeRequire(id);',
  '  const message = "Cannot find module \'" + id + "\' (the Crescendo bundle loads only Node built-ins)";',
  "  throw Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND' });",
  '})(__crescendoCreateRequire(import.meta.url));',
].join('\n');

export interface BuiltBundle {
  /** Output files by path relative to the repository root (`actions/dist/...`), sorted. */
  files: Map<string, string>;
  metafile: Metafile;
}

/** Builds the bundle in memory. */
export async function buildBundle(root = ROOT): Promise<BuiltBundle> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: presentEntries(root).map((entry) => ({ in: entry.source, out: entry.name })),
    outdir: BUNDLE_DIR,
    chunkNames: 'chunks/[hash]',
    bundle: true,
    splitting: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // `node_modules` may be a symlink (worktrees); keeping its path makes the output the same everywhere.
    preserveSymlinks: true,
    external: EXTERNAL_PACKAGES,
    plugins: BUNDLE_PLUGINS,
    banner: { js: BANNER },
    minify: true,
    legalComments: 'none',
    sourcemap: false,
    charset: 'utf8',
    logLevel: 'warning',
  });
  const files = new Map<string, string>();
  for (const file of result.outputFiles) {
    const path = relative(root, file.path).split('\\').join('/');
    files.set(path, path === CLI_FILE ? withNodeHashbang(file.text) : file.text);
  }
  return { files: new Map([...files].sort(([a], [b]) => a.localeCompare(b))), metafile: result.metafile };
}

/** The CLI source starts with a tsx hashbang; the built file runs on plain Node. */
function withNodeHashbang(text: string): string {
  return `#!/usr/bin/env node\n${text.startsWith('#!') ? text.slice(text.indexOf('\n') + 1) : text}`;
}

/** Replaces `actions/dist/` with a fresh build, and returns it. */
export async function writeBundle(root = ROOT): Promise<BuiltBundle> {
  const built = await buildBundle(root);
  const { files } = built;
  const dir = join(root, BUNDLE_DIR);
  // Chunk names carry a content hash: old chunks would stay behind if the folder were not cleared.
  for (const name of await readdir(dir).catch(() => [])) {
    await rm(join(dir, name), { recursive: true, force: true });
  }
  for (const [path, text] of files) {
    const out = join(root, path);
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, text);
    if (path === CLI_FILE) await chmod(out, 0o755);
  }
  return built;
}
