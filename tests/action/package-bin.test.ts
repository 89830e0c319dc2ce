import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_FILE, ROOT } from '../../scripts/bundle/build.js';

interface PackageJson {
  bin: Record<string, string>;
  scripts: Record<string, string>;
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;

// The installed command must exist right after `npm ci` (no build step) and start on plain Node.
describe('the crescendo command', () => {
  it('is the committed built CLI', () => {
    expect(pkg.bin.crescendo).toBe(CLI_FILE);
    expect(existsSync(join(ROOT, CLI_FILE))).toBe(true);
  });

  it('is what `npm run crescendo` and `npm run demo` run', () => {
    expect(pkg.scripts.crescendo).toBe(`node ${CLI_FILE}`);
    expect(pkg.scripts.demo).toBe(`node ${CLI_FILE} demo`);
  });
});
