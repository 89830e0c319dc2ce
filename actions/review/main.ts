import { runStageAction } from '../engine/action/stage-action.js';

// The review stage action: everything happens in runStageAction (tested in tests/action).
await runStageAction('review');
