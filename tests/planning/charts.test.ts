import { parse as parseMermaid } from '@mermaid-js/parser';
import { describe, expect, it } from 'vitest';
import { renderBudgetChart, renderGantt } from '../../actions/engine/planning/charts.js';
import { allocateBudget } from '../../actions/engine/planning/optimiser.js';
import { planTimeline } from '../../actions/engine/planning/timeline.js';
import { loadMermaid } from './mermaid.js';

// mermaid (with jsdom for its DOM needs) is a devDependency: a missing one must fail, not skip.
const mermaid = await loadMermaid();
if (!mermaid) throw new Error('mermaid and jsdom devDependencies are missing: run npm ci');
const window = { start: '2025-04-01', end: '2025-06-30' };

/** A task date in the parser's local time zone, as YYYY-MM-DD. */
function localDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe('renderGantt (parsed by mermaid)', () => {
  it('renders every phase and milestone inside the window, as mermaid reads them', async () => {
    const timeline = planTimeline({ title: 'Q2: launch; #1 "big"', window, assetCount: 55 });
    const text = renderGantt(timeline);
    const tasks = await mermaid!.ganttTasks(text);
    expect(tasks).toHaveLength(timeline.phases.length + timeline.milestones.length);
    for (const phase of timeline.phases) {
      const task = tasks.find((t) => t.id === phase.id);
      expect(localDate(task!.startTime)).toBe(phase.start);
      // mermaid's end is exclusive: the day after the phase's last day
      expect(localDate(new Date(task!.endTime.getTime() - 86_400_000))).toBe(phase.end);
    }
    const milestones = tasks.filter((t) => t.milestone);
    expect(milestones.map((t) => localDate(t.startTime))).toEqual(timeline.milestones.map((m) => m.date));
    for (const t of tasks)
      expect(localDate(t.startTime) >= window.start && localDate(t.endTime) <= '2025-07-01').toBe(true);
  });
});

describe('renderGantt (text)', () => {
  it('keeps hostile titles from breaking the chart', () => {
    const text = renderGantt(planTimeline({ title: 'Q2: launch;\nsection Evil', window, assetCount: 5 }));
    expect(text.split('\n')[1]).toBe('  title Q2 launch section Evil');
    expect(text).toContain('  Content production (5 assets) :production, 2025-04-08, 2d');
    expect(text).toContain(':milestone, launch, ');
  });
});

describe('renderBudgetChart (parsed by @mermaid-js/parser)', () => {
  it('renders a pie the real parser reads back, without zero slices', async () => {
    const allocation = allocateBudget({
      budget: 45_000,
      channels: [
        { channel: 'google-ads', curve: { kind: 'power', coefficient: 3, exponent: 1 }, maxShare: 0.6 },
        { channel: 'linkedin-ads', curve: { kind: 'power', coefficient: 1, exponent: 1 } },
        { channel: 'events', curve: { kind: 'power', coefficient: 1, exponent: 1 }, fixedCost: 50_000 },
      ],
    });
    const text = renderBudgetChart(allocation, 'USD');
    const pie = await parseMermaid('pie', text);
    expect(pie.title).toBe('Budget allocation (USD 45,000)');
    expect(pie.showData).toBe(true);
    expect(pie.sections.map((s) => [s.label, s.value])).toEqual([
      ['Google Ads', 27_000],
      ['LinkedIn Ads', 18_000],
    ]);
  });
});
