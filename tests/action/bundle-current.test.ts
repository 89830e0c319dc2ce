import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_DIRS, bundleText, ROOT } from '../../scripts/bundle.js';

// A stale bundle would run old code on GitHub while the tests pass on new code: CI fails instead.
describe('committed action bundles', () => {
  it.each([...ACTION_DIRS])('actions/%s/dist/index.js is what `npm run bundle` makes now', async (dir) => {
    const committed = await readFile(join(ROOT, 'actions', dir, 'dist', 'index.js'), 'utf8').catch(() => '');
    const fresh = await bundleText(dir);
    expect(committed.length, `run \`npm run bundle\` and commit actions/${dir}/dist`).toBe(fresh.length);
    expect(committed === fresh, `run \`npm run bundle\` and commit actions/${dir}/dist`).toBe(true);
  });
});
