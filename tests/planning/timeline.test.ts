import { describe, expect, it } from 'vitest';
import { CrescendoError, formatError } from '../../actions/engine/errors.js';
import { planTimeline } from '../../actions/engine/planning/timeline.js';

const window = { start: '2025-04-01', end: '2025-06-30' }; // 91 days

describe('planTimeline', () => {
  it('sizes production and review by the number of assets and fills the window', () => {
    const t = planTimeline({ window, assetCount: 55 });
    // research 3, strategy 4, production ceil(55 / 4) = 14, review ceil(55 / 20) = 3, report 2,
    // distribution 91 − 3 − 4 − 14 − 3 − 2 = 65 days.
    expect(t.phases.map((p) => [p.id, p.start, p.end, p.days])).toEqual([
      ['research', '2025-04-01', '2025-04-03', 3],
      ['strategy', '2025-04-04', '2025-04-07', 4],
      ['production', '2025-04-08', '2025-04-21', 14],
      ['review', '2025-04-22', '2025-04-24', 3],
      ['distribution', '2025-04-25', '2025-06-28', 65],
      ['report', '2025-06-29', '2025-06-30', 2],
    ]);
    for (const m of t.milestones) {
      expect(m.date >= window.start && m.date <= window.end).toBe(true);
    }
    // Weekly reports every 7 days from launch: 05-01, 05-08, … while ≤ 06-28 → 9 of them.
    const weekly = t.milestones.filter((m) => m.id.startsWith('weekly-report'));
    expect(weekly).toHaveLength(9);
    expect(weekly[0]).toEqual({
      id: 'weekly-report-1',
      name: 'Weekly report 1',
      date: '2025-05-01',
      week: 5,
    });
    expect(t.milestones.at(-1)).toMatchObject({ id: 'final-report', date: '2025-06-30', week: 13 });
  });

  it('applies minimum windows for a handful of assets, and honours a later kickoff', () => {
    const t = planTimeline({ window, kickoff: '2025-05-01', assetCount: 1 });
    expect(t.phases.find((p) => p.id === 'production')?.days).toBe(2);
    expect(t.phases.find((p) => p.id === 'review')?.days).toBe(2);
    expect(t.phases[0]?.start).toBe('2025-05-01');
    expect(t.phases.at(-1)?.end).toBe('2025-06-30');
  });

  it('refuses a plan that cannot fit, and says what would', () => {
    const short = { start: '2025-04-01', end: '2025-04-30' }; // 30 days
    try {
      planTimeline({ window: short, assetCount: 55 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CrescendoError);
      // 3 + 4 + 14 + 3 + 7 + 2 = 33 days needed. Without content, 3 + 4 + 7 + 2 = 16, leaving 14 days:
      // 44 assets need ceil(44 / 4) + ceil(44 / 20) = 11 + 3 = 14 days; 45 need 12 + 3 = 15.
      const text = formatError(e);
      expect(text).toContain(
        'needs 33 days from kickoff 2025-04-01, but the window ends 2025-04-30 (30 days)',
      );
      expect(text).toContain('end the window on 2025-05-03 or later, or plan at most 44 assets');
    }
  });

  it('rejects a kickoff outside the window and bad assumptions', () => {
    expect(() => planTimeline({ window, kickoff: '2025-07-01', assetCount: 3 })).toThrow(CrescendoError);
    expect(() => planTimeline({ window, assetCount: 3, assumptions: { productionAssetsPerDay: 0 } })).toThrow(
      CrescendoError,
    );
    try {
      planTimeline({ window, assetCount: 3, assumptions: { productionAssetsPerDay: 0 } });
    } catch (e) {
      expect(formatError(e)).toContain('assumptions.productionAssetsPerDay: must be above 0, got 0');
    }
  });
});
