import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AssetType } from '../../actions/engine/assets/asset-type.js';
import { assetSchemas } from '../../actions/engine/assets/index.js';
import { CHANNEL_LIST, normaliseChannel } from '../../actions/engine/channels/index.js';
import { PUBLISHERS } from '../../actions/engine/publishers/index.js';
import { STAGES } from '../../actions/engine/stages/index.js';
import { STAGE_NAMES } from '../../actions/engine/stages/names.js';
import { packageRoot } from '../helpers.js';

/** The part folders of an engine directory (shared code lives in plain files or `shared/`). */
const folders = (dir: string): string[] =>
  readdirSync(join(packageRoot, 'actions', 'engine', dir), { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== 'shared')
    .map((e) => e.name)
    .sort();

describe('every part folder is registered, and every registered part has its folder', () => {
  it('stages: a folder per stage, in workflow order, each declaring what the runner needs', () => {
    expect(folders('stages')).toEqual([...STAGE_NAMES].sort());
    for (const name of STAGE_NAMES) {
      const stage = STAGES[name];
      expect(stage.name).toBe(name);
      expect(stage.checklist.length).toBeGreaterThan(0);
      expect(stage.onMerge).toMatch(/\S/);
      expect(stage.writes('x').length).toBeGreaterThan(0);
    }
  });

  it('channels: a folder per channel, ids unique, aliases unambiguous', () => {
    expect(folders('channels')).toEqual(CHANNEL_LIST.map((c) => c.id).sort());
    for (const channel of CHANNEL_LIST) {
      expect(normaliseChannel(channel.id)).toBe(channel.id);
      for (const alias of channel.aliases) expect(normaliseChannel(alias)).toBe(channel.id);
    }
  });

  it('asset types: a folder per type, and a module for each', () => {
    expect(folders('assets')).toEqual([...AssetType.options].sort());
    expect(Object.keys(assetSchemas).sort()).toEqual([...AssetType.options].sort());
  });

  it('publishers: a folder per publisher, each publishing to a registered channel', () => {
    expect(folders('publishers')).toEqual(PUBLISHERS.map((p) => p.id).sort());
    const channels = new Set<string>(CHANNEL_LIST.map((c) => c.id));
    for (const publisher of PUBLISHERS) expect(channels.has(publisher.channel)).toBe(true);
  });
});
