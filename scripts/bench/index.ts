import { benchAttribution } from './attribution.js';
import { benchContent } from './content.js';
import type { BenchFigure } from './figure.js';
import { benchKeywords } from './keywords.js';
import { benchMetrics } from './metrics.js';
import { benchStartup } from './startup.js';

/**
 * Every bench `npm run bench` runs, by the name `--only` selects: one line per bench file of
 * this folder (tests/bench/registry.test.ts fails for a file left out). Each returns its
 * figures; the runner prints them with their targets and verdicts.
 */
export const BENCHES: Readonly<Record<string, () => Promise<BenchFigure[]>>> = {
  keywords: benchKeywords,
  content: benchContent,
  attribution: benchAttribution,
  metrics: benchMetrics,
  startup: benchStartup,
};
