#!/usr/bin/env -S npx tsx
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from './cli/main.js';
import { lineWriter } from './cli/output.js';

/** The folder holding Crescendo's package.json: the same from `scripts/` (source) and `actions/dist/` (built). */
function packageRootFrom(file: string): string {
  let dir = dirname(file);
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const packageRoot = packageRootFrom(fileURLToPath(import.meta.url));
process.exitCode = await main(process.argv.slice(2), {
  packageRoot,
  out: lineWriter(process.stdout),
  err: lineWriter(process.stderr),
});
