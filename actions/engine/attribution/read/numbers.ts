/**
 * A figure from a cell: `12`, `12.5`, `-3`, `1e3`; with `;` or tab as the separator, `12,5` too
 * (the decimal comma of European spreadsheets). Empty is `undefined`; unreadable is `NaN`.
 */
export function parseFigure(cell: string, decimalComma: boolean): number | undefined {
  const text = cell.trim();
  if (text === '') return undefined;
  const plain = decimalComma && /^-?\d+,\d+$/.test(text) ? text.replace(',', '.') : text;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(plain)) return Number.NaN;
  return Number(plain);
}
