/**
 * How a person with write access accepts what a stage's approval gate reports (the strategy's
 * warnings): one line in a pull request comment or review, `Crescendo-Override: <reason>`.
 */
export const OVERRIDE_KEY = 'Crescendo-Override:';

/** The reason of the last `Crescendo-Override:` line of a text, or undefined when it has none. */
export function overrideReason(text: string | null | undefined): string | undefined {
  const reasons = (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.toLowerCase().startsWith(OVERRIDE_KEY.toLowerCase()))
    .map((line) => line.slice(OVERRIDE_KEY.length).trim())
    .filter(Boolean);
  return reasons.at(-1);
}
