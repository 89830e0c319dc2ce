import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateAction, validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { STAGES } from '../../actions/engine/stages/index.js';
import { ROOT } from '../../scripts/bundle/build.js';

const workflowsDir = join(ROOT, '.github', 'workflows');
const workflows = readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f));

interface ActionFile {
  runs: { using: string; main: string };
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs?: Record<string, unknown>;
}

/**
 * The schema bundled with @action-validator/core 0.6 predates `concurrency.queue` (GitHub, May 2026: `max`
 * keeps up to 100 waiting runs instead of one), so the rest of the file is validated with those lines left
 * out; the queue values themselves are checked below.
 */
const withoutQueue = (text: string): string => text.replace(/^\s+queue:\s*(max|single)\s*$/gm, '');

interface JobFile {
  concurrency?: { group: string; 'cancel-in-progress'?: boolean; queue?: string };
  steps: { uses?: string }[];
}

describe('workflow files', () => {
  it.each(workflows)('%s matches the published workflow schema', (file) => {
    const state = validateWorkflow(withoutQueue(readFileSync(join(workflowsDir, file), 'utf8')));
    expect(state.errors).toEqual([]);
  });

  it('every job that runs a stage waits in its queue: never cancelled, never dropped while waiting', () => {
    for (const file of ['campaign.yml', 'measurement.yml']) {
      const doc = parse(readFileSync(join(workflowsDir, file), 'utf8')) as { jobs: Record<string, JobFile> };
      for (const [name, job] of Object.entries(doc.jobs)) {
        if (!job.steps.some((step) => step.uses?.startsWith('./actions/'))) continue;
        expect(job.concurrency, `${file}#${name}`).toMatchObject({
          'cancel-in-progress': false,
          queue: 'max',
        });
      }
    }
  });

  it('pins every third-party action by a full commit sha', () => {
    for (const file of workflows) {
      const text = readFileSync(join(workflowsDir, file), 'utf8');
      for (const [, ref] of text.matchAll(/uses:\s*([^\s#]+)/g)) {
        if (ref?.startsWith('./')) continue;
        expect(ref, `${file}: ${ref}`).toMatch(/@[0-9a-f]{40}$/);
      }
    }
  });

  it('asks only for the permissions a stage needs', () => {
    for (const file of ['campaign.yml', 'measurement.yml']) {
      const doc = parse(readFileSync(join(workflowsDir, file), 'utf8')) as { permissions: unknown };
      expect(doc.permissions).toEqual({ contents: 'write', 'pull-requests': 'write', issues: 'write' });
    }
  });

  it('never uses pull_request_target', () => {
    for (const file of workflows) {
      expect(readFileSync(join(workflowsDir, file), 'utf8')).not.toContain('pull_request_target');
    }
  });
});

/** An action file, validated against the published schema, and parsed. */
function readAction(dir: string): ActionFile {
  const text = readFileSync(join(ROOT, 'actions', dir, 'action.yml'), 'utf8');
  // The schema bundled with @action-validator/core 0.6 predates `node24` (its enum stops at node20), so the
  // rest of the file is validated with that one value swapped; `using` itself is checked by each test.
  expect(validateAction(text.replace(/^(\s+using:\s*)node24\s*$/m, '$1node20')).errors).toEqual([]);
  return parse(text) as ActionFile;
}

describe('stage action files', () => {
  it.each(Object.keys(STAGES))('actions/%s/action.yml matches the action schema and the contract', (dir) => {
    const action = readAction(dir);
    expect(action.runs).toEqual({ using: 'node24', main: 'main.js' });
    expect(Object.keys(action.inputs).sort()).toEqual([
      'anthropic-api-key',
      'campaign',
      'dry-run',
      'github-token',
    ]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template
    expect(action.inputs['github-token']?.default).toBe('${{ github.token }}');
    expect(action.inputs['dry-run']?.default).toBe('false');
    expect(Object.keys(action.outputs ?? {}).sort()).toEqual(['campaign-id', 'pull-request-number']);
  });
});

describe('the publish action file', () => {
  it('matches the action schema and runs its main.js on node24', () => {
    const action = readAction('publish');
    expect(action.runs).toEqual({ using: 'node24', main: 'main.js' });
    expect(Object.keys(action.inputs).sort()).toEqual(['campaign', 'dry-run', 'github-token', 'now']);
    expect(action.inputs['dry-run']?.default).toBe('false');
  });
});
