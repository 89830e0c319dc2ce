import { runStageAction } from '../engine/action/stage-action.js';

// The distribution stage action: everything happens in runStageAction (tested in tests/action).
await runStageAction('distribution');
