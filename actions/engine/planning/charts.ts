import { CHANNEL_LABELS } from '../channels/index.js';
import { formatMoney } from './format.js';
import type { BudgetAllocation } from './optimiser.js';
import type { Timeline } from './timeline.js';

/**
 * Mermaid diagrams for the strategy document. Text from people (titles) goes into the
 * diagram source, so it is reduced to characters that cannot end a statement: a colon,
 * `#` or `;` in a gantt task name, or a quote in a pie label, would break the chart or,
 * worse, add statements of its own.
 */
function label(text: string): string {
  return (
    text
      .replace(/[\r\n:;#"`%{}]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim() || 'untitled'
  );
}

const PHASE_SECTION: Readonly<Record<string, string>> = {
  research: 'Plan',
  strategy: 'Plan',
  production: 'Content',
  review: 'Content',
  distribution: 'Distribution',
  report: 'Measurement',
};

/** A mermaid `gantt` chart: one bar per phase (grouped in sections), then the milestones. */
export function renderGantt(timeline: Timeline): string {
  const lines = [
    'gantt',
    `  title ${label(timeline.title)}`,
    '  dateFormat YYYY-MM-DD',
    '  axisFormat %d %b',
  ];
  let section = '';
  for (const phase of timeline.phases) {
    const name = PHASE_SECTION[phase.id] ?? 'Plan';
    if (name !== section) {
      lines.push(`  section ${name}`);
      section = name;
    }
    const text = phase.id === 'production' ? `${phase.name} (${timeline.assetCount} assets)` : phase.name;
    lines.push(`  ${label(text)} :${phase.id}, ${phase.start}, ${phase.days}d`);
  }
  lines.push('  section Milestones');
  for (const m of timeline.milestones) {
    lines.push(`  ${label(`${m.name} (week ${m.week})`)} :milestone, ${m.id}, ${m.date}, 0d`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A mermaid `pie` of the allocation, amounts shown. Channels with 0 are left out (a pie
 * cannot show an empty slice); the title carries the total so nothing is lost.
 */
export function renderBudgetChart(allocation: BudgetAllocation, currency = ''): string {
  const total = currency ? formatMoney(allocation.budget, currency) : String(allocation.budget);
  const lines = ['pie showData', `  title ${label(`Budget allocation (${total})`)}`];
  for (const c of allocation.channels) {
    if (c.amount > 0) lines.push(`  "${label(CHANNEL_LABELS[c.channel])}" : ${c.amount}`);
  }
  return `${lines.join('\n')}\n`;
}
