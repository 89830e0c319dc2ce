import { runStageAction } from '../dist/stage.js';

await runStageAction('strategy');
