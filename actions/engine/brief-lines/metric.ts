import type { Channel } from '../channels/index.js';
import { METRIC_SYNONYMS, OBJECTIVE_METRICS, type ObjectiveMetric } from '../planning/metrics.js';
import { overlaps, phrasePattern, type Span } from './text.js';

/** A metric named in a line, and the channel it is counted on when the words say ("organic sessions"). */
export interface MetricMatch extends Span {
  metric: ObjectiveMetric;
  channel?: Channel;
  /** The phrase as the line writes it ("marketing-qualified leads"). */
  phrase: string;
}

/** Phrases that name a metric on one channel. "Blog growth" is read as growth of the blog's visitors. */
const CHANNEL_PHRASES: readonly (readonly [phrase: string, metric: ObjectiveMetric, channel: Channel])[] = [
  ['organic sessions', 'sessions', 'blog'],
  ['organic search sessions', 'sessions', 'blog'],
  ['blog sessions', 'sessions', 'blog'],
  ['organic traffic', 'visitors', 'blog'],
  ['organic search traffic', 'visitors', 'blog'],
  ['organic visitors', 'visitors', 'blog'],
  ['organic visits', 'visitors', 'blog'],
  ['seo traffic', 'visitors', 'blog'],
  ['blog traffic', 'visitors', 'blog'],
  ['blog visitors', 'visitors', 'blog'],
  ['blog visits', 'visitors', 'blog'],
  ['blog readers', 'visitors', 'blog'],
  ['blog readership', 'visitors', 'blog'],
  ['blog growth', 'visitors', 'blog'],
];

const PHRASES: readonly { pattern: RegExp; metric: ObjectiveMetric; channel?: Channel; phrase: string }[] = [
  ...OBJECTIVE_METRICS.flatMap((metric) =>
    [metric, ...METRIC_SYNONYMS[metric]].map((phrase) => ({
      pattern: phrasePattern(phrase),
      metric,
      phrase,
    })),
  ),
  ...CHANNEL_PHRASES.map(([phrase, metric, channel]) => ({
    pattern: phrasePattern(phrase),
    metric,
    channel,
    phrase,
  })),
];

/**
 * The metrics a line names, longest phrase first where two overlap ("marketing-qualified leads" is MQLs,
 * not leads; "sales demos" is demos, not sales), in the order they appear.
 */
export function findMetrics(text: string): MetricMatch[] {
  const all: MetricMatch[] = [];
  for (const { pattern, metric, channel } of PHRASES) {
    for (const m of text.matchAll(pattern)) {
      all.push({
        start: m.index,
        end: m.index + m[0].length,
        metric,
        phrase: m[0],
        ...(channel === undefined ? {} : { channel }),
      });
    }
  }
  all.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: MetricMatch[] = [];
  for (const match of all) if (!kept.some((k) => overlaps(k, match))) kept.push(match);
  return kept.sort((a, b) => a.start - b.start);
}

/** Things people aim for that Crescendo does not plan from, and what to write instead. */
const NOT_PLANNED: readonly (readonly [phrase: string, advice: string])[] = [
  [
    'pipeline',
    'Crescendo plans backwards from revenue won or from MQLs, not from pipeline value; write the revenue this pipeline should close (`$400k revenue by …`) or the MQLs it needs',
  ],
  [
    'sales qualified leads',
    'sales qualify leads after Crescendo hands them over; write the MQLs that feed them (`400 MQLs by …`)',
  ],
  [
    'sqls',
    'sales qualify leads after Crescendo hands them over; write the MQLs that feed them (`400 MQLs by …`)',
  ],
  [
    'sql',
    'sales qualify leads after Crescendo hands them over; write the MQLs that feed them (`400 MQLs by …`)',
  ],
  ['opportunities', 'write the revenue they should close or the MQLs that feed them'],
  [
    'customers',
    'write the revenue they bring (`$120k revenue by …`) or the trials or demos that lead to them',
  ],
  ['deals', 'write the revenue they bring (`$120k revenue by …`)'],
  [
    'followers',
    'followers are not a funnel step Crescendo plans for; aim for impressions, clicks or visitors',
  ],
  ['downloads', 'a gated download is a lead: write it as leads (`2,000 leads by …`)'],
  ['conversion rate', 'rates are not objectives Crescendo plans from; write the count they should produce'],
  ['open rate', 'rates are not objectives Crescendo plans from; write the count they should produce'],
  ['ctr', 'rates are not objectives Crescendo plans from; write the count they should produce'],
];
const NOT_PLANNED_PATTERNS = NOT_PLANNED.map(([phrase, advice]) => ({
  pattern: phrasePattern(phrase, 'i'),
  advice,
}));

/** Advice for a line that aims at something Crescendo does not plan from, when it names one. */
export function notPlannedAdvice(text: string): string | undefined {
  return NOT_PLANNED_PATTERNS.find(({ pattern }) => pattern.test(text))?.advice;
}
