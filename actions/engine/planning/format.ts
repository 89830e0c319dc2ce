/** Number formatting for messages a person reads ("USD 45,000", "3.8 %"). */

const wholeNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatCount(value: number): string {
  return wholeNumber.format(Math.ceil(value - 1e-9));
}

/** Money to whole units above 100, to cents below (a CPC of 4.66 matters; a budget's cents do not). */
export function formatMoney(value: number, currency: string): string {
  return `${currency} ${Math.abs(value) >= 100 ? wholeNumber.format(value) : twoDecimals.format(value)}`;
}

export function formatPercent(fraction: number): string {
  const pct = fraction * 100;
  return `${pct >= 10 ? pct.toFixed(0) : pct.toFixed(pct >= 1 ? 1 : 2)} %`;
}
