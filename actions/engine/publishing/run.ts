import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readBrand } from '../artifacts/brand.js';
import type { Ledger } from '../artifacts/ledger.js';
import type { PublishingConfig } from '../config/publishing.js';
import { formatError } from '../errors.js';
import type { Forge } from '../forge/forge.js';
import { publisherById } from '../publishers/index.js';
import { listCampaignIds, loadCampaign } from '../runner/campaigns.js';
import { readAssetFiles } from './approved-assets.js';
import type { RunEnvironment } from './context.js';
import { type EntryResult, type EntryRunOptions, runEntry } from './entry-run.js';
import type { ItemSource } from './items.js';
import type { LedgerStore } from './ledger-store.js';
import { crescendoPages } from './link-check.js';
import { PUBLISHING_MARKER, publishingComment, resultLines } from './report.js';
import { LedgerSession } from './session.js';
import { type WorkOptions, workOf } from './state.js';

/*
 * One run of the publisher: for every campaign whose distribution is approved, everything due at `now` and
 * not yet out, earliest first. A late or dropped schedule loses nothing (what is due is everything up to
 * now), and replaying a run changes nothing (an entry that went out is never due again).
 */

export interface PublishRunOptions extends RunEnvironment {
  /** Reads the approved assets, the brand and the campaign (default branch); comments on the issue. */
  forge: Forge;
  store: LedgerStore;
  publishing: PublishingConfig;
  /** What is due is decided at this time. */
  now: Date;
  /** The real clock, for claims (default: `new Date()`). */
  clock?: () => Date;
  /** Unique per run: its claims carry it. */
  runId: string;
  /** No other run can be alive (GitHub's concurrency group). */
  exclusive?: boolean;
  /** Print what would be sent; write and send nothing. */
  planOnly?: boolean;
  /** The working tree is thrown away after the run (GitHub). */
  ephemeralRoot?: boolean;
  /** Only this campaign. */
  campaign?: string;
}

export interface CampaignRun {
  campaign: string;
  ledger: Ledger;
  changed: boolean;
  results: EntryResult[];
  issue?: number;
}

export interface PublishReport {
  runs: CampaignRun[];
  /** Campaigns that could not be worked on at all (an unreadable ledger), with the reason. */
  errors: { campaign: string; message: string }[];
}

/** Puts the publishers' records (the SMTP sent log) where they expect them, from the ledger's store. */
async function restoreRecords(session: LedgerSession, store: LedgerStore, o: PublishRunOptions) {
  for (const channel of Object.values(o.publishing)) {
    const paths = publisherById(channel.publisher)?.stateFiles?.(session.campaign, channel.settings) ?? [];
    for (const path of paths) {
      const text = await store.readFile(path, session.version);
      if (text === undefined) continue;
      const file = join(o.root, path);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text);
    }
  }
}

async function runCampaign(campaign: string, o: PublishRunOptions): Promise<CampaignRun | undefined> {
  const session = await LedgerSession.open(o.store, campaign);
  if (!session) return undefined;
  const clock = o.clock ?? (() => new Date());
  const workOptions: WorkOptions = {
    now: o.now,
    wall: clock(),
    run: o.runId,
    exclusive: o.exclusive ?? false,
    schedulesAhead: (e) => {
      const id = o.publishing[e.channel]?.publisher ?? e.publisher;
      return publisherById(id)?.schedulesAhead === true && o.publishing[e.channel]?.dryRun !== true;
    },
    dryRun: (e) => o.publishing[e.channel]?.dryRun === true,
  };
  const work = workOf(session.ledger, workOptions);
  const loaded = await loadCampaign(o.forge, campaign);
  const issue = loaded?.state.issue;
  if (work.length === 0) return { campaign, ledger: session.ledger, changed: false, results: [], issue };
  if (o.ephemeralRoot && !o.planOnly) await restoreRecords(session, o.store, o);

  const assets = await readAssetFiles(o.forge, campaign);
  const brand = loaded ? await readBrand(o.forge, loaded.brief) : undefined;
  const source: ItemSource = {
    files: o.forge,
    assets: new Map(assets.map((a) => [a.path, a])),
    brand: {
      name: brand?.name ?? campaign,
      ...(brand?.postalAddress ? { postalAddress: brand.postalAddress } : {}),
      ...(brand?.website ? { siteUrl: brand.website } : {}),
    },
  };
  const pages = await crescendoPages(o.forge, assets);
  const entryOptions: EntryRunOptions = {
    ...o,
    clock,
    workOptions,
    planOnly: o.planOnly ?? false,
    ephemeralRoot: o.ephemeralRoot ?? false,
  };
  const results: EntryResult[] = [];
  for (const item of work) {
    const result = await runEntry(item, session, source, pages, entryOptions);
    results.push(result);
    for (const line of resultLines(result)) o.log(line);
  }
  if (session.changed && issue !== undefined && !o.planOnly) {
    try {
      await o.forge.upsertComment(issue, PUBLISHING_MARKER, publishingComment(session.ledger, o.store.label));
    } catch (error) {
      o.log(`could not update the publishing comment on #${issue}: ${formatError(error)}`);
    }
  }
  return { campaign, ledger: session.ledger, changed: session.changed, results, issue };
}

/** Publishes everything due, campaign by campaign; one campaign's broken ledger does not stop the others. */
export async function publishDue(o: PublishRunOptions): Promise<PublishReport> {
  const ids = o.campaign ? [o.campaign] : await listCampaignIds(o.forge);
  const report: PublishReport = { runs: [], errors: [] };
  for (const id of ids) {
    try {
      const run = await runCampaign(id, o);
      if (run) report.runs.push(run);
    } catch (error) {
      const message = formatError(error);
      o.log(`✗ ${id}: ${message}`);
      report.errors.push({ campaign: id, message });
    }
  }
  return report;
}

/** Entries that need a person after the run: failed or unknown. */
export const needsAttention = (report: PublishReport): number =>
  report.errors.length +
  report.runs.reduce(
    (n, run) => n + run.ledger.entries.filter((e) => e.status === 'failed' || e.status === 'unknown').length,
    0,
  );
