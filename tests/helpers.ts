import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalForge } from '../actions/engine/forge/local/local-forge.js';
import { init } from '../scripts/cli/commands.js';

export const packageRoot = fileURLToPath(new URL('..', import.meta.url));
export const samplesDir = join(packageRoot, 'scripts', 'demo', 'answers');
export const exampleBriefPath = join(packageRoot, 'scripts', 'demo', 'brief.yml');

/** A fresh repository set up with `crescendo init`, and its forge. */
export async function freshRepo(): Promise<{ dir: string; forge: LocalForge; lines: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'crescendo-test-'));
  const lines: string[] = [];
  await init({ packageRoot, out: (l) => lines.push(l) }, dir);
  return { dir, forge: await LocalForge.open(dir), lines };
}
