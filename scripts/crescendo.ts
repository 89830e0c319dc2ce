#!/usr/bin/env -S npx tsx
import { fileURLToPath } from 'node:url';
import { main } from './cli/main.js';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
process.exitCode = await main(process.argv.slice(2), { packageRoot, out: (line) => console.log(line) });
