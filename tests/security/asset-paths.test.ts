import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleFileName } from '../../actions/engine/llm/sample-llm.js';
import { approve, start } from '../../actions/engine/runner/local-actions.js';
import { ScriptedLlm } from '../fakes/scripted-llm.js';
import { exampleBriefData, freshRepo, samplesDir } from '../helpers.js';

const ID = 'q2-2027-launch';

/** The shipped answer for a task; landing pages and LinkedIn ads all get their first one's: the same slug. */
function answer(task: string): unknown {
  const same = /^content\/(landing-page|linkedin-ad)\//.test(task);
  const own = join(samplesDir, sampleFileName(same ? task.replace(/\/\d+$/, '/1') : task));
  return JSON.parse(readFileSync(own, 'utf8'));
}

describe('two assets never share a path', () => {
  it('same-date assets with the same slug each get their own files, listed in the index', async () => {
    // Landing pages and ads go live at launch: three of each land on the same date with the same slug.
    const brief = {
      ...exampleBriefData(),
      assets: [
        { type: 'blog-post', count: 1 },
        { type: 'landing-page', count: 3 },
        { type: 'linkedin-ad', count: 3 },
      ],
      cadence: undefined,
    };
    const { forge } = await freshRepo();
    const deps = { forge, llm: new ScriptedLlm((r) => answer(r.task)) };
    await start(deps, brief);
    await approve(deps, ID); // research → strategy
    const content = await approve(deps, ID, { override: 'the test plans with the default benchmarks' });
    const branch = `crescendo/${ID}/content`;
    expect(content.next?.pullRequest.branch).toBe(branch);
    const files = await forge.listFiles(`content/${ID}`, branch);
    const pages = files.filter((f) => f.includes('/landing-page/') && f.endsWith('.md'));
    const ads = files.filter((f) => f.includes('/linkedin-ads/') && f.endsWith('.md'));
    expect(pages).toHaveLength(3);
    expect(ads).toHaveLength(3);
    expect(pages.map((p) => p.replace(/^.*\/\d{4}-\d\d-\d\d-/, ''))).toEqual([
      'marketing-automation-software-trial-2.md',
      'marketing-automation-software-trial-3.md',
      'marketing-automation-software-trial.md',
    ]);
    // Each page keeps its own HTML variants next to it.
    for (const page of pages) {
      expect(files).toContain(page.replace(/\.md$/, '.html'));
      expect(files).toContain(page.replace(/\.md$/, '-b.html'));
    }
    const index = (await forge.readFile(`content/${ID}/index.md`, branch)) ?? '';
    for (const file of [...pages, ...ads]) expect(index).toContain(file.replace(`content/${ID}/`, ''));
    const planned = brief.assets.reduce((n: number, a: { count: number }) => n + a.count, 0);
    expect(content.next?.pullRequest.body).toContain(`${planned} of ${planned} assets written`);
  });
});
