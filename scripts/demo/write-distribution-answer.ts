/*
 * Writes scripts/demo/answers/distribution.json, the demo's sample answer to the distribution stage, from the
 * content a demo run wrote: one publish time per slot (`<path>#<variant>`, as code lists them), each on the
 * first day that keeps the brief's cadence, the asset's own date, the window and (for a sequence) its last
 * email inside the window. Variant a of every asset is placed before any variant b, so a social post's
 * variants land on different days. Regenerate after changing the demo's content answers:
 *
 *   npx tsx scripts/crescendo.ts demo --dir /tmp/fs-demo   # runs until distribution at least
 *   npx tsx scripts/demo/write-distribution-answer.ts /tmp/fs-demo
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Cadence } from '../../actions/engine/artifacts/brief-parts.js';
import { parseCampaignFile } from '../../actions/engine/artifacts/campaign.js';
import { parseConfig } from '../../actions/engine/config/config.js';
import { isApproved, readAssetFiles } from '../../actions/engine/publishing/approved-assets.js';
import {
  localDay,
  type ScheduleProposal,
  scheduleProblems,
} from '../../actions/engine/publishing/schedule.js';
import { planSlots, type Slot } from '../../actions/engine/publishing/slots.js';

/** Time of day per channel in the audience's zone; later items of one channel and day follow 15 min apart. */
const CHANNEL_TIME: Record<string, string> = {
  email: '07:30',
  blog: '08:00',
  'google-ads': '08:00',
  'linkedin-ads': '08:00',
  linkedin: '08:30',
  x: '12:15',
};
const AD_TYPES = new Set(['google-rsa', 'linkedin-ad']);
const DAY_MS = 86_400_000;

const dirArg = process.argv[2];
if (!dirArg) throw new Error('usage: write-distribution-answer.ts <demo dir>');
const dir: string = dirArg;

function listFiles(sub: string): string[] {
  const root = join(dir, sub);
  let stat: ReturnType<typeof statSync> | undefined;
  try {
    stat = statSync(root);
  } catch {
    return [];
  }
  if (!stat.isDirectory()) return [];
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((p) => join(root, p))
    .filter((p) => statSync(p).isFile())
    .map((p) => relative(dir, p))
    .sort();
}
const readFile = async (path: string) => {
  try {
    return readFileSync(join(dir, path), 'utf8');
  } catch {
    return undefined;
  }
};

const [campaignFile] = listFiles('campaigns').filter((p) => p.endsWith('campaign.yml'));
if (!campaignFile) throw new Error(`${dir} has no campaigns/<id>/campaign.yml`);
const { brief } = parseCampaignFile(readFileSync(join(dir, campaignFile), 'utf8'), campaignFile);
const config = parseConfig((await readFile('.github/crescendo.yml')) ?? '');
const assets = await readAssetFiles({ readFile, listFiles: async (d) => listFiles(d) }, brief.id);
const approved = assets.filter(isApproved);
const { slots } = planSlots(approved.length ? approved : assets, config.publishing, brief.id);
const zone = brief.timeZone;

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** `day` at `hh:mm` in the audience's zone, written with that zone's UTC offset on that day. */
function zoned(day: string, hhmm: string): string {
  if (!zone) return `${day}T${hhmm}:00Z`;
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(`${day}T12:00:00Z`))
    .find((p) => p.type === 'timeZoneName')?.value;
  const offset = name === 'GMT' || !name ? '+00:00' : name.replace('GMT', '');
  return `${day}T${hhmm}:00${offset}`;
}

function period(day: string, cadence: Cadence): string {
  const every = cadence.every ?? 1;
  if (cadence.unit === 'month') {
    const months = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;
    return String(Math.floor((months(day) - months(brief.timeframe.start)) / every));
  }
  const days = Math.round((Date.parse(day) - Date.parse(brief.timeframe.start)) / DAY_MS);
  return String(Math.floor(days / ((cadence.unit === 'week' ? 7 : 1) * every)));
}

const used = new Map<string, number>(); // `${channel} ${cadence index} ${period}` → entries
const perDay = new Map<string, number>(); // `${channel} ${day}` → entries (for the minute)
const adDay = new Map<string, string>(); // an ad's path → the day its first variant went out
const adTime = new Map<string, string>(); // … and its publish time
const cadences = (channel: string) =>
  (brief.cadence ?? []).map((c, i) => ({ c, i })).filter((x) => x.c.channel === channel);

function fits(slot: Slot, day: string): boolean {
  const { channel } = slot.asset.front;
  if (slot.emailOffsets) {
    const last = addDays(day, Math.max(0, ...slot.emailOffsets));
    if (last > brief.timeframe.end) return false;
  }
  for (const { c, i } of cadences(channel)) {
    const { weekday } = localDay(`${day}T12:00:00Z`);
    if (c.weekdaysOnly && (weekday === 0 || weekday === 6)) return false;
    if ((used.get(`${channel} ${i} ${period(day, c)}`) ?? 0) >= c.times) return false;
  }
  return true;
}

function place(slot: Slot): { slot: string; publishAt: string } {
  const { channel, date, type } = slot.asset.front;
  const start = [date, brief.timeframe.start].sort()[1] as string;
  // The variants of one ad go out together: the platform rotates them.
  const together = AD_TYPES.has(type) ? adDay.get(slot.asset.path) : undefined;
  let day = together ?? start;
  while (!together && !fits(slot, day)) {
    day = addDays(day, 1);
    if (day > brief.timeframe.end) throw new Error(`${slot.id}: no day left in the window`);
  }
  if (together) return { slot: slot.id, publishAt: adTime.get(slot.asset.path) as string };
  for (const { c, i } of cadences(channel)) {
    const key = `${channel} ${i} ${period(day, c)}`;
    used.set(key, (used.get(key) ?? 0) + 1);
  }
  const n = perDay.get(`${channel} ${day}`) ?? 0;
  perDay.set(`${channel} ${day}`, n + 1);
  const [h, m] = (CHANNEL_TIME[channel] ?? '09:00').split(':').map(Number) as [number, number];
  const minutes = h * 60 + m + n * 15;
  const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  const publishAt = zoned(day, hhmm);
  if (AD_TYPES.has(type)) {
    adDay.set(slot.asset.path, day);
    adTime.set(slot.asset.path, publishAt);
  }
  return { slot: slot.id, publishAt };
}

// Variant a before b; within a variant by asset date; the longest sequences first (their last email must fit).
const ordered = [...slots].sort(
  (x, y) =>
    x.variant.localeCompare(y.variant) ||
    x.asset.front.date.localeCompare(y.asset.front.date) ||
    Math.max(0, ...(y.emailOffsets ?? [])) - Math.max(0, ...(x.emailOffsets ?? [])) ||
    x.id.localeCompare(y.id),
);
const schedule = ordered
  .map(place)
  .sort((x, y) => Date.parse(x.publishAt) - Date.parse(y.publishAt) || x.slot.localeCompare(y.slot));
const answer: ScheduleProposal = { schedule };
const problems = scheduleProblems(answer, slots, {
  window: brief.timeframe,
  cadence: brief.cadence,
  timeZone: brief.timeZone,
});
if (problems.length > 0) {
  throw new Error(
    `the schedule breaks the rules:\n${problems.map((p) => `${p.where}: ${p.message}`).join('\n')}`,
  );
}
const out = join(import.meta.dirname, 'answers', 'distribution.json');
writeFileSync(out, `${JSON.stringify(answer, null, 2)}\n`);
console.log(`${schedule.length} slots written to ${relative(process.cwd(), out)}`);
