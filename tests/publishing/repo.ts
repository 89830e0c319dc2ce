import { readFileSync } from 'node:fs';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { type AssetFront, assetPath, renderAssetFile } from '../../actions/engine/artifacts/asset.js';
import { BRAND_PATH } from '../../actions/engine/artifacts/brand.js';
import { Brief } from '../../actions/engine/artifacts/brief.js';
import { renderCampaignFile } from '../../actions/engine/artifacts/campaign.js';
import { initialState } from '../../actions/engine/artifacts/campaign-state.js';
import { type Ledger, ledgerPath, renderLedger } from '../../actions/engine/artifacts/ledger.js';
import { type AssetData, type AssetType, renderAsset } from '../../actions/engine/assets/index.js';
import { parseConfig } from '../../actions/engine/config/config.js';
import { toYaml } from '../../actions/engine/files/yaml.js';
import { git } from '../../actions/engine/forge/local/git.js';
import type { LocalForge } from '../../actions/engine/forge/local/local-forge.js';
import { readAssetFile } from '../../actions/engine/publishing/approved-assets.js';
import { planLedger } from '../../actions/engine/publishing/plan-ledger.js';
import { planSlots, type Slot } from '../../actions/engine/publishing/slots.js';
import { blogPost, brand, context, emailSequence, socialPost } from '../assets/fixtures.js';
import { freshRepo, smallBriefPath } from '../helpers.js';

/*
 * A campaign repository as the distribution stage leaves it, built by code without a model: the example
 * brief, a brand file, approved assets rendered by the real renderers, and the ledger planned by the real
 * planner at fixed times. Publishing settings are given per test.
 */

export const CAMPAIGN = 'q2-2027-launch';
export const ISSUE = 7;

export interface FixtureAsset {
  type: AssetType;
  channel: string;
  date: string;
  data: unknown;
}

/** The fixture's assets: a blog post, a LinkedIn post with a variant, an X post, a two-email sequence. */
export function fixtureAssets(): FixtureAsset[] {
  return [
    { type: 'blog-post', channel: 'blog', date: '2027-04-06', data: blogPost() },
    {
      type: 'social-post',
      channel: 'linkedin',
      date: '2027-04-06',
      data: {
        ...socialPost(),
        variants: [{ variantId: 'b', text: 'Review your marketing like code, stage by stage.' }],
      },
    },
    {
      type: 'social-post',
      channel: 'x',
      date: '2027-04-06',
      data: { ...socialPost(), slug: 'launch-post-x', text: 'Marketing automation, reviewed like code.' },
    },
    { type: 'email-sequence', channel: 'email', date: '2027-04-06', data: emailSequence() },
  ];
}

/** When each slot goes out: the dropped-schedule test relies on 09:00, 10:00, 11:00 and 12:00 of one day. */
export const TIMES: Record<string, string> = {
  'blog#a': '2027-04-06T09:00:00Z',
  'linkedin#a': '2027-04-06T10:00:00Z',
  'x#a': '2027-04-06T11:00:00Z',
  'email#a': '2027-04-06T12:00:00Z',
  'linkedin#b': '2027-04-07T10:00:00Z',
};

export const BASE_PUBLISHING = `
publishing:
  blog:
    publisher: static-site
    format: hugo
    dir: site
    baseUrl: https://crescendo.dev
  email:
    publisher: smtp
    from: Crescendo <news@crescendo.dev>
    to: readers@lists.crescendo.dev
    unsubscribeUrl: https://crescendo.dev/unsubscribe?email={email}
  linkedin:
    organizationId: 2414183
  x: {}
`;

const brief = () =>
  Brief.parse({
    ...(parse(readFileSync(smallBriefPath, 'utf8')) as object),
    landingUrl: 'https://crescendo.dev/launch',
  });

async function write(dir: string, path: string, content: string) {
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), content);
}

/**
 * The approved campaign as files and its planned ledger, without a repository: the assets rendered by the
 * real renderers, the slots and the ledger by the real planner. `configText` is `.github/crescendo.yml`.
 */
export function approvedCampaign(
  configText: string,
  assets: FixtureAsset[] = fixtureAssets(),
): { files: { path: string; content: string }[]; ledger: Ledger; slots: Slot[] } {
  const files: { path: string; content: string }[] = [];
  const approved = [];
  for (const asset of assets) {
    const data = asset.data as AssetData<AssetType>;
    const ctx = context(asset.type, { channel: asset.channel, campaignId: CAMPAIGN, date: asset.date });
    const rendered = renderAsset(asset.type, data, ctx);
    const slug = (data as { slug: string }).slug;
    const path = assetPath(CAMPAIGN, asset.channel, asset.date, slug);
    const front: AssetFront = {
      type: asset.type,
      campaign: CAMPAIGN,
      channel: asset.channel,
      date: asset.date,
      status: 'approved',
      landingUrl: 'https://crescendo.dev/launch',
      asset: data,
    };
    files.push({ path, content: renderAssetFile(front, rendered.markdown) });
    for (const extra of rendered.extra)
      files.push({ path: `${path.replace(/\.md$/, '')}${extra.pathSuffix}`, content: extra.content });
    approved.push(
      readAssetFile({ path, front: front as unknown as Record<string, unknown>, body: rendered.markdown }),
    );
  }
  const { slots } = planSlots(approved, parseConfig(configText).publishing, CAMPAIGN);
  const schedule = slots.map((slot) => ({
    slot: slot.id,
    publishAt: TIMES[`${slot.asset.front.channel}#${slot.variant}`] ?? '2027-04-08T09:00:00Z',
  }));
  const ledger = planLedger(
    slots,
    { schedule },
    { campaign: CAMPAIGN, window: { start: '2027-04-01', end: '2027-06-30' } },
  );
  return { files, ledger, slots };
}

/** The repository, its forge and the approved ledger, committed on main. */
export async function campaignRepo(
  publishing = BASE_PUBLISHING,
  assets: FixtureAsset[] = fixtureAssets(),
  issue = ISSUE,
): Promise<{ dir: string; forge: LocalForge; ledger: Ledger }> {
  const { dir, forge } = await freshRepo();
  await appendFile(join(dir, '.github', 'crescendo.yml'), publishing);
  await write(dir, BRAND_PATH, toYaml(brand));
  await write(
    dir,
    `campaigns/${CAMPAIGN}/campaign.yml`,
    renderCampaignFile({ brief: brief(), state: initialState({ issue }) }),
  );
  const configText = await readFile(join(dir, '.github', 'crescendo.yml'), 'utf8');
  const { files, ledger } = approvedCampaign(configText, assets);
  for (const file of files) await write(dir, file.path, file.content);
  await write(dir, ledgerPath(CAMPAIGN), renderLedger(ledger));
  await git(dir, ['add', '-A']);
  await git(dir, ['commit', '-q', '-m', 'An approved distribution']);
  return { dir, forge, ledger };
}

/** Every committed file of a repository, for seeding a fake GitHub with it. */
export async function committedFiles(dir: string): Promise<Record<string, string>> {
  const paths = (await git(dir, ['ls-files'])).split('\n').filter(Boolean);
  return Object.fromEntries(
    await Promise.all(paths.map(async (p) => [p, await readFile(join(dir, p), 'utf8')] as const)),
  );
}
