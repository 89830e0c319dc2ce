/**
 * `npm run bench [-- --only keywords,content]`: runs the registered benches one after another,
 * prints every figure with its target and a verdict computed from the numbers, and exits 1 when
 * any target is missed (2 for a bench name it does not know).
 */
import { parseArgs } from 'node:util';
import { met } from './figure.js';
import { BENCHES } from './index.js';
import { formatFigure } from './print.js';

const { values } = parseArgs({ options: { only: { type: 'string', multiple: true } } });
const names = values.only?.flatMap((v) => v.split(',')).filter(Boolean) ?? Object.keys(BENCHES);
const unknown = names.filter((n) => !(n in BENCHES));
if (unknown.length) {
  console.error(`unknown bench: ${unknown.join(', ')} (known: ${Object.keys(BENCHES).join(', ')})`);
  process.exit(2);
}

const missed: string[] = [];
for (const name of names) {
  const started = performance.now();
  const figures = await BENCHES[name]!();
  console.log(`\n${name} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  for (const f of figures) {
    console.log(formatFigure(f));
    if (!met(f)) missed.push(f.name);
  }
}
console.log(
  missed.length ? `\n${missed.length} target(s) missed: ${missed.join('; ')}` : '\nevery target met',
);
process.exitCode = missed.length ? 1 : 0;
