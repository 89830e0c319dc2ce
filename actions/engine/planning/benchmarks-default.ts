/**
 * The benchmarks Crescendo ships with, as YAML text (kept in a .ts module rather than a
 * .yml file so the bundled actions carry it without a file-system read).
 *
 * These are public, cross-industry figures and a few labelled Crescendo assumptions. They
 * are a starting point only: a team must review them (set `reviewedBy`/`reviewedOn`),
 * replace them with its own, and let measured history override them (`withHistory`).
 * Channels without a row (x, meta-ads, events) need the team's own numbers.
 */
export const DEFAULT_BENCHMARKS_YAML = `# Crescendo default benchmarks. REVIEW BEFORE USE: cross-industry averages, not your funnel.
# Rates are fractions (0.0642 = 6.42 %). Money in USD. asOf = the date the figure describes.
version: 1
currency: USD
channels:
  google-ads:
    costModel: cpc
    cpc:
      value: 4.66
      source: "WordStream by LocaliQ, Search Advertising Benchmarks 2024 (all industries)"
      asOf: "2024-03-31"
      note: "US search campaigns Apr 2023 - Mar 2024; B2B software keywords often cost more"
    ctr:
      value: 0.0642
      source: "WordStream by LocaliQ, Search Advertising Benchmarks 2024 (all industries)"
      asOf: "2024-03-31"
    conversionRate:
      value: 0.0696
      source: "WordStream by LocaliQ, Search Advertising Benchmarks 2024 (all industries)"
      asOf: "2024-03-31"
    cpl:
      value: 66.69
      source: "WordStream by LocaliQ, Search Advertising Benchmarks 2024 (all industries)"
      asOf: "2024-03-31"
    leadToMql: &leadToMql
      value: 0.25
      low: 0.15
      high: 0.30
      source: "First Page Sage, B2B SaaS funnel conversion benchmarks (lead to MQL 15-30 %)"
      asOf: "2024-12-31"
      note: "depends entirely on your MQL definition; replace with your CRM's number"
    referenceMonthlySpend:
      value: 10000
      source: "Crescendo assumption (sets the diminishing-returns scale; not a publication)"
      asOf: "2026-11-24"
  linkedin-ads:
    costModel: cpm
    cpm:
      value: 35
      low: 25
      high: 44
      source: "Stackmatix, LinkedIn Ads Benchmarks 2026 (stackmatix.com/blog/linkedin-ads-benchmarks)"
      asOf: "2026-01-01"
    ctr:
      value: 0.005
      low: 0.0044
      high: 0.0065
      source: "LinkedIn Sponsored Content average CTR 0.44-0.65 %, as quoted by The B2B House (theb2bhouse.com/linkedin-ad-benchmarks)"
      asOf: "2022-01-01"
    conversionRate: &landingConversion
      value: 0.038
      source: "Unbounce Conversion Benchmark Report 2024, SaaS landing-page median (~3.8 %)"
      asOf: "2024-07-23"
      note: "dedicated landing pages; Lead Gen Forms on LinkedIn typically convert higher"
    leadToMql: *leadToMql
    referenceMonthlySpend:
      value: 8000
      source: "Crescendo assumption (sets the diminishing-returns scale; not a publication)"
      asOf: "2026-11-24"
  email:
    costModel: none
    ctr:
      value: 0.0262
      source: "Mailchimp Email Marketing Benchmarks, average click rate, all industries (data of October 2019)"
      asOf: "2019-10-31"
      note: "clicks per delivered email: impressions = emails delivered"
    conversionRate: *landingConversion
    leadToMql: *leadToMql
  blog:
    costModel: none
    ctr:
      value: 0.03
      source: "Crescendo assumption: blended organic CTR over page-one positions (position 1 alone is far higher)"
      asOf: "2026-11-24"
      note: "impressions = Google Search Console impressions; replace with your Search Console CTR"
    conversionRate:
      value: 0.01
      source: "Crescendo assumption: blog readers convert well below dedicated landing pages"
      asOf: "2026-11-24"
    leadToMql: *leadToMql
  linkedin:
    costModel: none
    conversionRate: *landingConversion
    leadToMql: *leadToMql
  landing-page:
    costModel: none
    conversionRate: *landingConversion
    leadToMql: *leadToMql
  webinar:
    costModel: none
    conversionRate:
      value: 0.25
      source: "Crescendo assumption: registration-page visit to registration"
      asOf: "2026-11-24"
    leadToMql: *leadToMql
    fixedCost:
      value: 1000
      source: "Crescendo placeholder: webinar platform and production; replace with your quote"
      asOf: "2026-11-24"
`;
