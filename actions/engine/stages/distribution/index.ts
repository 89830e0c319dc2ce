import { z } from 'zod';
import { AssetFront, readContentFiles } from '../../artifacts/asset.js';
import { DistributionData, distributionPath, ledgerPath } from '../../artifacts/ledger.js';
import { approvedForDistribution, reviewPath } from '../../artifacts/review.js';
import { AssetType } from '../../assets/asset-type.js';
import { assetVariants } from '../../assets/index.js';
import { utmContent, withUtm } from '../../channels/tracking.js';
import { CrescendoError, type Problem } from '../../errors.js';
import { renderArtifact } from '../../files/artifact-file.js';
import { bullets, table } from '../../files/markdown.js';
import { toYaml } from '../../files/yaml.js';
import { ask, campaignSystem, dataBlock, feedbackBlock } from '../ask.js';
import type { ArtifactKind, Stage, StageContext } from '../stage.js';
import { gateSection } from './held-back.js';

export const ScheduleProposal = z.object({
  schedule: z
    .array(
      z.object({
        path: z.string().min(1),
        publishAt: z.iso
          .datetime({ offset: true })
          .describe('When to publish or send, ISO 8601 with time zone'),
        notes: z.string().describe('Channel-specific set-up: audience, send list, targeting, ad approval'),
      }),
    )
    .min(1),
});

export function scheduleCheckpoints(
  schedule: { path: string; publishAt: string }[],
  approved: string[],
  window?: { start: string; end: string },
  assetDates: Record<string, string> = {},
): Problem[] {
  const problems: Problem[] = [];
  const counts = new Map<string, number>();
  schedule.forEach((s, i) => {
    counts.set(s.path, (counts.get(s.path) ?? 0) + 1);
    if (!approved.includes(s.path))
      problems.push({ where: `schedule[${i}].path`, message: `${s.path} is not an approved asset` });
    const day = s.publishAt.slice(0, 10);
    const own = assetDates[s.path];
    if (own && day < own)
      problems.push({
        where: `schedule[${i}].publishAt`,
        message: `${day} is before the asset's own date ${own}`,
      });
    if (window && (day < window.start || day > window.end)) {
      problems.push({
        where: `schedule[${i}].publishAt`,
        message: `${day} is outside the campaign window ${window.start} – ${window.end}`,
      });
    }
  });
  for (const path of approved) {
    const n = counts.get(path) ?? 0;
    if (n !== 1)
      problems.push({
        where: 'schedule',
        message: `${path} is scheduled ${n} times; every approved asset exactly once`,
      });
  }
  return problems;
}

export const distributionArtifact: ArtifactKind<DistributionData> = {
  kind: 'distribution',
  schema: DistributionData,
  checkpoints: (d) =>
    d.entries.flatMap((e, i): Problem[] =>
      new URL(e.trackingLink).searchParams.get('utm_campaign') === d.campaign
        ? []
        : [
            {
              where: `entries[${i}].trackingLink`,
              message: `utm_campaign is not the campaign id ${d.campaign}`,
            },
          ],
    ),
};

/** The tracked link of an asset's first variant, derived from its data and channel. */
function variantLink(front: Record<string, unknown>, landingUrl: string): string | undefined {
  const parsed = AssetFront.safeParse(front);
  if (!parsed.success) return undefined;
  const { type, asset, channel, campaign } = parsed.data;
  return assetVariants(type, asset as never, { channel, campaignId: campaign, landingUrl })[0]?.link;
}

export const distributionStage: Stage = {
  name: 'distribution',
  title: 'Distribution',
  checklist: [
    'All channels scheduled',
    'Tracking parameters on every link',
    'Email sequences set',
    'Ads set for approval',
    'Blog posts scheduled',
  ],
  onMerge: 'approves the schedule; the publisher sends each entry when it is due, and measurement starts',
  writes: (id) => [distributionPath(id), ledgerPath(id)],
  artifacts: [distributionArtifact as ArtifactKind<unknown>],
  async run(ctx: StageContext) {
    const { brief } = ctx.campaign;
    // Approved by the review and every claim ticked or waived (review.md, or the merged review PR's body).
    const gate = await approvedForDistribution(ctx, brief.id, { approvalBody: ctx.approval?.body });
    const approved = (await readContentFiles(ctx, brief.id)).filter((f) => gate.approved.includes(f.path));
    if (approved.length === 0) {
      throw new CrescendoError('no asset may be distributed yet', {
        code: 'waiting',
        problems: gate.held.map((h) => ({ where: h.path, message: h.reason })),
        fix: `tick (or waive) the claims to verify in ${reviewPath(brief.id)}, then run distribution again`,
      });
    }
    for (const held of gate.held) ctx.log(`  held back: ${held.path}: ${held.reason}`);
    const paths = approved.map((f) => f.path);
    ctx.log(`  scheduling ${approved.length} approved assets`);
    const { data, cost } = await ask(ctx, 'distribution', {
      task: 'distribution',
      system: campaignSystem(
        ctx,
        'You are the distribution planner: publish times per channel, set-up notes.',
      ),
      prompt: `Schedule every approved asset exactly once, inside ${brief.timeframe.start} – ${brief.timeframe.end}, no earlier than its own date, at a good time for its channel and audience. The approved assets:\n\n${dataBlock(
        'approved-assets',
        approved
          .map(
            (f) =>
              `- ${f.path} (type ${String(f.front.type)}, channel ${String(f.front.channel)}, date ${String(f.front.date)})`,
          )
          .join('\n'),
      )}${feedbackBlock(ctx)}`,
      schema: ScheduleProposal,
      check: (d) =>
        scheduleCheckpoints(
          d.schedule,
          paths,
          brief.timeframe,
          Object.fromEntries(approved.map((f) => [f.path, String(f.front.date)])),
        ),
    });
    const byPath = new Map(approved.map((f) => [f.path, f]));
    const entries = data.schedule
      .map((s) => {
        const f = byPath.get(s.path)!;
        const type = AssetType.parse(f.front.type);
        return {
          path: s.path,
          channel: String(f.front.channel),
          type,
          publishAt: s.publishAt,
          // Off-site assets already carry their tracked link (variant a) from the content renderer.
          trackingLink:
            variantLink(f.front, brief.landingUrl) ??
            withUtm(brief.landingUrl, {
              source: String(f.front.channel),
              medium: 'owned',
              campaign: brief.id,
              content: utmContent(
                s.path
                  .split('/')
                  .pop()
                  ?.replace(/\.md$/, '')
                  .replace(/^\d{4}-\d{2}-\d{2}-/, '') ?? 'asset',
                'a',
              ),
            }),
          notes: s.notes,
          status: 'scheduled' as const,
        };
      })
      .sort((a, b) => Date.parse(a.publishAt) - Date.parse(b.publishAt));
    const plan: DistributionData = { campaign: brief.id, entries };
    const channels = [...new Set(entries.map((e) => e.channel))];
    const body = [
      '# Distribution plan',
      `${entries.length} assets on ${channels.length} channels. Every link carries \`utm_campaign=${brief.id}\`.`,
      ...channels.map((channel) =>
        [
          `## ${channel}`,
          table(
            ['Publish at', 'Asset', 'Tracking link', 'Set-up'],
            entries
              .filter((e) => e.channel === channel)
              .map((e) => [e.publishAt, e.path, e.trackingLink, e.notes]),
          ),
        ].join('\n\n'),
      ),
      gateSection(gate, brief.id),
    ]
      .filter(Boolean)
      .join('\n\n');
    const meta = {
      kind: 'distribution',
      campaign: brief.id,
      generated: ctx.now.toISOString(),
      sample: ctx.llm.isSample,
    };
    return {
      files: [
        { path: distributionPath(brief.id), content: renderArtifact(meta, { distribution: plan }, body) },
        {
          path: ledgerPath(brief.id),
          content: `# Publication ledger: the scheduled publisher updates each entry's status.\n${toYaml(plan)}`,
        },
      ],
      summary: bullets([
        `${entries.length} assets scheduled on ${channels.join(', ')}`,
        `First: ${entries[0]?.publishAt}; last: ${entries.at(-1)?.publishAt}`,
        ...(gate.held.length
          ? [
              `Held back by the review (${gate.held.length}): ${gate.held.map((h) => `\`${h.path}\``).join(', ')}; see the plan`,
            ]
          : []),
      ]),
      cost,
    };
  },
};
