import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetPath } from '../../../actions/engine/artifacts/asset.js';
import {
  AssetContext,
  assetSchemas,
  assetSlug,
  checkAsset,
  parseBrandVoice,
  renderAsset,
} from '../../../actions/engine/assets/index.js';
import { AnthropicBatches, batchCustomId } from '../../../actions/engine/llm/anthropic-batch.js';
import { type FakeAnthropic, lastUserText, reply, startFakeAnthropic } from '../../fakes/anthropic/index.js';
import { packageRoot, samplesDir } from '../../helpers.js';

const brand = parseBrandVoice(readFileSync(join(packageRoot, 'scripts/demo/brand.yml'), 'utf8'));
const answer = JSON.parse(readFileSync(join(samplesDir, 'content__social-post__1.json'), 'utf8'));
const keys = ['social-post/1', 'social-post/2', 'social-post/3'];

describe('content batch mode (Message Batches API)', () => {
  let fake: FakeAnthropic;
  beforeAll(async () => {
    fake = await startFakeAnthropic({ batchPollsUntilEnded: 2 });
    fake.respond(({ params }) =>
      lastUserText(params).includes('social-post/3') ? reply.error(500) : reply.json(answer),
    );
  });
  afterAll(() => fake.close());

  it('creates a batch, polls until it ends, matches results by custom id and renders files', async () => {
    const batches = AnthropicBatches.create({ apiKey: 'k', baseURL: fake.url, maxRetries: 0 });
    const id = await batches.submit(
      keys.map((key) => ({
        customId: batchCustomId(key),
        request: {
          task: `content/${key}`,
          model: 'claude-sonnet-5-5',
          system: [{ text: 'shared context', cache: true }, { text: 'role' }],
          messages: [{ role: 'user', content: `Write ${key}` }],
          schema: assetSchemas['social-post'],
          maxTokens: 2000,
        },
      })),
    );
    const created = fake.requests.find((r) => r.method === 'POST' && r.path === '/v1/messages/batches');
    const body = created?.body as { requests: { custom_id: string; params: { system: unknown[] } }[] };
    expect(body.requests.map((r) => r.custom_id)).toEqual([
      'social-post_1',
      'social-post_2',
      'social-post_3',
    ]);
    expect(body.requests[0]?.params.system[0]).toMatchObject({ cache_control: { type: 'ephemeral' } });

    // A later run resumes by the id: poll until ended, then collect.
    const polls: boolean[] = [];
    while (!(await batches.poll(id))) polls.push(false);
    expect(polls.length).toBeGreaterThan(0);
    const outcomes = await batches.collect(id);
    const byId = new Map(outcomes.map((o) => [o.customId, o]));
    expect([...byId.keys()].sort()).toEqual(['social-post_1', 'social-post_2', 'social-post_3']);
    const failed = byId.get('social-post_3');
    expect(failed && 'error' in failed && failed.error).toContain('batch item');

    const ok = byId.get('social-post_1');
    if (!ok || !('response' in ok)) throw new Error('social-post_1 has no answer');
    const data = assetSchemas['social-post'].parse(JSON.parse(ok.response.text));
    const ctx = AssetContext.parse({
      type: 'social-post',
      channel: 'linkedin',
      date: '2027-05-01',
      message: 'Launch.',
      brand,
      campaignId: 'q2-2027-launch',
      landingUrl: 'https://www.example.com/automate',
    });
    expect(checkAsset('social-post', data, ctx).filter((p) => p.severity === 'error')).toEqual([]);
    const path = assetPath('q2-2027-launch', 'linkedin', '2027-05-01', assetSlug('social-post', data));
    expect(path).toBe('content/q2-2027-launch/linkedin/2027-05-01-automate-launch-announcement.md');
    expect(renderAsset('social-post', data, ctx).markdown).toContain('Automate');
  });
});
