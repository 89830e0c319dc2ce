import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const folder = fileURLToPath(new URL('../../actions/engine/brief-lines/', import.meta.url));

describe('brief-lines folder', () => {
  it('exports every file from index.ts and lists it in the README', () => {
    const files = readdirSync(folder).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    const index = readFileSync(`${folder}index.ts`, 'utf8');
    const readme = readFileSync(`${folder}README.md`, 'utf8');
    const exported = [...index.matchAll(/from '\.\/([a-z-]+)\.js'/g)].map((m) => `${m[1]}.ts`);
    expect(exported.sort()).toEqual(files.sort());
    for (const file of files) expect(readme, `README.md lists ${file}`).toContain(`\`${file}\``);
  });
});
