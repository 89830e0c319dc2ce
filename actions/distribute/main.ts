import { runStageAction } from '../engine/github/stage-action.js';

// The distribution stage action: everything happens in runStageAction (tested in tests/github).
await runStageAction('distribution');
