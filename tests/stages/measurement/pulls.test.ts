import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialState } from '../../../actions/engine/artifacts/campaign-state.js';
import { parseConfig } from '../../../actions/engine/config/config.js';
import { CrescendoError, hasCode } from '../../../actions/engine/errors.js';
import { SpendGuard } from '../../../actions/engine/llm/spend-guard.js';
import {
  dataFingerprint,
  gatherData,
  ledgerChannels,
} from '../../../actions/engine/stages/measurement/gather.js';
import { pullWindow, snapshotOf } from '../../../actions/engine/stages/measurement/pulls.js';
import type { StageContext } from '../../../actions/engine/stages/stage.js';
import { startFakeHubspot } from '../../fakes/hubspot/index.js';
import type { Loopback } from '../../fakes/loopback.js';
import { ScriptedLlm } from '../../fakes/scripted-llm.js';
import { demoBrief } from '../strategy/fixtures.js';

const ID = demoBrief.id;
const DIR = `campaigns/${ID}/data`;
const config = parseConfig(`models: { default: claude-sonnet-5-5 }
pricing:
  asOf: 2026-11-01
  currency: USD
  perMillionTokens:
    claude-sonnet-5-5: { input: 2, output: 10, cacheWrite5m: 2.5, cacheRead: 0.2 }
measurement:
  sources:
    - { importer: hubspot, deals: false }
`);

let fake: Loopback;
let env: Record<string, string>;

beforeAll(async () => {
  const contact = (id: string, day: string) => ({
    id,
    properties: {
      hs_analytics_source: 'PAID_SEARCH',
      hs_analytics_source_data_1: 'Google',
      hs_analytics_first_timestamp: `${day}T09:00:00.000Z`,
      hs_v2_date_entered_lead: `${day}T09:05:00.000Z`,
      hs_v2_date_entered_marketingqualifiedlead: `${day}T15:00:00.000Z`,
    },
  });
  fake = await startFakeHubspot({
    token: 'pat',
    contacts: [contact('1', '2027-04-13'), contact('2', '2027-04-14')],
    deals: [],
    associations: {},
  });
  env = { CRESCENDO_HUBSPOT_API_URL: fake.url, CRESCENDO_HUBSPOT_ACCESS_TOKEN: 'pat' };
});
afterAll(() => fake.close());

function context(files: Record<string, string>, now: string): StageContext {
  return {
    campaign: { brief: demoBrief, state: initialState() },
    config,
    llm: new ScriptedLlm(() => ({})),
    guard: new SpendGuard(config.pricing, 1, 0),
    readFile: async (p) => files[p],
    readBytes: async (p) => (files[p] === undefined ? undefined : Buffer.from(files[p])),
    listFiles: async (dir) =>
      Object.keys(files)
        .filter((p) => p.startsWith(`${dir}/`))
        .sort(),
    feedback: [],
    now: new Date(now),
    log: () => {},
  };
}

describe('the scheduled measurement pulls its configured sources', () => {
  it('pulls the campaign start to yesterday, never past the campaign', () => {
    const window = { start: '2027-04-01', end: '2027-06-30' };
    expect(pullWindow(window, new Date('2027-04-16T07:00:00Z'))).toEqual({
      from: '2027-04-01',
      to: '2027-04-15',
    });
    expect(pullWindow(window, new Date('2027-09-01T07:00:00Z'))).toEqual({
      from: '2027-04-01',
      to: '2027-06-30',
    });
    expect(pullWindow(window, new Date('2027-04-01T07:00:00Z'))).toBeUndefined();
    expect(snapshotOf(`${DIR}/metrics/google-ads-2-2027-04-01-2027-04-15.csv`)).toEqual({
      importer: 'google-ads',
      n: 2,
    });
    expect(snapshotOf(`${DIR}/metrics/team-export.csv`)).toBeUndefined();
  });

  it('reads the pull with no hand-built CSV, commits it beside the report, and replaces the earlier pull', async () => {
    const earlier = `${DIR}/metrics/hubspot-2027-04-01-2027-04-13.csv`;
    const files = { [earlier]: 'not read again: replaced by the new pull\n' };
    const data = await gatherData(context(files, '2027-04-16T07:00:00Z'), env);
    expect(data.rows.map((r) => [r.date, r.channel, r.measures.leads, r.measures.mqls])).toEqual([
      ['2027-04-13', 'google-ads', 1, 1],
      ['2027-04-14', 'google-ads', 1, 1],
    ]);
    expect(data.pulled.changes.map((c) => [c.path, c.content === null ? 'deleted' : 'written'])).toEqual([
      [`${DIR}/metrics/hubspot-2027-04-01-2027-04-15.csv`, 'written'],
      [`${DIR}/touchpoints/hubspot-2027-04-01-2027-04-15.csv`, 'written'],
      [earlier, 'deleted'],
    ]);
    expect(data.attribution?.totalConversions).toBe(2);
    expect(data.files).toEqual([
      `${DIR}/metrics/hubspot-2027-04-01-2027-04-15.csv`,
      `${DIR}/touchpoints/hubspot-2027-04-01-2027-04-15.csv`,
    ]);
    // Pulled again the next day with nothing new: the same data, so no new report.
    const committed = Object.fromEntries(
      data.pulled.changes.filter((c) => c.content !== null).map((c) => [c.path, c.content!]),
    );
    const again = await gatherData(context(committed, '2027-04-16T07:00:00Z'), env);
    expect(again.fingerprint).toBe(data.fingerprint);
  });

  it('waits for data, saying the sources returned nothing, when a pull is empty and nothing is committed', async () => {
    const error = await gatherData(context({}, '2027-04-13T07:00:00Z'), env).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrescendoError);
    expect(hasCode(error, 'waiting')).toBe(true);
    expect((error as CrescendoError).fix).toContain(
      'the configured sources returned no rows (hubspot: no rows for 2027-04-01 – 2027-04-12',
    );
  });
});

describe('what the report is computed from', () => {
  it('maps utm_content to channels from the distribution ledger, ignoring a ledger it cannot read', () => {
    const ledger = `campaign: ${ID}\nentries:\n  - key: 0123456789ab\n    path: content/a.md\n    type: linkedin-ad\n    channel: linkedin-ads\n    variant: a\n    publisher: linkedin-ads\n    publishAt: 2027-04-13T09:00:00Z\n    link: https://example.com/?utm_campaign=q2&utm_content=ad-a\n    status: scheduled\n`;
    expect(ledgerChannels(ledger, 'ledger.yml')).toEqual({ 'ad-a': 'linkedin-ads' });
    expect(ledgerChannels('entries: [', 'ledger.yml')).toEqual({});
    expect(ledgerChannels(undefined, 'ledger.yml')).toEqual({});
  });

  it('fingerprints the data, not the order or the files it came in', () => {
    const a = {
      date: '2027-04-13',
      channel: 'blog' as const,
      utm_content: 'x',
      measures: { clicks: 1 },
      sources: {},
    };
    const b = { ...a, date: '2027-04-14' };
    expect(dataFingerprint([a, b])).toBe(dataFingerprint([b, a]));
    expect(dataFingerprint([a, { ...b, measures: { clicks: 2 } }])).not.toBe(dataFingerprint([a, b]));
  });
});
