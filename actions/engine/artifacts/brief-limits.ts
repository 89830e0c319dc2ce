/**
 * Upper bounds on everything a brief may say. A brief is sent to the model on every stage, so its size is
 * money: one 5 MB brief cost one $6.58 call. The bounds are far above any real campaign's and well below
 * what would make a prompt expensive or the plan's arithmetic meaningless (a typo'd budget of 10^15).
 */
export const BRIEF_LIMITS = {
  /** The whole brief as JSON, in characters (a GitHub issue body holds at most 65,536). */
  briefChars: 50_000,
  name: 200,
  product: 200,
  audience: 2_000,
  tone: 500,
  region: 100,
  mqlDefinition: 1_000,
  /** One industry, competitor, asset name or note. */
  item: 100,
  note: 300,
  /** Industries, competitors, objectives, landing pages, cadence lines, names per asset line. */
  items: 50,
  objectiveText: 500,
  unit: 50,
  url: 2_000,
  /** Budget amounts, targets and baselines, in their own units. */
  amount: 1e12,
  /** Growth over a baseline, in percent. */
  growthPercent: 100_000,
  /** Most a brief may allow the model to cost, in USD. */
  spendCapUsd: 10_000,
  /** A post's or page's main text, in characters. */
  maxLength: 100_000,
  /** Times a channel publishes per period, and periods between. */
  cadence: 1_000,
} as const;

/** "must be at most 200 characters" */
export const atMostChars = (n: number): string => `must be at most ${n.toLocaleString('en-US')} characters`;
export const atMostItems = (n: number): string => `list at most ${n.toLocaleString('en-US')} items`;
export const atMost = (n: number): string => `must be at most ${n.toLocaleString('en-US')}`;
