import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MODEL_IDS, MODELS } from '../../actions/engine/attribution/index.js';

const folder = fileURLToPath(new URL('../../actions/engine/attribution/models/', import.meta.url));

describe('the models registry', () => {
  it('registers every model file in models/, under the file name', () => {
    const files = readdirSync(folder)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(MODELS.map((m) => m.id).sort()).toEqual(files);
  });

  it('lists the models in the documented order, each once', () => {
    expect(MODELS.map((m) => m.id)).toEqual([...MODEL_IDS]);
  });
});
