import { runPublishAction } from '../dist/publish.js';

await runPublishAction();
