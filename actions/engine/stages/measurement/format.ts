/** How the report prints numbers: every figure a person reads comes through these. */

export const NA = 'n/a';

/** A count or amount: whole units from 100 up, one decimal below (fractional conversions). */
export function num(v: number | undefined, digits?: number): string {
  if (v === undefined || !Number.isFinite(v)) return NA;
  const d = digits ?? (Math.abs(v) >= 100 || Number.isInteger(v) ? 0 : 1);
  return v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: 0 });
}

/** Money: whole units from 100 up, cents below. */
export function cash(v: number | undefined, currency: string): string {
  if (v === undefined || !Number.isFinite(v)) return NA;
  const d = Math.abs(v) >= 100 ? 0 : 2;
  return `${currency} ${v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })}`;
}

/** A ratio as a percent: no decimals from 100 %, one below. */
export function pct(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return NA;
  const p = v * 100;
  return `${p.toFixed(Math.abs(p) >= 100 ? 0 : 1)}%`;
}

/** A change as a signed percent: "+12.5%", "−3.0%". */
export function change(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return NA;
  const text = pct(Math.abs(v));
  return v > 0 ? `+${text}` : v < 0 ? `−${text}` : text;
}
