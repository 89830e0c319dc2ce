import { spread } from './report.js';
import { type AttributionResult, MODEL_IDS, type ModelId } from './schema.js';

const number = (x: number, digits = 2) =>
  x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
/** Whole numbers without decimals (journey and conversion counts usually are). */
const count = (x: number) => (Number.isInteger(x) ? number(x, 0) : number(x));

/**
 * A plain-text report for a terminal: one table of conversions credited (and one of value when the
 * data has value), models side by side per channel, the spread between models, and Markov's removal
 * effects. Channels are sorted by name; a model that could not run shows `n/a`.
 */
export function formatAttributionTable(result: AttributionResult): string {
  const lines: string[] = [];
  const channels = result.channels.length;
  lines.push(
    `${count(result.totalConversions)} conversion${result.totalConversions === 1 ? '' : 's'} worth ${number(result.totalValue)} from ${count(result.journeys)} journeys (${count(result.distinctPaths)} distinct paths), ${channels} channel${channels === 1 ? '' : 's'}`,
  );
  if (result.markov)
    lines.push(
      `Markov order ${result.markov.order}: ${result.markov.states} states, P(conversion) = ${number(result.markov.conversionProbability, 4)}`,
    );
  lines.push('', 'Conversions credited', ...grid(result, 'conversions'));
  if (result.totalValue !== 0) lines.push('', 'Value credited', ...grid(result, 'value'));
  lines.push(
    '',
    'spread: the largest minus the smallest credit the models give a channel; a wide spread means the choice of model decides the answer.',
  );
  if (result.markov)
    lines.push('removal: the share of conversions lost when the channel is removed from the Markov chain.');
  return lines.join('\n');
}

function grid(result: AttributionResult, field: 'conversions' | 'value'): string[] {
  const shown = MODEL_IDS.filter((id) => result.models[id] || result.unavailable[id]);
  const header = [
    'channel',
    ...shown,
    'spread',
    ...(result.markov && field === 'conversions' ? ['removal'] : []),
  ];
  const cell = (id: ModelId, channel: string) => {
    const credit = result.models[id]?.[channel];
    return credit ? number(credit[field]) : 'n/a';
  };
  const rows = result.channels.map((channel) => [
    channel,
    ...shown.map((id) => cell(id, channel)),
    number(spread(result, channel, field)),
    ...(result.markov && field === 'conversions' ? [number(result.removalEffects[channel] ?? 0, 3)] : []),
  ]);
  const totals = shown.map((id) => {
    const credit = result.models[id];
    if (!credit) return 'n/a';
    return number(Object.values(credit).reduce((sum, c) => sum + c[field], 0));
  });
  rows.push(['total', ...totals, '', ...(result.markov && field === 'conversions' ? [''] : [])]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const render = (r: string[]) =>
    r
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [render(header), ...rows.map(render)];
}
