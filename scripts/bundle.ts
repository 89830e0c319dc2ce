/**
 * Bundles each stage action (`actions/<dir>/main.ts`) into one ESM file, `actions/<dir>/dist/index.js`,
 * that the runner starts with node24. The output is deterministic (no timestamps, no absolute paths, no
 * source maps), so `tests/action/bundle-current.test.ts` can fail CI when a committed bundle is stale.
 *
 *   npm run bundle              # writes actions/<dir>/dist/index.js
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Action folders and the stage each one runs. */
export const ACTION_DIRS = ['research', 'strategy', 'content', 'review', 'distribute', 'measure'] as const;
export type ActionDir = (typeof ACTION_DIRS)[number];

// ESM output still meets CommonJS dependencies that call `require` for Node built-ins.
const BANNER = [
  "import { createRequire as __crescendoCreateRequire } from 'node:module';",
  'const require = __crescendoCreateRequire(import.meta.url);',
].join('\n');

/** The bundled text of one action. */
export async function bundleText(dir: ActionDir): Promise<string> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [join('actions', dir, 'main.ts')],
    bundle: true,
    write: false,
    outfile: join('actions', dir, 'dist', 'index.js'),
    format: 'esm',
    platform: 'node',
    target: 'node20',
    banner: { js: BANNER },
    minify: false,
    legalComments: 'none',
    sourcemap: false,
    logLevel: 'warning',
    charset: 'utf8',
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error(`esbuild produced nothing for actions/${dir}`);
  return file.text;
}

/** Bundles every action into `<outRoot>/<dir>/dist/index.js` (default: the repository's actions folder). */
export async function bundleAll(outRoot = join(ROOT, 'actions')): Promise<string[]> {
  const written: string[] = [];
  for (const dir of ACTION_DIRS) {
    const out = join(outRoot, dir, 'dist', 'index.js');
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, await bundleText(dir));
    written.push(out);
  }
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const file of await bundleAll()) process.stdout.write(`${file}\n`);
}
