import { describe, expect, it } from 'vitest';
import { Channel, normaliseChannel } from '../../actions/engine/channels/index.js';
import { CrescendoError, formatError } from '../../actions/engine/errors.js';
import { defaultBenchmarks, parseBenchmarks, withHistory } from '../../actions/engine/planning/benchmarks.js';

describe('benchmarks', () => {
  it('ships defaults that validate and cite a source and date for every value', () => {
    const b = defaultBenchmarks();
    expect(b.currency).toBe('USD');
    expect(b.channels['google-ads']?.cpc?.source).toMatch(/WordStream/);
    for (const row of Object.values(b.channels)) {
      for (const value of Object.values(row ?? {})) {
        if (typeof value === 'object' && value && 'value' in value) {
          expect(value.source.length).toBeGreaterThan(5);
          expect(value.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        }
      }
    }
  });

  it('reports bad values with their path and line', () => {
    const text = [
      'version: 1',
      'currency: USD',
      'channels:',
      '  email:',
      '    costModel: none',
      '    ctr:',
      '      value: 2.6',
      '      source: Mailchimp 2019',
      '      asOf: "2019-10-31"',
      '  tiktok:',
      '    costModel: none',
    ].join('\n');
    try {
      parseBenchmarks(text, 'benchmarks.yml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CrescendoError);
      const shown = formatError(e);
      expect(shown).toContain('benchmarks.yml:7: channels.email.ctr.value: a rate is a fraction');
      expect(shown).toMatch(/tiktok/);
    }
  });

  it('requires the cost value its cost model names', () => {
    const text = 'version: 1\ncurrency: USD\nchannels:\n  google-ads:\n    costModel: cpc\n';
    expect(() => parseBenchmarks(text)).toThrow(CrescendoError);
  });

  it('reports YAML syntax errors with a line', () => {
    try {
      parseBenchmarks('version: 1\ncurrency: [USD\n', 'b.yml');
      expect.unreachable();
    } catch (e) {
      expect(formatError(e)).toMatch(/b\.yml:\d+:/);
    }
  });

  it('lets measured history override a benchmark, and marks it', () => {
    const base = defaultBenchmarks();
    const merged = withHistory(
      base,
      {
        'linkedin-ads': {
          ctr: {
            value: 0.0071,
            asOf: '2025-03-31',
            source: 'campaigns/q1/reports/final.md',
            sampleSize: 120_000,
          },
        },
        email: { ctr: { value: 0.04, asOf: '2025-03-31', source: 'q1', sampleSize: 10 } },
      },
      { minSampleSize: 1000 },
    );
    expect(merged.channels['linkedin-ads']?.ctr).toMatchObject({
      value: 0.0071,
      measured: true,
      source: 'measured: campaigns/q1/reports/final.md',
    });
    expect(merged.channels.email?.ctr?.value).toBe(0.0262); // sample too small: kept the benchmark
    expect(base.channels['linkedin-ads']?.ctr?.value).toBe(0.005); // input not mutated
    expect(() =>
      withHistory(base, { email: { ctr: { value: 1.5, asOf: '2025-03-31', source: 'x' } } }),
    ).toThrow(CrescendoError);
  });

  it('normalises channel names', () => {
    expect(normaliseChannel('Twitter')).toBe('x');
    expect(normaliseChannel('LinkedIn Ads')).toBe('linkedin-ads');
    expect(normaliseChannel('SEO')).toBe('blog');
    expect(normaliseChannel('fax')).toBeUndefined();
    expect(Channel.options).toContain('webinar');
  });
});
