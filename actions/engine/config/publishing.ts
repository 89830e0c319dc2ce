import { z } from 'zod';
import { CHANNELS } from '../channels/index.js';
import { formatPath } from '../files/yaml.js';
import { PUBLISHERS, publisherById, publishersFor } from '../publishers/index.js';

/*
 * `publishing.<channel>` in .github/crescendo.yml: which publisher a channel uses and that publisher's own
 * settings, validated by its `configSchema` (so a typo in a WordPress setting is reported at its line). Two
 * keys belong to Crescendo rather than the publisher: `publisher` (which one, when a channel has several;
 * default the first registered) and `dryRun` (record the exact requests instead of sending them).
 */

export interface ChannelPublishing {
  channel: string;
  publisher: string;
  /** Entries on this channel are recorded `dry-run` with their requests; nothing is sent. */
  dryRun: boolean;
  /** The publisher's settings, as its `configSchema` parsed them. */
  settings: unknown;
}

const Block = z.record(z.string(), z.unknown());

function readBlock(channel: string, value: unknown, ctx: z.RefinementCtx): ChannelPublishing | undefined {
  const issue = (message: string, path: PropertyKey[] = []) => {
    ctx.addIssue({ code: 'custom', path: [channel, ...path], message });
  };
  if (!(CHANNELS as readonly string[]).includes(channel)) {
    issue(`"${channel}" is not a channel; use one of ${CHANNELS.join(', ')}`);
    return undefined;
  }
  const candidates = publishersFor(channel);
  if (candidates.length === 0) {
    issue(
      `Crescendo has no publisher for ${channel}; publishers exist for ${[...new Set(PUBLISHERS.map((p) => p.channel))].join(', ')}`,
    );
    return undefined;
  }
  const block = Block.safeParse(value ?? {});
  if (!block.success) {
    issue('must be a mapping of settings');
    return undefined;
  }
  const { dryRun, ...rest } = block.data;
  const id = typeof rest.publisher === 'string' ? rest.publisher : candidates[0]!.id;
  const publisher = publisherById(id);
  if (!publisher || publisher.channel !== channel) {
    issue(`"${id}" does not publish to ${channel}; use ${candidates.map((p) => p.id).join(' or ')}`, [
      'publisher',
    ]);
    return undefined;
  }
  if (dryRun !== undefined && typeof dryRun !== 'boolean') {
    issue('must be true or false', ['dryRun']);
    return undefined;
  }
  const parsed = publisher.configSchema.safeParse(rest);
  if (!parsed.success) {
    for (const problem of parsed.error.issues) {
      issue(`${problem.message} (${publisher.label} setting ${formatPath(problem.path)})`, [...problem.path]);
    }
    return undefined;
  }
  return { channel, publisher: publisher.id, dryRun: dryRun === true, settings: parsed.data };
}

/** `publishing:` of the configuration: channel id → its publisher and settings. */
export const PublishingConfig = z
  .record(z.string(), z.unknown())
  .default({})
  .transform((raw, ctx) => {
    const out: Record<string, ChannelPublishing> = {};
    for (const [channel, value] of Object.entries(raw)) {
      const read = readBlock(channel, value, ctx);
      if (read) out[channel] = read;
    }
    return out;
  });
export type PublishingConfig = z.infer<typeof PublishingConfig>;

/** The publisher a channel uses: the configured one, else the first registered for the channel. */
export function publisherIdFor(publishing: PublishingConfig, channel: string): string | undefined {
  return publishing[channel]?.publisher ?? publishersFor(channel)[0]?.id;
}
