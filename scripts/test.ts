/**
 * `npm test`: the type check, the linter, the dependency rules and the tests at the same time instead of
 * one after another (issue 16). The checks are single-threaded and the tests spend much of their time
 * waiting on child processes and loopback servers, so on two cores the whole takes about as long as the
 * tests alone. Each command's output is printed whole when it ends, never interleaved; the exit code is
 * non-zero when any of them fails. Arguments are passed to vitest (`npm test -- tests/forge`).
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

interface Check {
  name: string;
  command: string;
  args: string[];
}

const BIN = 'node_modules/.bin';

const CHECKS: readonly Check[] = [
  { name: 'typecheck', command: `${BIN}/tsc`, args: ['--noEmit'] },
  { name: 'lint', command: `${BIN}/biome`, args: ['check', '.'] },
  {
    name: 'deps',
    command: `${BIN}/depcruise`,
    args: ['actions/engine', 'scripts', '--config', '.dependency-cruiser.cjs'],
  },
];

interface Outcome {
  name: string;
  code: number;
  output: string;
  seconds: number;
}

function run(check: Check): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(check.command, check.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = (code: number, extra = '') =>
      resolve({
        name: check.name,
        code,
        output: Buffer.concat(chunks).toString() + extra,
        seconds: (performance.now() - started) / 1000,
      });
    child.on('error', (error) => done(1, `\n${check.command}: ${error.message}\n`));
    child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  const vitest: Check = { name: 'tests', command: `${BIN}/vitest`, args: ['run', ...process.argv.slice(2)] };
  const outcomes = await Promise.all(
    [...CHECKS, vitest].map(async (check) => {
      const outcome = await run(check);
      process.stdout.write(`\n── ${outcome.name} (${outcome.seconds.toFixed(1)} s) ──\n${outcome.output}`);
      return outcome;
    }),
  );
  const failed = outcomes.filter((o) => o.code !== 0);
  process.stdout.write(
    `\n${failed.length ? `✗ failed: ${failed.map((o) => o.name).join(', ')}` : '✓ typecheck, lint, deps and tests passed'}\n`,
  );
  return failed.length ? 1 : 0;
}

process.exitCode = await main();
