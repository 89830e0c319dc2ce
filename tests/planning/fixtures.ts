import { type Benchmarks, parseBenchmarks } from '../../actions/engine/planning/benchmarks.js';

/** Round-number benchmarks so that the funnel arithmetic in the tests can be checked by hand. */
export const ROUND_BENCHMARKS_YAML = `
version: 1
currency: USD
channels:
  google-ads:
    costModel: cpc
    cpc: { value: 2, source: test, asOf: "2025-01-01" }
    ctr: { value: 0.02, source: test, asOf: "2025-01-01" }
    conversionRate: { value: 0.05, source: test, asOf: "2025-01-01" }
    leadToMql: { value: 0.2, source: test, asOf: "2025-01-01" }
    cpl: { value: 40, source: "test CPL", asOf: "2025-01-01" }
    referenceMonthlySpend: { value: 3000, source: test, asOf: "2025-01-01" }
  linkedin-ads:
    costModel: cpm
    cpm: { value: 30, source: test, asOf: "2025-01-01" }
    ctr: { value: 0.004, source: test, asOf: "2025-01-01" }
    conversionRate: { value: 0.04, source: test, asOf: "2025-01-01" }
    conversionRates:
      demos: { value: 0.01, source: test, asOf: "2025-01-01" }
    leadToMql: { value: 0.25, source: test, asOf: "2025-01-01" }
    cpl: { value: 100, source: "test CPL", asOf: "2025-01-01" }
  email:
    costModel: none
    ctr: { value: 0.025, source: test, asOf: "2025-01-01" }
    conversionRate: { value: 0.05, source: test, asOf: "2025-01-01" }
    leadToMql: { value: 0.2, source: test, asOf: "2025-01-01" }
  webinar:
    costModel: none
    conversionRate: { value: 0.25, source: test, asOf: "2025-01-01" }
    leadToMql: { value: 0.5, source: test, asOf: "2025-01-01" }
    fixedCost: { value: 1000, source: test, asOf: "2025-01-01" }
revenue:
  mqlToWon: { value: 0.05, source: test, asOf: "2025-01-01" }
  averageDealValue: { value: 10000, source: test, asOf: "2025-01-01" }
`;

export function roundBenchmarks(): Benchmarks {
  return parseBenchmarks(ROUND_BENCHMARKS_YAML, 'fixture');
}

/** The round benchmarks with organic volumes, for plan-of-record arithmetic that can be checked by hand. */
export function funnelFixture(options: { emailMonthlyImpressions?: number } = {}): Benchmarks {
  const b = roundBenchmarks();
  if (options.emailMonthlyImpressions !== undefined) {
    b.channels.email = {
      ...b.channels.email!,
      monthlyImpressions: {
        value: options.emailMonthlyImpressions,
        source: 'test analytics',
        asOf: '2025-01-01',
      },
    };
  }
  return b;
}
