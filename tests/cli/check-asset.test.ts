import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderAssetFile } from '../../actions/engine/artifacts/asset.js';
import { AssetContext, parseBrandVoice, renderAsset } from '../../actions/engine/assets/index.js';
import { checkFile } from '../../scripts/cli/check-file.js';
import { packageRoot, samplesDir } from '../helpers.js';

const brand = parseBrandVoice(readFileSync(join(packageRoot, 'scripts/demo/brand.yml'), 'utf8'));
const rsa = JSON.parse(readFileSync(join(samplesDir, 'content__google-rsa__1.json'), 'utf8'));
const ctx = AssetContext.parse({
  type: 'google-rsa',
  channel: 'google-ads',
  keyword: 'marketing automation software',
  date: '2027-05-01',
  message: 'Automation for lean B2B teams.',
  brand,
  campaignId: 'q2-2027-launch',
  landingUrl: 'https://www.example.com/automate',
});
const file = 'content/q2-2027-launch/google-ads/2027-05-01-nurture-playbook-search.md';
const rendered = (data: unknown) =>
  renderAssetFile(
    {
      type: 'google-rsa',
      campaign: ctx.campaignId,
      channel: ctx.channel,
      date: ctx.date,
      status: 'draft',
      keyword: ctx.keyword,
      landingUrl: ctx.landingUrl,
      asset: data,
    },
    renderAsset('google-rsa', data as never, ctx).markdown,
  );

describe('crescendo check on a content asset', () => {
  it('passes the asset as the content stage wrote it, with its data in the front matter', () => {
    const text = rendered(rsa);
    expect(text).toMatch(/\nasset:\n {2}slug: nurture-playbook-search/);
    expect(text).toContain('landingUrl: https://www.example.com/automate');
    const result = checkFile(file, text, { brand });
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ ok: true, kind: 'google-rsa' });
  });

  it('reports a hand-broken headline by file, field, line and numbers', () => {
    const text = rendered(rsa);
    const third = rsa.headlines[2] as string;
    const broken = text.replace(`  - ${third}\n`, `  - ${'x'.repeat(34)}\n`);
    expect(broken).not.toBe(text);
    const result = checkFile(file, broken, { brand });
    expect(result.ok).toBe(false);
    const problem = result.problems.find((p) => p.where === `${file} asset.headlines[2]`);
    expect(problem?.message).toBe('headline 3 is 34 characters; the limit is 30');
    expect(problem?.line).toBe(broken.split('\n').findIndex((l) => l.includes('x'.repeat(34))) + 1);
  });

  it('reports a broken shape and a missing field without throwing; works without a brand file', () => {
    const text = rendered(rsa).replace(/\n {2}descriptions:\n/, '\n  descriptionz:\n');
    const result = checkFile(file, text);
    expect(result.ok).toBe(false);
    expect(result.problems.some((p) => p.where.startsWith(`${file} asset.descriptions`))).toBe(true);
  });
});
