import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../../actions/engine/config/config.js';
import { git } from '../../../actions/engine/forge/local/git.js';
import { AnthropicLlm } from '../../../actions/engine/llm/anthropic-llm.js';
import { SampleLlm } from '../../../actions/engine/llm/sample-llm.js';
import { loadCampaign } from '../../../actions/engine/runner/campaigns.js';
import { approve } from '../../../actions/engine/runner/local-actions.js';
import { runStage, startCampaign } from '../../../actions/engine/runner/run-stage.js';
import { type FakeAnthropic, lastUserText, reply, startFakeAnthropic } from '../../fakes/anthropic/index.js';
import { exampleBriefPath, freshRepo, samplesDir, spentAt } from '../../helpers.js';

// The example brief with a handful of assets: enough for a batch (batchMinAssets 5), quick to collect.
const brief = {
  ...parse(readFileSync(exampleBriefPath, 'utf8')),
  assets: [
    '2 blog posts',
    '1 lead magnet (ebook)',
    '1 landing page',
    '2 social posts (LinkedIn)',
    '1 LinkedIn ad',
  ],
};
const ID = 'q2-2027-launch';
const BRANCH = `crescendo/${ID}/content`;
const sampleFor = (key: string) =>
  JSON.parse(readFileSync(join(samplesDir, `content__${key.replaceAll('/', '__')}.json`), 'utf8'));

describe('content batch mode through runStage', () => {
  let fake: FakeAnthropic;
  beforeAll(async () => {
    fake = await startFakeAnthropic({ batchPollsUntilEnded: 2 });
    fake.respond(({ params, customId }) => {
      // Batch items: the sample for the asset named by the custom id; one answer is not JSON.
      if (customId) {
        const key = customId.replaceAll('_', '/');
        return key === 'linkedin-ad/1' ? reply.text('not json') : reply.json(sampleFor(key));
      }
      // The synchronous re-ask of the refused answer.
      const type = /Write the (\S+) for/.exec(lastUserText(params))?.[1] ?? '';
      return reply.json(sampleFor(`${type}/1`));
    });
  });
  afterAll(() => fake.close());

  it('submits one batch, opens the PR with it pending, then collects onto the same PR at half price', async () => {
    const { forge, dir } = await freshRepo();
    const config = readFileSync(join(dir, '.github/crescendo.yml'), 'utf8');
    writeFileSync(
      join(dir, '.github/crescendo.yml'),
      config.replace('batch: false', 'batch: true').replace('batchMinAssets: 20', 'batchMinAssets: 5'),
    );
    await git(dir, ['commit', '-qam', 'batch mode on']);
    const sample = { forge, llm: new SampleLlm(samplesDir) };
    await startCampaign(sample, brief);
    await approve(sample, ID); // research → strategy
    const live = {
      forge,
      llm: new AnthropicLlm({ apiKey: 'k', baseURL: fake.url, maxRetries: 0 }),
      batchPoll: { attempts: 1, intervalMs: 0 },
    };

    // First run (strategy approved → content): one batch, a PR with a placeholder index.
    const first = await approve(live, ID, { override: 'the test plans with the default benchmarks' });
    const pr = first.next?.pullRequest;
    expect(pr?.branch).toBe(BRANCH);
    expect(
      fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages/batches'),
    ).toHaveLength(1);
    expect(fake.messageRequests).toHaveLength(0);
    const pending = (await loadCampaign(forge, ID, BRANCH))?.state.stages.content.batch;
    expect(pending?.id).toMatch(/\S/);
    expect(pending?.assets.length).toBeGreaterThanOrEqual(5);
    expect(await forge.readFile(`campaigns/${ID}/campaign.yml`, BRANCH)).toContain(pending?.id ?? '?');
    expect(await forge.readFile(`content/${ID}/index.md`, BRANCH)).toContain(
      `${pending?.assets.length} assets pending`,
    );

    // Second run: the batch has not ended yet (first poll), nothing changes.
    const waiting = await runStage(live, { campaignId: ID, stage: 'content' });
    expect(waiting.changed).toBe(false);

    // Third run: ended; files on the same branch and PR, batch cleared, one synchronous re-ask.
    const done = await runStage(live, { campaignId: ID, stage: 'content' });
    expect(done.changed).toBe(true);
    expect(done.pullRequest.number).toBe(pr?.number);
    expect((await forge.listPullRequests()).filter((p) => p.branch === BRANCH)).toHaveLength(1);
    const state = (await loadCampaign(forge, ID, BRANCH))?.state.stages.content;
    expect(state?.batch).toBeUndefined();
    expect(state?.files.length).toBeGreaterThan(pending?.assets.length ?? 0);
    const index = (await forge.readFile(`content/${ID}/index.md`, BRANCH)) ?? '';
    expect(index).toContain('## Calendar');
    expect(index).not.toContain('Not generated');
    expect(fake.messageRequests).toHaveLength(1);
    expect(JSON.stringify(fake.messageRequests[0]?.body.messages)).toContain('not accepted');

    // Cost: every batch answer at half the price of its tokens.
    const pricing = parseConfig(config).pricing.perMillionTokens['claude-sonnet-5-5'];
    if (!pricing) throw new Error('no price');
    const full = (c: {
      inputTokens: number;
      outputTokens: number;
      cacheReadInputTokens: number;
      cacheCreationInputTokens: number;
    }) =>
      (c.inputTokens * pricing.input +
        c.outputTokens * pricing.output +
        c.cacheCreationInputTokens * pricing.cacheWrite5m +
        c.cacheReadInputTokens * pricing.cacheRead) /
      1_000_000;
    const spent = await spentAt(forge, ID, BRANCH);
    expect(spent.usd).toBeGreaterThan(0);
    expect(spent.usd).toBeLessThan(full(spent));
    // Per asset (the index's cost table): batch answers cost exactly half their tokens' price.
    const rows = index
      .split('\n')
      .filter((l) => /^\| [a-z-]+\/\d+ \|/.test(l))
      .map((l) =>
        l
          .split('|')
          .map((c) => c.trim())
          .slice(1, -1),
      );
    expect(rows.length).toBe(pending?.assets.length);
    for (const [key, , input, cacheRead, cacheWrite, output, usd] of rows) {
      if (key === 'linkedin-ad/1') continue; // half-price batch answer plus a full-price re-ask
      const tokens = {
        inputTokens: Number(input),
        outputTokens: Number(output),
        cacheReadInputTokens: Number(cacheRead),
        cacheCreationInputTokens: Number(cacheWrite),
      };
      expect(Math.abs(Number(usd) - full(tokens) / 2)).toBeLessThanOrEqual(0.00005 + 1e-9);
      expect(full(tokens) / 2).toBeGreaterThan(0.0001);
    }
  });
});
