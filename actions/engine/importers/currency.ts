import { CellError } from './cells.js';
import type { Cells, ReadOptions } from './layout.js';

/**
 * Checks a file's currency column row by row: one currency per file, and the campaign's
 * budget currency when it is known. Costs in two currencies cannot be added up, and a report
 * that did so would be wrong without saying so.
 */
export function currencyChecker(options: ReadOptions): (cells: Cells, index: number | undefined) => void {
  let seen: string | undefined;
  return (cells, index) => {
    const code = cells.value(index)?.toUpperCase();
    if (code === undefined) return;
    const label = cells.label(index as number);
    if (seen !== undefined && code !== seen) {
      throw new CellError(
        label,
        `is ${code} where earlier rows are ${seen}`,
        'export one account (one currency) per file',
      );
    }
    if (options.currency && code !== options.currency.toUpperCase()) {
      throw new CellError(
        label,
        `is ${code}, the campaign budget is in ${options.currency}`,
        'convert the costs to the budget currency, or measure the campaign with an account in that currency',
      );
    }
    seen = code;
  };
}
