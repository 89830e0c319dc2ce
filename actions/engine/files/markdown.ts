/** Small markdown builders; every value is escaped so model text cannot break a table. */
export const cell = (value: unknown): string =>
  String(value ?? '')
    .replaceAll('|', '\\|')
    .replaceAll('\n', ' ')
    .trim() || '—';

export function table(headers: string[], rows: unknown[][]): string {
  return [
    `| ${headers.map(cell).join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

export const bullets = (items: string[]): string => items.map((i) => `- ${i}`).join('\n');

export const money = (amount: number, currency: string): string =>
  `${currency} ${amount.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;

export const SAMPLE_BANNER =
  '> **Sample.** Made from the sample model answers shipped with Crescendo for its example brief, not by a live model. Nothing here is real research or real results.';
