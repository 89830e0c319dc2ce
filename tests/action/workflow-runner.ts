/**
 * A small stand-in for the GitHub Actions runner, for tests: it reads `.github/workflows/*.yml`, decides
 * from `on:`, each job's `if:` and `needs:` which jobs an event starts, and runs them, needed jobs first: their
 * `uses: ./actions/<x>` steps by spawning the file the action's `runs.main` names (which runs the committed
 * bundle in `actions/dist/`) with `node`, their `run:` steps with bash as GitHub does, with the environment a
 * runner gives
 * (INPUT_*, GITHUB_*, RUNNER_TEMP). Remote actions (checkout, create-github-app-token) are not run:
 * checkout because the workspace is this repository already, the App token because its step's `if:` is
 * false without the `CRESCENDO_APP_CLIENT_ID` variable; any other remote step fails the job.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

// ---------------------------------------------------------------------------------------------------
// Expressions: the subset the workflows use.

type Value = string | number | boolean | null | undefined | Value[] | { [key: string]: Value };
type Node =
  | { t: 'lit'; v: Value }
  | { t: 'path'; head: string; segments: string[] }
  | { t: 'not'; e: Node }
  | { t: 'bin'; op: '==' | '!=' | '&&' | '||'; l: Node; r: Node }
  | { t: 'call'; name: string; args: Node[] };

type Token =
  | { k: 'str'; v: string }
  | { k: 'num'; v: number }
  | { k: 'id'; v: string }
  | { k: 'op'; v: string };

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] ?? '';
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new Error(`unterminated string in ${src}`);
        if (src[i] === "'" && src[i + 1] === "'") {
          s += "'";
          i += 2;
        } else if (src[i] === "'") {
          i++;
          break;
        } else {
          s += src[i++];
        }
      }
      tokens.push({ k: 'str', v: s });
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9.]+/.exec(src.slice(i))?.[0] ?? c;
      tokens.push({ k: 'num', v: Number(m) });
      i += m.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i))?.[0] ?? c;
      tokens.push({ k: 'id', v: m });
      i += m.length;
    } else {
      const two = src.slice(i, i + 2);
      if (['==', '!=', '&&', '||'].includes(two)) {
        tokens.push({ k: 'op', v: two });
        i += 2;
      } else if ('!().,*'.includes(c)) {
        tokens.push({ k: 'op', v: c });
        i++;
      } else {
        throw new Error(`unsupported character "${c}" in expression ${src}`);
      }
    }
  }
  return tokens;
}

function parseExpression(src: string): Node {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isOp = (v: string) => peek()?.k === 'op' && peek()?.v === v;
  const expect = (v: string) => {
    if (!isOp(v)) throw new Error(`expected "${v}" in ${src}`);
    pos++;
  };
  const or = (): Node => {
    let l = and();
    while (isOp('||')) {
      pos++;
      l = { t: 'bin', op: '||', l, r: and() };
    }
    return l;
  };
  const and = (): Node => {
    let l = eq();
    while (isOp('&&')) {
      pos++;
      l = { t: 'bin', op: '&&', l, r: eq() };
    }
    return l;
  };
  const eq = (): Node => {
    let l = unary();
    while (isOp('==') || isOp('!=')) {
      const op = peek()?.v as '==' | '!=';
      pos++;
      l = { t: 'bin', op, l, r: unary() };
    }
    return l;
  };
  const unary = (): Node => {
    if (isOp('!')) {
      pos++;
      return { t: 'not', e: unary() };
    }
    return primary();
  };
  const primary = (): Node => {
    const tok = peek();
    if (!tok) throw new Error(`unexpected end of ${src}`);
    pos++;
    if (tok.k === 'op' && tok.v === '(') {
      const e = or();
      expect(')');
      return e;
    }
    if (tok.k === 'str' || tok.k === 'num') return { t: 'lit', v: tok.v };
    if (tok.k === 'id') {
      if (tok.v === 'true' || tok.v === 'false') return { t: 'lit', v: tok.v === 'true' };
      if (tok.v === 'null') return { t: 'lit', v: null };
      if (isOp('(')) {
        pos++;
        const args: Node[] = [];
        while (!isOp(')')) {
          args.push(or());
          if (isOp(',')) pos++;
        }
        expect(')');
        return { t: 'call', name: tok.v.toLowerCase(), args };
      }
      const segments: string[] = [];
      while (isOp('.')) {
        pos++;
        const next = peek();
        pos++;
        if (next?.k === 'id') segments.push(next.v);
        else if (next?.k === 'op' && next.v === '*') segments.push('*');
        else throw new Error(`bad property access in ${src}`);
      }
      return { t: 'path', head: tok.v, segments };
    }
    throw new Error(`unexpected "${tok.v}" in ${src}`);
  };
  const node = or();
  if (pos !== tokens.length) throw new Error(`trailing tokens in ${src}`);
  return node;
}

export type Contexts = Record<string, Value>;

function truthy(v: Value): boolean {
  return !(v === false || v === 0 || v === '' || v === null || v === undefined || Number.isNaN(v));
}

function toNumber(v: Value): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v.trim() === '' ? 0 : Number(v);
  return Number.NaN;
}

/** GitHub's loose equality: strings case-insensitively, mixed types as numbers. */
function looseEquals(a: Value, b: Value): boolean {
  const na = a === undefined ? null : a;
  const nb = b === undefined ? null : b;
  if (typeof na === 'string' && typeof nb === 'string') return na.toLowerCase() === nb.toLowerCase();
  if (typeof na === typeof nb && (typeof na !== 'object' || na === null)) return na === nb;
  if (typeof na === 'object' && na !== null) return na === nb;
  if (typeof nb === 'object' && nb !== null) return false;
  return toNumber(na) === toNumber(nb);
}

const asText = (v: Value): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

function evaluate(node: Node, ctx: Contexts): Value {
  switch (node.t) {
    case 'lit':
      return node.v;
    case 'not':
      return !truthy(evaluate(node.e, ctx));
    case 'bin': {
      const l = evaluate(node.l, ctx);
      if (node.op === '&&') return truthy(l) ? evaluate(node.r, ctx) : l;
      if (node.op === '||') return truthy(l) ? l : evaluate(node.r, ctx);
      const equal = looseEquals(l, evaluate(node.r, ctx));
      return node.op === '==' ? equal : !equal;
    }
    case 'path': {
      let value: Value = ctx[node.head];
      let filtered = false;
      for (const seg of node.segments) {
        if (seg === '*') {
          const items: Value[] = Array.isArray(value)
            ? value
            : value && typeof value === 'object'
              ? Object.values(value)
              : [];
          value = filtered ? items.flat() : items;
          filtered = true;
        } else if (filtered && Array.isArray(value)) {
          value = value
            .map((item) => (item && typeof item === 'object' && !Array.isArray(item) ? item[seg] : undefined))
            .filter((item) => item !== undefined);
        } else {
          value = value && typeof value === 'object' && !Array.isArray(value) ? value[seg] : undefined;
        }
      }
      return value;
    }
    case 'call': {
      const args = node.args.map((a) => evaluate(a, ctx));
      const [a, b] = args;
      switch (node.name) {
        case 'contains':
          return Array.isArray(a)
            ? a.some((item) => looseEquals(item, b))
            : asText(a).toLowerCase().includes(asText(b).toLowerCase());
        case 'startswith':
          return asText(a).toLowerCase().startsWith(asText(b).toLowerCase());
        case 'endswith':
          return asText(a).toLowerCase().endsWith(asText(b).toLowerCase());
        case 'format':
          return asText(a).replace(/\{(\d+)\}/g, (_, i: string) => asText(args[Number(i) + 1]));
        case 'join':
          return Array.isArray(a) ? a.map(asText).join(args.length > 1 ? asText(b) : ',') : asText(a);
        case 'success':
        case 'always':
          return true;
        case 'failure':
        case 'cancelled':
          return false;
        default:
          throw new Error(`unsupported function ${node.name}()`);
      }
    }
  }
}

/** Evaluates an `if:` (with or without `${{ }}`). */
export function evaluateCondition(src: string | boolean | undefined, ctx: Contexts): boolean {
  if (src === undefined) return true;
  if (typeof src === 'boolean') return src;
  const inner = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(src)?.[1] ?? src;
  return truthy(evaluate(parseExpression(inner), ctx));
}

/** Replaces every `${{ expr }}` in a string. */
export function interpolate(text: string, ctx: Contexts): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expr: string) =>
    asText(evaluate(parseExpression(expr), ctx)),
  );
}

// ---------------------------------------------------------------------------------------------------
// Workflows.

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  if?: string | boolean;
  with?: Record<string, string | number | boolean>;
}
interface Job {
  if?: string | boolean;
  needs?: string | string[];
  outputs?: Record<string, string>;
  concurrency?: string | { group: string; 'cancel-in-progress'?: boolean | string; queue?: string };
  steps: Step[];
}

const needsOf = (job: Job | undefined): string[] =>
  job?.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
interface Trigger {
  types?: string[];
  branches?: string[];
}
export interface Workflow {
  file: string;
  on: Record<string, Trigger | null>;
  jobs: Record<string, Job>;
}

function normaliseOn(on: unknown): Record<string, Trigger | null> {
  if (typeof on === 'string') return { [on]: null };
  if (Array.isArray(on)) return Object.fromEntries(on.map((e: string) => [e, null]));
  return (on ?? {}) as Record<string, Trigger | null>;
}

export async function readWorkflows(root: string): Promise<Workflow[]> {
  const dir = join(root, '.github', 'workflows');
  const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  const out: Workflow[] = [];
  for (const file of files) {
    const doc = parse(await readFile(join(dir, file), 'utf8')) as { on: unknown; jobs: Record<string, Job> };
    out.push({ file, on: normaliseOn(doc.on), jobs: doc.jobs });
  }
  return out;
}

const globToRegExp = (glob: string): RegExp =>
  new RegExp(
    `^${glob
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\*\*/g, '.+')
      .replace(/\*/g, '[^/]+')}$`,
  );

interface EventPayload {
  action?: string;
  pull_request?: { base?: { ref?: string } };
  [key: string]: unknown;
}

/** Whether a workflow's `on:` takes the event (name, activity types, base-branch filter). */
export function triggers(workflow: Workflow, eventName: string, payload: EventPayload): boolean {
  if (!(eventName in workflow.on)) return false;
  const trigger = workflow.on[eventName];
  // A schedule event names the cron that fired (`github.event.schedule`); only its workflow runs.
  if (eventName === 'schedule' && typeof payload.schedule === 'string') {
    const crons = (workflow.on.schedule as unknown as { cron: string }[] | null) ?? [];
    return crons.some((c) => c.cron === payload.schedule);
  }
  // Without `types:`, pull_request runs on opened, synchronize and reopened only (GitHub's default).
  const types =
    trigger?.types ?? (eventName === 'pull_request' ? ['opened', 'synchronize', 'reopened'] : undefined);
  if (types && !types.includes(payload.action ?? '')) return false;
  if (trigger?.branches && eventName.startsWith('pull_request')) {
    const base = payload.pull_request?.base?.ref ?? '';
    if (!trigger.branches.some((b) => globToRegExp(b).test(base))) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------
// Running.

export interface RunnerOptions {
  /** The repository checkout (workspace), with the bundled actions. */
  root: string;
  apiUrl: string;
  repository: string;
  defaultBranch?: string;
  token: string;
  serverUrl?: string;
  secrets?: Record<string, string>;
  vars?: Record<string, string>;
  /** Extra environment for the action processes. */
  env?: Record<string, string>;
}

export interface JobRun {
  workflow: string;
  job: string;
  /** The `./actions/<x>` the job ran; '' for a job of `run:` steps only. */
  action: string;
  /** The job's concurrency group, evaluated. */
  concurrency?: string;
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The last step's outputs. */
  outputs: Record<string, string>;
  /** The job's `outputs:`, evaluated after its steps. */
  jobOutputs: Record<string, string>;
  summary: string;
}

function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc?.[1] && heredoc[2]) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i] ?? '');
      out[heredoc[1]] = value.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

function runProcess(
  command: string,
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

interface ActionYaml {
  inputs?: Record<string, { default?: string }>;
  runs: { using: string; main: string };
}

/** What finished jobs leave for the jobs that need them (the `needs` context). */
type NeedsContext = Record<
  string,
  { result: 'success' | 'failure' | 'skipped'; outputs: Record<string, string> }
>;

export class WorkflowRunner {
  private workflows: Workflow[] | undefined;

  constructor(private readonly options: RunnerOptions) {}

  private contexts(eventName: string, payload: EventPayload, needs: NeedsContext = {}): Contexts {
    const o = this.options;
    const inputs = (payload.inputs ?? {}) as Value;
    return {
      github: {
        event_name: eventName,
        event: payload as Value,
        repository: o.repository,
        token: o.token,
        server_url: o.serverUrl ?? 'https://github.com',
        api_url: o.apiUrl,
      },
      inputs,
      secrets: { GITHUB_TOKEN: o.token, ...o.secrets },
      vars: { ...o.vars },
      needs: needs as Value,
      steps: {},
      env: {},
    };
  }

  /**
   * The jobs an event starts, jobs that others need first. `workflowFile` limits it to one workflow, as
   * `workflow_dispatch` always is (a dispatch names the workflow it runs). A job whose needed job does not
   * start does not start either (GitHub skips it); needed jobs count as succeeded here.
   */
  async plan(
    eventName: string,
    payload: EventPayload,
    workflowFile?: string,
  ): Promise<{ workflow: Workflow; job: string }[]> {
    this.workflows ??= await readWorkflows(this.options.root);
    const jobs: { workflow: Workflow; job: string }[] = [];
    for (const workflow of this.workflows) {
      if (workflowFile !== undefined && workflow.file !== workflowFile) continue;
      if (!triggers(workflow, eventName, payload)) continue;
      const started = new Set<string>();
      for (const name of jobOrder(workflow)) {
        const job = workflow.jobs[name];
        const needs = needsOf(job);
        if (!needs.every((n) => started.has(n))) continue;
        const context: NeedsContext = Object.fromEntries(
          needs.map((n) => [n, { result: 'success', outputs: {} }]),
        );
        if (evaluateCondition(job?.if, this.contexts(eventName, payload, context))) {
          started.add(name);
          jobs.push({ workflow, job: name });
        }
      }
    }
    return jobs;
  }

  /** Delivers one event: runs every job it starts, needed jobs first, and returns what each did. */
  async send(eventName: string, event: Record<string, unknown>, workflowFile?: string): Promise<JobRun[]> {
    const payload = this.payload(event);
    const runs: JobRun[] = [];
    const finished = new Map<string, NeedsContext>();
    for (const { workflow, job } of await this.plan(eventName, payload, workflowFile)) {
      const done: NeedsContext = finished.get(workflow.file) ?? {};
      finished.set(workflow.file, done);
      const needs = needsOf(workflow.jobs[job]);
      // A job runs only when every job it needs succeeded (GitHub's implicit `success()`).
      if (!needs.every((n) => done[n]?.result === 'success')) continue;
      const context = Object.fromEntries(needs.map((n) => [n, done[n]!])) as NeedsContext;
      const run = await this.runJob(workflow, job, eventName, payload, context);
      done[job] = { result: run.exitCode === 0 ? 'success' : 'failure', outputs: run.jobOutputs };
      runs.push(run);
    }
    return runs;
  }

  /**
   * The concurrency group of every job an event starts (`file#job` → group), running only the jobs made of
   * `run:` steps (the ones that compute keys), never an action.
   */
  async concurrency(
    eventName: string,
    event: Record<string, unknown>,
    workflowFile?: string,
  ): Promise<Record<string, string | undefined>> {
    const payload = this.payload(event);
    const groups: Record<string, string | undefined> = {};
    const finished = new Map<string, NeedsContext>();
    for (const { workflow, job } of await this.plan(eventName, payload, workflowFile)) {
      const done: NeedsContext = finished.get(workflow.file) ?? {};
      finished.set(workflow.file, done);
      const spec = workflow.jobs[job];
      const context = Object.fromEntries(needsOf(spec).map((n) => [n, done[n]!])) as NeedsContext;
      groups[`${workflow.file}#${job}`] = concurrencyGroup(spec, this.contexts(eventName, payload, context));
      if (spec?.steps.every((step) => step.run !== undefined)) {
        const run = await this.runJob(workflow, job, eventName, payload, context);
        if (run.exitCode !== 0) throw new Error(`${workflow.file}#${job} failed: ${run.stderr}`);
        done[job] = { result: 'success', outputs: run.jobOutputs };
      } else {
        done[job] = { result: 'success', outputs: {} };
      }
    }
    return groups;
  }

  private payload(event: Record<string, unknown>): EventPayload {
    const o = this.options;
    return { repository: { full_name: o.repository, default_branch: o.defaultBranch ?? 'main' }, ...event };
  }

  private async runJob(
    workflow: Workflow,
    jobName: string,
    eventName: string,
    payload: EventPayload,
    needs: NeedsContext,
  ): Promise<JobRun> {
    const o = this.options;
    const ctx = this.contexts(eventName, payload, needs);
    const job = workflow.jobs[jobName];
    const temp = await mkdtemp(join(tmpdir(), 'crescendo-runner-'));
    try {
      const eventPath = join(temp, 'event.json');
      await writeFile(eventPath, JSON.stringify(payload));
      const result: JobRun = {
        workflow: workflow.file,
        job: jobName,
        action: '',
        concurrency: concurrencyGroup(job, ctx),
        exitCode: 0,
        stdout: '',
        stderr: '',
        outputs: {},
        jobOutputs: {},
        summary: '',
      };
      for (const [index, step] of (job?.steps ?? []).entries()) {
        if (!evaluateCondition(step.if, ctx)) continue;
        const outputFile = join(temp, `output-${index}`);
        const summaryFile = join(temp, `summary-${index}`);
        await writeFile(outputFile, '');
        await writeFile(summaryFile, '');
        const env: Record<string, string> = {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? temp,
          GITHUB_ACTIONS: 'true',
          CI: 'true',
          GITHUB_EVENT_NAME: eventName,
          GITHUB_EVENT_PATH: eventPath,
          GITHUB_REPOSITORY: o.repository,
          GITHUB_API_URL: o.apiUrl,
          GITHUB_SERVER_URL: o.serverUrl ?? 'https://github.com',
          GITHUB_WORKSPACE: o.root,
          GITHUB_STEP_SUMMARY: summaryFile,
          GITHUB_OUTPUT: outputFile,
          GITHUB_JOB: jobName,
          RUNNER_TEMP: temp,
          ...o.env,
        };
        let ran: { code: number; stdout: string; stderr: string };
        if (step.run !== undefined) {
          // GitHub's default shell on Linux: bash --noprofile --norc -eo pipefail, expressions pasted first.
          ran = await runProcess(
            'bash',
            ['--noprofile', '--norc', '-eo', 'pipefail', '-c', interpolate(step.run, ctx)],
            env,
            o.root,
          );
        } else if (step.uses?.startsWith('./')) {
          const actionDir = join(o.root, step.uses);
          const action = parse(await readFile(join(actionDir, 'action.yml'), 'utf8')) as ActionYaml;
          for (const [name, spec] of Object.entries(action.inputs ?? {})) {
            const given = step.with?.[name];
            const raw = given === undefined ? (spec.default ?? '') : String(given);
            env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = interpolate(raw, ctx);
          }
          ran = await runProcess(process.execPath, [join(actionDir, action.runs.main)], env, o.root);
          result.action = step.uses;
        } else if (step.uses?.startsWith('actions/checkout@')) {
          continue;
        } else {
          throw new Error(`${workflow.file}#${jobName}: step ${index} (${step.uses}) cannot run here`);
        }
        result.exitCode = ran.code;
        result.stdout += ran.stdout;
        result.stderr += ran.stderr;
        result.outputs = parseOutputFile(await readFile(outputFile, 'utf8'));
        result.summary += await readFile(summaryFile, 'utf8');
        const steps = ctx.steps as Record<string, Value>;
        if (step.id) steps[step.id] = { outputs: result.outputs };
        if (ran.code !== 0) break;
      }
      for (const [name, expression] of Object.entries(job?.outputs ?? {})) {
        result.jobOutputs[name] = interpolate(expression, ctx);
      }
      return result;
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  }
}

/** Jobs in an order where every job comes after the jobs it needs (the file's order otherwise). */
function jobOrder(workflow: Workflow): string[] {
  const order: string[] = [];
  const visit = (name: string, path: string[]) => {
    if (order.includes(name)) return;
    if (path.includes(name)) throw new Error(`${workflow.file}: jobs need each other in a cycle (${name})`);
    for (const need of needsOf(workflow.jobs[name])) visit(need, [...path, name]);
    order.push(name);
  };
  for (const name of Object.keys(workflow.jobs)) visit(name, []);
  return order;
}

/** The concurrency group a job runs in, evaluated as GitHub does (undefined when it declares none). */
export function concurrencyGroup(job: Job | undefined, ctx: Contexts): string | undefined {
  const concurrency = job?.concurrency;
  if (concurrency === undefined) return undefined;
  return interpolate(typeof concurrency === 'string' ? concurrency : concurrency.group, ctx);
}
