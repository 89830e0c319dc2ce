/** `npm run bench`: see scripts/bench/main.ts (the runner) and scripts/bench/index.ts (the registry). */
import './bench/main.js';
