import { describe, expect, it } from 'vitest';
import { readCadence, readCadenceLines } from '../../actions/engine/brief-lines/cadence.js';

const read = (text: string, socialChannels: ('linkedin' | 'x')[] = ['linkedin', 'x']) =>
  readCadence(text, { socialChannels });

describe('cadence lines', () => {
  it('reads posts per week, daily, weekly and every-other forms', () => {
    expect(read('Blog: 2 posts/week')).toEqual({
      ok: true,
      value: [{ channel: 'blog', times: 2, unit: 'week', what: 'posts' }],
    });
    expect(read('Blog 2 posts/week')).toMatchObject({
      ok: true,
      value: [{ channel: 'blog', times: 2, unit: 'week' }],
    });
    expect(read('2 blog posts per week')).toMatchObject({ ok: true, value: [{ channel: 'blog', times: 2 }] });
    expect(read('weekly newsletter')).toEqual({
      ok: true,
      value: [{ channel: 'email', times: 1, unit: 'week', what: 'newsletter' }],
    });
    expect(read('LinkedIn 3x a week')).toEqual({
      ok: true,
      value: [{ channel: 'linkedin', times: 3, unit: 'week' }],
    });
    expect(read('X every weekday')).toEqual({
      ok: true,
      value: [{ channel: 'x', times: 1, unit: 'day', weekdaysOnly: true }],
    });
    expect(read('fortnightly webinar')).toEqual({
      ok: true,
      value: [{ channel: 'webinar', times: 1, every: 2, unit: 'week', what: 'webinar' }],
    });
    expect(read('Email: monthly digest')).toMatchObject({
      ok: true,
      value: [{ channel: 'email', unit: 'month' }],
    });
  });

  it('reads "social" as each social network of the campaign', () => {
    expect(read('daily social')).toEqual({
      ok: true,
      value: [
        { channel: 'linkedin', times: 1, unit: 'day' },
        { channel: 'x', times: 1, unit: 'day' },
      ],
    });
    expect(read('Social: Daily posts', ['linkedin'])).toEqual({
      ok: true,
      value: [{ channel: 'linkedin', times: 1, unit: 'day', what: 'posts' }],
    });
  });

  it('reads several cadences on one line', () => {
    expect(read('Email: Weekly newsletter + nurture sequences')).toEqual({
      ok: true,
      value: [{ channel: 'email', times: 1, unit: 'week', what: 'newsletter' }],
    });
    expect(read('LinkedIn twice a week, X daily')).toEqual({
      ok: true,
      value: [
        { channel: 'linkedin', times: 2, unit: 'week' },
        { channel: 'x', times: 1, unit: 'day' },
      ],
    });
  });

  it('asks when the frequency or the channel is missing, or "biweekly" reads two ways', () => {
    expect(read('biweekly webinar')).toEqual({
      ok: false,
      question: true,
      message:
        '`biweekly webinar`: twice a week, or every two weeks? Write `2 posts/week` or `every other week`',
    });
    expect(read('Blog: sometimes')).toMatchObject({
      ok: false,
      question: true,
      message: expect.stringMatching(/^`Blog: sometimes`: how often\?/),
    });
    expect(read('twice a week')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/which channel publishes this\?/),
    });
  });

  it('points ad requests to the assets', () => {
    expect(read('Ads: LinkedIn campaigns for both lead magnets')).toMatchObject({
      ok: false,
      question: false,
      message: expect.stringContaining('list them under Assets requested'),
    });
  });

  it('locates problems by line', () => {
    const lines = readCadenceLines([
      { line: 1, text: 'Blog: 2 posts/week' },
      { line: 2, text: 'Blog: sometimes' },
    ]);
    expect(lines.values).toHaveLength(1);
    expect(lines.problems).toEqual([expect.objectContaining({ field: 'cadence', line: 2, question: true })]);
  });
});
