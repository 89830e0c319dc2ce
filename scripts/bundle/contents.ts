/**
 * What is in the bundle, read from esbuild's metafile: which package each byte comes from, which files an
 * entry loads at start, and which modules it leaves to Node (`external`). Pure functions over the metafile.
 */
import { builtinModules } from 'node:module';
import type { Metafile } from 'esbuild';

const BUILTINS = new Set(builtinModules);

/** Whether an import names a Node built-in (`fs`, `node:fs`, `fs/promises`). */
export const isNodeBuiltin = (path: string): boolean =>
  path.startsWith('node:') || BUILTINS.has(path) || BUILTINS.has(path.split('/')[0] ?? '');

/** The package an input belongs to: `zod`, `@octokit/rest`, or for our code its folder (`actions/engine/llm`). */
export function packageOf(input: string): string {
  const inModules = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (inModules?.[1]) return inModules[1];
  const [namespace, path = input] = input.includes(':') ? input.split(/:(.*)/s) : ['', input];
  if (namespace && namespace !== 'file') return `(${namespace})`;
  const parts = path.split('/');
  return parts.slice(0, parts[0] === 'actions' && parts[1] === 'engine' ? 3 : 2).join('/');
}

/** Output bytes per package over the given outputs (default: all), largest first. */
export function contributors(
  metafile: Metafile,
  outputs = Object.keys(metafile.outputs),
): [string, number][] {
  const bytes = new Map<string, number>();
  for (const output of outputs) {
    for (const [input, { bytesInOutput }] of Object.entries(metafile.outputs[output]?.inputs ?? {})) {
      const name = packageOf(input);
      bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...bytes].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
}

/**
 * The output files Node loads when it loads `output`: itself and every chunk reached by static imports
 * (`dynamic: true` also follows `import()`, i.e. everything the entry can ever load).
 */
export function loadedOutputs(metafile: Metafile, output: string, dynamic = false): string[] {
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path) || !metafile.outputs[path]) return;
    seen.add(path);
    for (const item of metafile.outputs[path].imports) {
      if (item.external) continue;
      if (item.kind === 'import-statement' || (dynamic && item.kind === 'dynamic-import')) visit(item.path);
    }
  };
  visit(output);
  return [...seen];
}

/** Sum of the bytes of the given outputs. */
export const outputBytes = (metafile: Metafile, outputs: readonly string[]): number =>
  outputs.reduce((sum, path) => sum + (metafile.outputs[path]?.bytes ?? 0), 0);

/** Packages whose code Node evaluates or parses when it loads `output` (static imports only). */
export const packagesLoadedAtStart = (metafile: Metafile, output: string): Set<string> =>
  new Set(contributors(metafile, loadedOutputs(metafile, output)).map(([name]) => name));

export interface ExternalImport {
  /** The output file that imports it. */
  from: string;
  path: string;
  kind: string;
}

/** Every module left to Node's resolver that the entry can reach, statically or through `import()`. */
export function externalImports(metafile: Metafile, output: string): ExternalImport[] {
  return loadedOutputs(metafile, output, true).flatMap((from) =>
    (metafile.outputs[from]?.imports ?? [])
      .filter((item) => item.external)
      .map((item) => ({ from, path: item.path, kind: item.kind })),
  );
}

/** A table of the largest contributors, for `npm run bundle -- --report`. */
export function formatContributors(rows: [string, number][], top = 25): string {
  const total = rows.reduce((sum, [, n]) => sum + n, 0);
  const lines = rows
    .slice(0, top)
    .map(
      ([name, n]) =>
        `${(n / 1024).toFixed(1).padStart(8)} kB ${((100 * n) / total).toFixed(1).padStart(5)}%  ${name}`,
    );
  const rest = rows.slice(top).reduce((sum, [, n]) => sum + n, 0);
  if (rest > 0) lines.push(`${(rest / 1024).toFixed(1).padStart(8)} kB  (${rows.length - top} more)`);
  return lines.join('\n');
}
