import { runStageAction } from '../engine/action/stage-action.js';

// The strategy stage action: everything happens in runStageAction (tested in tests/action).
await runStageAction('strategy');
