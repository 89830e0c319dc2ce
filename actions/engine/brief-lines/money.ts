import { findQuantities, formatNumber, wholeQuantity } from './quantity.js';
import { accept, ask, type LineRead, quote, refuse } from './result.js';
import { plain, takeBrackets } from './text.js';

export interface Money {
  amount: number;
  /** An ISO code, from a symbol, code or word written with the number, when there was one. */
  currency?: string;
}

/** Words around a budget figure that change nothing ("$45K total", "budget of 45,000 USD"). */
const BUDGET_WORDS =
  /\b(?:total|budget|overall|all[- ]in|in total|of|is|approx\.?|approximately|about|around|roughly|max(?:imum)?|up to)\b|[~≈:]/gi;

/**
 * One amount of money: `25000`, `25,000`, `25 000 EUR`, `$45K`, `€30k`, `45,000 USD`, `US$1.5m`,
 * `45k dollars`, `-500`. Commas and spaces group thousands only (`25,5` is refused rather than guessed).
 */
export function readMoney(text: string): LineRead<Money> {
  const flat = plain(text).replace(/(\d) (?=\d{3}(?!\d))/g, '$1');
  const found = wholeQuantity(flat);
  if (!found || found.percent) return refuse(`${quote(text)} is not a number`);
  return accept(
    found.currency === undefined
      ? { amount: found.value }
      : { amount: found.value, currency: found.currency },
  );
}

/**
 * A budget as people write it: `$45K`, `45,000 USD`, `€30k`, `Budget: $45K total`. Without a currency in the
 * text, `defaultCurrency` is used; with neither, the answer asks which currency. A range asks which amount.
 */
export function readBudget(text: string, defaultCurrency?: string): LineRead<Required<Money>> {
  const { outside } = takeBrackets(plain(text));
  const words = outside.replace(BUDGET_WORDS, ' ');
  const amounts = findQuantities(words.replace(/(\d) (?=\d{3}(?!\d))/g, '$1')).filter((q) => !q.percent);
  if (amounts.length > 1) {
    const listed = amounts.map((q) => q.raw).join(' or ');
    return ask(text, `which is the budget, ${listed}? Write one amount, such as \`${amounts.at(-1)?.raw}\``);
  }
  const money = readMoney(words);
  if (!money.ok) return money;
  const currency = money.value.currency ?? defaultCurrency;
  if (currency === undefined) {
    const figure = formatNumber(money.value.amount);
    return ask(
      text,
      `in which currency? Write it with the amount, such as \`$${figure}\` or \`${figure} EUR\``,
    );
  }
  return accept({ amount: money.value.amount, currency });
}
