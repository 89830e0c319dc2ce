import { createHash } from 'node:crypto';
import { type Ledger, ledgerPath, parseLedger } from '../../artifacts/ledger.js';
import { ReportData, reportsDir } from '../../artifacts/report.js';
import { readFrontMatter } from '../../files/front-matter.js';
import type { FileChange } from '../../forge/forge.js';
import type { AggregateRow } from '../../importers/aggregate.js';
import { ImportLog } from '../../importers/import-log.js';
import { MetricChannel } from '../../importers/metric-row.js';
import type { StageContext } from '../stage.js';
import type { AttributionSummary } from './attribution.js';
import { committedSource, type DataFiles, listDataFiles, touchpointsDir } from './files.js';
import { type DataInput, type ReadData, readData } from './inputs.js';
import { type Pulled, pullSources, pullWindow } from './pulls.js';
import { noDataError } from './waiting.js';

/** What a report is computed from: the rows, the journeys, the pulls to commit, and where it all came from. */
export interface Gathered extends ReadData {
  files: string[];
  pulled: Pulled;
  fingerprint: string;
}

/**
 * utm_content → channel from the distribution ledger, for rows that name an asset but no source. A ledger
 * that cannot be read adds nothing (the exports still name their channels); it is not this stage's file.
 */
export function ledgerChannels(text: string | undefined, path: string): Record<string, MetricChannel> {
  if (!text) return {};
  let ledger: Ledger;
  try {
    ledger = parseLedger(text, path);
  } catch {
    return {};
  }
  const out: Record<string, MetricChannel> = {};
  for (const e of ledger.entries) {
    if (!e.link) continue;
    const utm = new URL(e.link).searchParams.get('utm_content');
    const channel = MetricChannel.safeParse(e.channel);
    if (utm && channel.success) out[utm] = channel.data;
  }
  return out;
}

/**
 * A fingerprint of what the report says from: every aggregate row and every channel's attribution credit.
 * The same data gives the same fingerprint whatever file names or pull windows it arrived in, so a run
 * with nothing new opens no pull request.
 */
export function dataFingerprint(rows: readonly AggregateRow[], attribution?: AttributionSummary): string {
  const hash = createHash('sha256');
  const sorted = [...rows].sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      a.channel.localeCompare(b.channel) ||
      a.utm_content.localeCompare(b.utm_content),
  );
  for (const r of sorted)
    hash.update(`${r.date}\t${r.channel}\t${r.utm_content}\t${JSON.stringify(r.measures)}\n`);
  if (attribution) hash.update(JSON.stringify(attribution.channels));
  return hash.digest('hex').slice(0, 16);
}

/** The newest report on the default branch and the fingerprint of the data it was computed from. */
export async function lastReport(
  ctx: Pick<StageContext, 'listFiles' | 'readFile'>,
  campaignId: string,
): Promise<{ path: string; fingerprint?: string } | undefined> {
  const path = (await ctx.listFiles(reportsDir(campaignId)))
    .filter((p) => p.endsWith('-report.md'))
    .sort()
    .at(-1);
  if (!path) return undefined;
  const text = await ctx.readFile(path);
  if (!text) return undefined;
  try {
    const report = ReportData.safeParse(readFrontMatter(text, path).data.report);
    return {
      path,
      ...(report.success && report.data.data ? { fingerprint: report.data.data.fingerprint } : {}),
    };
  } catch {
    return { path };
  }
}

/** A pull's file before it is committed: its text as bytes (a string source would be read as a path). */
const inMemory = (change: FileChange): DataInput => ({
  path: change.path,
  source: Buffer.from(change.content ?? ''),
});

/**
 * Pulls the configured sources (scheduled runs need no hand-built CSV), then reads every committed export
 * and every pull, streamed. No rows at all → "waiting for data" (code `waiting`), before any model call.
 */
export async function gatherData(
  ctx: StageContext,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Gathered> {
  const { brief } = ctx.campaign;
  const id = brief.id;
  const window = { start: brief.timeframe.start, end: brief.timeframe.end };
  const committed: DataFiles = await listDataFiles(ctx, id);
  const sources = ctx.config.measurement.sources;
  const channelByUtmContent = ledgerChannels(await ctx.readFile(ledgerPath(id)), ledgerPath(id));
  const days = pullWindow(window, ctx.now);
  let pulled: Pulled = { changes: [], replaced: new Set(), lines: [], warnings: [] };
  if (sources.length > 0 && days) {
    ctx.log(`  pulling ${sources.length} configured source(s) for ${days.from} – ${days.to}`);
    pulled = await pullSources(sources, id, [...committed.metrics, ...committed.touchpoints], {
      window: days,
      env,
      currency: brief.budget.currency,
      channelByUtmContent,
    });
  }
  const fresh = pulled.changes.filter((c) => c.content !== null);
  const keep = (p: string) => !pulled.replaced.has(p) && !fresh.some((c) => c.path === p);
  const metrics: DataInput[] = [
    ...committed.metrics.filter(keep).map((path) => ({ path, source: committedSource(ctx, path) })),
    ...fresh.filter((c) => !c.path.startsWith(`${touchpointsDir(id)}/`)).map(inMemory),
  ];
  const touchpoints: DataInput[] = [
    ...committed.touchpoints.filter(keep).map((path) => ({ path, source: committedSource(ctx, path) })),
    ...fresh.filter((c) => c.path.startsWith(`${touchpointsDir(id)}/`)).map(inMemory),
  ];
  const read = await readData(metrics, touchpoints, {
    window: { from: window.start, to: window.end },
    currency: brief.budget.currency,
    channelByUtmContent,
    log: new ImportLog(),
  });
  if (read.rows.length === 0) {
    throw noDataError(brief, sources, { pulled: sources.length ? pulled.lines : [], empty: read.empty });
  }
  return {
    ...read,
    files: [...metrics, ...touchpoints].map((d) => d.path),
    pulled,
    fingerprint: dataFingerprint(read.rows, read.attribution),
  };
}
