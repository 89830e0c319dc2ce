import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { STAGES } from '../../actions/engine/stages/index.js';
import { BUNDLE_DIR, BUNDLE_ENTRIES, ROOT } from '../../scripts/bundle/build.js';

/** Actions that are not a stage, and the bundle entry each runs. */
const OTHER_ACTIONS: Record<string, string> = { publish: 'publish' };

const actionsDir = join(ROOT, 'actions');
const actionFolders = readdirSync(actionsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(actionsDir, d.name, 'action.yml')))
  .map((d) => d.name)
  .sort();
const stageNames = Object.keys(STAGES);

const mainOf = (folder: string): string => {
  const action = parse(readFileSync(join(actionsDir, folder, 'action.yml'), 'utf8')) as {
    runs: { main: string };
  };
  return readFileSync(join(actionsDir, folder, action.runs.main), 'utf8');
};

describe('action folders', () => {
  it('are the registered stages, named exactly like them, plus the publisher', () => {
    expect(actionFolders).toEqual([...stageNames, ...Object.keys(OTHER_ACTIONS)].sort());
  });

  it.each(stageNames)('actions/%s runs its own stage from the shared bundle, nothing else', (stage) => {
    expect(mainOf(stage)).toBe(
      `import { runStageAction } from '../dist/stage.js';\n\nawait runStageAction('${stage}');\n`,
    );
  });

  it('every action imports an entry of the bundle', () => {
    const entries = new Set(BUNDLE_ENTRIES.map((e) => e.name));
    for (const folder of actionFolders) {
      const imported = /from '\.\.\/dist\/([a-z-]+)\.js'/.exec(mainOf(folder))?.[1];
      expect(imported && entries.has(imported), `actions/${folder}/main.js`).toBe(true);
      if (folder in OTHER_ACTIONS) expect(imported).toBe(OTHER_ACTIONS[folder]);
    }
  });

  // The publisher's engine entry (issue 11) is written separately; until it exists it is not bundled.
  const publish = BUNDLE_ENTRIES.find((e) => e.name === 'publish');
  it.skipIf(!publish || !existsSync(join(ROOT, publish.source)))(
    'actions/publish runs the bundled publisher once its engine entry exists',
    () => {
      expect(existsSync(join(ROOT, BUNDLE_DIR, 'publish.js'))).toBe(true);
      expect(mainOf('publish')).toBe(
        "import { runPublishAction } from '../dist/publish.js';\n\nawait runPublishAction();\n",
      );
    },
  );
});
