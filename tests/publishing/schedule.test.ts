import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ScheduleProposal, scheduleProblems } from '../../actions/engine/publishing/schedule.js';
import { packageRoot } from '../helpers.js';
import { approvedCampaign, BASE_PUBLISHING, TIMES } from './repo.js';

/*
 * The model proposes when each slot goes out; code decides whether the times may stand (what the old
 * distribution checkpoint did for whole assets, now per slot: a variant, an email sequence's start).
 */

const config = `${readFileSync(join(packageRoot, '.github', 'crescendo.yml'), 'utf8')}${BASE_PUBLISHING}`;
const { slots } = approvedCampaign(config);
const window = { start: '2027-04-01', end: '2027-06-30' };
const proposal = (): ScheduleProposal => ({
  schedule: slots.map((slot) => ({
    slot: slot.id,
    publishAt: TIMES[`${slot.asset.front.channel}#${slot.variant}`] ?? '2027-04-08T09:00:00Z',
  })),
});
const messages = (p: ScheduleProposal, rules = { window }) =>
  scheduleProblems(p, slots, rules).map((problem) => `${problem.where}: ${problem.message}`);

describe('a proposed schedule', () => {
  it('stands when every slot is timed once, inside the window, not before its asset', () => {
    expect(messages(proposal())).toEqual([]);
  });

  it('names the slot that is outside the window, early, missing, twice or unknown', () => {
    const p = proposal();
    const [first, second] = p.schedule;
    if (!first || !second) throw new Error('fixture has slots');
    first.publishAt = '2027-07-02T09:00:00Z';
    second.publishAt = '2027-04-02T09:00:00Z';
    p.schedule.push({ ...second, publishAt: '2027-04-09T09:00:00Z' });
    p.schedule.push({ slot: 'content/q2/none.md#a', publishAt: '2027-04-09T09:00:00Z' });
    p.schedule.splice(2, 1);
    const found = messages(p);
    expect(found).toEqual(
      expect.arrayContaining([
        'schedule[0].publishAt: 2027-07-02 is outside the campaign window 2027-04-01 – 2027-06-30',
        "schedule[1].publishAt: 2027-04-02 is before the asset's own date 2027-04-06",
        `schedule: ${second.slot} is timed 2 times; every slot exactly once`,
        expect.stringMatching(/is timed 0 times; every slot exactly once$/),
        'schedule[5].slot: content/q2/none.md#a is not one of the listed slots',
      ]),
    );
  });

  it("keeps a sequence's last email inside the window and a channel's entries apart", () => {
    const p = proposal();
    const email = p.schedule.find((s) => s.slot.includes('/email/'));
    if (!email) throw new Error('fixture has an email sequence');
    email.publishAt = '2027-06-30T09:00:00Z';
    const linkedin = p.schedule.filter((s) => s.slot.includes('/linkedin/'));
    for (const s of linkedin) s.publishAt = '2027-04-07T10:00:00Z';
    const found = messages(p).join('\n');
    expect(found).toMatch(/the sequence's last email \(day \d+\) would go out on 2027-07-\d\d/);
    expect(found).toMatch(/linkedin already has .* at the same minute/);
  });
});
