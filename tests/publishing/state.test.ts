import { describe, expect, it } from 'vitest';
import type { Ledger, LedgerEntry } from '../../actions/engine/artifacts/ledger.js';
import { mergeApproved, type WorkOptions, workFor, workOf } from '../../actions/engine/publishing/state.js';

/* The ledger's state machine as pure functions: what a run does with each entry at a given time. */

const planned = {
  key: 'aaaaaaaaaaa1',
  path: 'content/q2/linkedin/2027-04-06-post.md',
  type: 'social-post',
  channel: 'linkedin',
  variant: 'a',
  publisher: 'linkedin',
  publishAt: '2027-04-06T10:00:00Z',
} as const;
const entry = (state: Record<string, unknown>, overrides: Record<string, unknown> = {}): LedgerEntry =>
  ({ ...planned, ...overrides, ...state }) as LedgerEntry;

const options = (now: string, more: Partial<WorkOptions> = {}): WorkOptions => ({
  now: new Date(now),
  wall: new Date(now),
  run: 'this-run',
  exclusive: false,
  schedulesAhead: () => false,
  dryRun: () => false,
  ...more,
});

describe('what a run does with an entry', () => {
  it('publishes a scheduled entry once it is due, and everything overdue', () => {
    const scheduled = entry({ status: 'scheduled' });
    expect(workFor(scheduled, options('2027-04-06T09:59:00Z'))).toBeUndefined();
    expect(workFor(scheduled, options('2027-04-06T10:00:00Z'))?.kind).toBe('publish');
    expect(workFor(scheduled, options('2027-04-09T13:00:00Z'))?.kind).toBe('publish');
  });

  it('hands a platform that schedules itself its item up to a day early', () => {
    const ahead = options('2027-04-05T10:30:00Z', { schedulesAhead: () => true });
    expect(workFor(entry({ status: 'scheduled' }), ahead)?.kind).toBe('publish');
    expect(workFor(entry({ status: 'scheduled' }), options('2027-04-05T10:30:00Z'))).toBeUndefined();
  });

  it('never touches a published entry again', () => {
    const published = entry({ status: 'published', remoteId: 'urn:li:share:1', at: '2027-04-06T10:00:00Z' });
    expect(workFor(published, options('2027-05-01T00:00:00Z'))).toBeUndefined();
  });

  it('retries a failure on a later run, not before the rate limit resets', () => {
    const failed = entry({
      status: 'failed',
      code: 'rate-limited',
      reason: 'daily limit',
      fix: 'wait',
      at: '2027-04-06T10:00:00Z',
      retryAt: '2027-04-07T00:00:00Z',
    });
    expect(workFor(failed, options('2027-04-06T23:59:00Z'))).toBeUndefined();
    expect(workFor(failed, options('2027-04-07T00:00:00Z'))?.kind).toBe('publish');
  });

  it('reconciles an unknown outcome by reading the platform back, never by publishing', () => {
    const unknown = entry({
      status: 'unknown',
      reason: 'timed out',
      fix: 'look',
      at: '2027-04-06T10:00:00Z',
    });
    expect(workFor(unknown, options('2027-04-06T10:15:00Z'))?.kind).toBe('reconcile');
  });

  it("respects another run's claim for its lease, then reads the platform back", () => {
    const claim = entry({ status: 'publishing', run: 'other', claimedAt: '2027-04-06T10:00:00.000Z' });
    const at = (wall: string, exclusive = false) =>
      workFor(claim, options('2027-04-06T10:00:00Z', { wall: new Date(wall), exclusive }))?.kind;
    expect(at('2027-04-06T10:10:00Z')).toBeUndefined();
    expect(at('2027-04-06T10:16:00Z')).toBe('reconcile');
    // One concurrency group on GitHub: no other run can be alive, so its claim is abandoned at once.
    expect(at('2027-04-06T10:01:00Z', true)).toBe('reconcile');
    const own = entry({ status: 'publishing', run: 'this-run', claimedAt: '2027-04-06T10:00:00.000Z' });
    expect(workFor(own, options('2027-04-06T11:00:00Z'))).toBeUndefined();
  });

  it('sends a dry-run entry for real once its channel is live', () => {
    const dry = entry({
      status: 'dry-run',
      requests: 'campaigns/q2/dry-run/k1.json',
      at: '2027-04-06T10:00:00Z',
    });
    expect(workFor(dry, options('2027-04-06T11:00:00Z', { dryRun: () => true }))).toBeUndefined();
    expect(workFor(dry, options('2027-04-06T11:00:00Z'))?.kind).toBe('publish');
  });

  it('works the earliest first', () => {
    const ledger: Ledger = {
      campaign: 'q2',
      entries: [
        entry({ status: 'scheduled' }, { key: 'bbbbbbbbbbb2', publishAt: '2027-04-06T12:00:00Z' }),
        entry({ status: 'scheduled' }, { key: 'ccccccccccc3', publishAt: '2027-04-06T08:00:00Z' }),
      ],
    };
    expect(workOf(ledger, options('2027-04-07T00:00:00Z')).map((w) => w.entry.key)).toEqual([
      'ccccccccccc3',
      'bbbbbbbbbbb2',
    ]);
  });
});

describe('a re-approved plan merged into the live ledger', () => {
  it('keeps what went out, re-plans what did not, and drops what is no longer approved and never went out', () => {
    const approved: Ledger = {
      campaign: 'q2',
      entries: [
        entry({ status: 'scheduled' }, { key: 'ddddddddddd4', publishAt: '2027-04-08T10:00:00Z' }),
        entry({ status: 'scheduled' }, { key: 'eeeeeeeeeee5', publishAt: '2027-04-09T10:00:00Z' }),
      ],
    };
    const live: Ledger = {
      campaign: 'q2',
      entries: [
        entry({ status: 'published', remoteId: 'r1', at: '2027-04-06T10:00:00Z' }, { key: 'ddddddddddd4' }),
        entry(
          { status: 'failed', code: 'auth', reason: 'r', fix: 'f', at: '2027-04-06T10:00:00Z' },
          { key: 'eeeeeeeeeee5' },
        ),
        entry(
          { status: 'unknown', reason: 'r', fix: 'f', at: '2027-04-06T10:00:00Z' },
          { key: 'fffffffffff6' },
        ),
        entry({ status: 'scheduled' }, { key: '00000000000f' }),
      ],
    };
    const merged = mergeApproved(approved, live);
    expect(merged.entries.map((e) => [e.key, e.status, e.publishAt])).toEqual([
      ['ddddddddddd4', 'published', '2027-04-06T10:00:00Z'],
      ['eeeeeeeeeee5', 'failed', '2027-04-09T10:00:00Z'],
      ['fffffffffff6', 'unknown', '2027-04-06T10:00:00Z'],
    ]);
  });
});
