import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IMPORTERS, registeredLayouts } from '../../actions/engine/importers/index.js';
import { IMPORTER_IDS } from '../../actions/engine/importers/metric-row.js';

const folder = fileURLToPath(new URL('../../actions/engine/importers/', import.meta.url));

describe('importer registry', () => {
  it('registers every importer folder, and nothing else', () => {
    const folders = readdirSync(folder, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(IMPORTERS.map((i) => i.id).sort()).toEqual(folders);
    expect([...IMPORTER_IDS].sort()).toEqual(folders);
  });

  it('gives every importer at least one export layout, each with its own id and its own importer', () => {
    for (const importer of IMPORTERS) {
      expect(importer.layouts.length, importer.id).toBeGreaterThan(0);
      for (const layout of importer.layouts) expect(layout.importer).toBe(importer.id);
    }
    const ids = registeredLayouts().map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('tries the generic metrics CSV last', () => {
    expect(registeredLayouts().at(-1)?.id).toBe('metrics-csv');
  });

  it('gives every API importer a credential variable and a base-URL override', () => {
    for (const importer of IMPORTERS.filter((i) => i.api)) {
      const names = importer.api?.env.map((e) => e.name) ?? [];
      expect(
        importer.api?.env.some((e) => e.secret && e.required),
        importer.id,
      ).toBe(true);
      expect(
        names.some((n) => /^CRESCENDO_[A-Z0-9_]+_API_URL$/.test(n)),
        importer.id,
      ).toBe(true);
    }
  });
});
