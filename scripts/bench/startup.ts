/**
 * Start-up of the built CLI and of the bundled actions, as ratios against bare Node measured in the same
 * run (issue 16): each repeat starts the baseline process and then the measured one, back to back, and
 * the figure is the median of their ratios after one warm-up, so load on the machine cancels out.
 *
 *  - `crescendo --help` ÷ `node -e 0`: a help text must not load the engine.
 *  - `crescendo status` in a repository just set up by `crescendo init` ÷ `node -e 0`: any command's start-up.
 *  - an action (`actions/research/main.js`, as the runner starts it) from process start to its first
 *    GitHub API request ÷ a bare Node process from start to one `fetch` to the same loopback server.
 *
 * Every process is spawned with `node` itself (never npx or tsx) and a minimal environment.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { CLI_FILE, ROOT } from '../bundle/build.js';
import { type BenchFigure, medianOf } from './figure.js';

export interface StartupOptions {
  /** Repeats after the warm-up (default 9). */
  repeats?: number;
  /** The repository whose built files are measured (default: this one). */
  root?: string;
}

/** The action the figure starts, as a runner would (`node actions/<stage>/main.js`). */
const ACTION_MAIN = 'actions/research/main.js';
/** A process that never reaches its request within this time fails the bench instead of hanging it. */
const PROCESS_TIMEOUT_MS = 60_000;

const execFileAsync = promisify(execFile);

const baseEnv = (): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? tmpdir(),
});

/** Milliseconds from spawning `node <args>` until it exits (it must exit with 0). */
function timeToExit(args: string[], cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, env: baseEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), PROCESS_TIMEOUT_MS);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const elapsed = performance.now() - started;
      if (code === 0) resolve(elapsed);
      else reject(new Error(`node ${args.join(' ')} exited with ${code}: ${stderr.trim().slice(0, 500)}`));
    });
  });
}

/** A loopback server that reports when each request arrives and answers it with a 404. */
interface RequestClock {
  url: string;
  /** Resolves with the arrival time (performance.now()) and path of the next request. */
  next(): Promise<{ at: number; path: string }>;
  close(): Promise<void>;
}

async function startRequestClock(): Promise<RequestClock> {
  let waiting: ((arrival: { at: number; path: string }) => void) | undefined;
  const server: Server = createServer((request, response) => {
    const at = performance.now();
    waiting?.({ at, path: request.url ?? '' });
    waiting = undefined;
    request.resume();
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end('{"message":"Not Found"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    next: () =>
      new Promise((resolve) => {
        waiting = resolve;
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Milliseconds from spawning `node <args>` until the clock sees its first request; the process is then killed. */
function timeToFirstRequest(
  clock: RequestClock,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ ms: number; path: string }> {
  return new Promise((resolve, reject) => {
    const arrival = clock.next();
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, env: { ...baseEnv(), ...env }, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), PROCESS_TIMEOUT_MS);
    let seen: { at: number; path: string } | undefined;
    void arrival.then((first) => {
      seen = first;
      child.kill('SIGKILL');
    });
    child.on('error', reject);
    // Resolve on exit, so the next repeat never overlaps a process still shutting down.
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (seen) resolve({ ms: seen.at - started, path: seen.path });
      else reject(new Error(`node ${args.join(' ')} exited (${code}) before making a request`));
    });
  });
}

/** The environment a runner gives the research action for a dispatch, with GitHub's API on loopback. */
async function actionEnvironment(dir: string, apiUrl: string): Promise<NodeJS.ProcessEnv> {
  const event = join(dir, 'event.json');
  await writeFile(
    event,
    JSON.stringify({
      inputs: { campaign: 'bench-startup', stage: 'research' },
      repository: { full_name: 'acme/site', default_branch: 'main' },
    }),
  );
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_EVENT_PATH: event,
    GITHUB_REPOSITORY: 'acme/site',
    GITHUB_API_URL: apiUrl,
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    RUNNER_TEMP: dir,
    'INPUT_GITHUB-TOKEN': 'bench-token',
    'INPUT_DRY-RUN': 'false',
  };
}

const ratio = ({ base, subject }: { base: number; subject: number }): number => subject / base;

/**
 * One repeat: the baseline and the measured process back to back, in alternating order, so a change in
 * the machine's load during the run weighs on both sides alike.
 */
function pairs(base: () => Promise<number>, subject: () => Promise<number>) {
  let round = 0;
  return async (): Promise<{ base: number; subject: number }> => {
    if (round++ % 2 === 0) return { base: await base(), subject: await subject() };
    const measured = await subject();
    return { base: await base(), subject: measured };
  };
}

export async function benchStartup(options: StartupOptions = {}): Promise<BenchFigure[]> {
  const repeats = options.repeats ?? 9;
  const root = options.root ?? ROOT;
  const cli = join(root, CLI_FILE);
  const dir = await mkdtemp(join(tmpdir(), 'crescendo-startup-'));
  const clock = await startRequestClock();
  try {
    const bare = () => timeToExit(['-e', '0'], dir);
    const help = await medianOf(
      repeats,
      pairs(bare, () => timeToExit([cli, '--help'], dir)),
      ratio,
    );
    const repo = join(dir, 'empty-repo');
    await execFileAsync('git', ['init', '-q', repo]);
    // `status` needs a configuration: the repository is set up as `crescendo init` leaves it.
    await execFileAsync(process.execPath, [cli, 'init'], { cwd: repo, env: baseEnv() });
    const status = await medianOf(
      repeats,
      pairs(bare, () => timeToExit([cli, 'status'], repo)),
      ratio,
    );
    const env = await actionEnvironment(dir, clock.url);
    const oneFetch = ['-e', 'fetch(process.argv[1]).then((r) => r.text())', clock.url];
    const action = await medianOf(
      repeats,
      pairs(
        async () => (await timeToFirstRequest(clock, oneFetch, dir, {})).ms,
        async () => {
          const first = await timeToFirstRequest(clock, [join(root, ACTION_MAIN)], root, env);
          // The figure claims a GitHub API call: anything else means the action took another path.
          if (!first.path.startsWith('/repos/acme/site/')) {
            throw new Error(`the action's first request was ${first.path}, not a GitHub API call`);
          }
          return first.ms;
        },
      ),
      ratio,
    );
    return [
      {
        name: 'CLI: `crescendo --help` ÷ `node -e 0`',
        value: help,
        unit: '×',
        target: { atMost: 2 },
        repeats,
      },
      {
        name: 'CLI: `crescendo status` (no campaign yet) ÷ `node -e 0`',
        value: status,
        unit: '×',
        target: { atMost: 5 },
        repeats,
      },
      {
        name: 'Action: start → first GitHub request ÷ bare Node start → one fetch',
        value: action,
        unit: '×',
        target: { atMost: 3 },
        repeats,
      },
    ];
  } finally {
    await clock.close();
    await rm(dir, { recursive: true, force: true });
  }
}
