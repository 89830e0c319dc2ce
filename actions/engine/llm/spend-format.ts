const dollars = (usd: number): string =>
  usd > 0 && usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;

/**
 * Spend against the cap for `status` and the progress comment, e.g.
 * `$0.31 of $25.00 (1%), $24.69 left` or `$0.08 of $0.08 (100%): spend cap reached`.
 * The percentage is rounded down, so it shows 100% only when the cap is really reached.
 */
export function formatSpend(spentUsd: number, capUsd: number): string {
  const spent = Math.max(0, spentUsd);
  if (!(capUsd > 0)) return `${dollars(spent)} spent (no spend cap)`;
  const percent = Math.floor((spent / capUsd) * 100 + 1e-9);
  const head = `${dollars(spent)} of ${dollars(capUsd)} (${percent}%)`;
  const left = capUsd - spent;
  return left < 0.005 ? `${head}: spend cap reached` : `${head}, ${dollars(left)} left`;
}
