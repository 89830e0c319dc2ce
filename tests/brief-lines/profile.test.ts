import { describe, expect, it } from 'vitest';
import { readLandingPage, readMqlDefinition, readRegion } from '../../actions/engine/brief-lines/profile.js';
import { readTimeZone } from '../../actions/engine/brief-lines/time-zone.js';
import { readTimeframe } from '../../actions/engine/brief-lines/timeframe.js';

describe('time zones', () => {
  it('reads IANA names in any case, cities, abbreviations and whole-hour offsets', () => {
    const zone = (text: string) => readTimeZone(text);
    expect(zone('America/New_York')).toEqual({ ok: true, value: 'America/New_York' });
    expect(zone('europe/london')).toEqual({ ok: true, value: 'Europe/London' });
    expect(zone('New York')).toEqual({ ok: true, value: 'America/New_York' });
    expect(zone('ET')).toEqual({ ok: true, value: 'America/New_York' });
    expect(zone('Pacific Time')).toEqual({ ok: true, value: 'America/Los_Angeles' });
    expect(zone('CET')).toEqual({ ok: true, value: 'Europe/Berlin' });
    expect(zone('UTC')).toEqual({ ok: true, value: 'UTC' });
    expect(zone('UTC+2')).toEqual({ ok: true, value: 'Etc/GMT-2' });
    expect(zone('GMT-5')).toEqual({ ok: true, value: 'Etc/GMT+5' });
  });

  it('asks about abbreviations that name several places', () => {
    expect(readTimeZone('IST')).toEqual({
      ok: false,
      question: true,
      message:
        '`IST`: which zone: India (Asia/Kolkata), Ireland (Europe/Dublin) or Israel (Asia/Jerusalem)? Write its name, such as Asia/Kolkata',
    });
    expect(readTimeZone('CST')).toMatchObject({ ok: false, question: true });
    expect(readTimeZone('UTC+5:30')).toMatchObject({ ok: false, question: true });
    expect(readTimeZone('Mars/Olympus')).toMatchObject({ ok: false, question: false });
  });
});

describe('region, MQL definition, landing pages and time frames', () => {
  it('keeps the region as written and asks when it names none', () => {
    expect(readRegion('North America')).toEqual({ ok: true, value: 'North America' });
    expect(readRegion('n/a')).toMatchObject({ ok: false, question: true });
  });

  it('keeps the MQL definition and asks when it is one word', () => {
    const definition = 'Lead score ≥ 50, a manager or above, visited pricing';
    expect(readMqlDefinition(definition)).toEqual({ ok: true, value: definition });
    expect(readMqlDefinition('standard')).toMatchObject({
      ok: false,
      question: true,
      message: expect.stringMatching(/^`standard`: what makes a lead an MQL for your team\?/),
    });
  });

  it('reads a landing page as purpose and address', () => {
    expect(readLandingPage('trial: https://a.example/trial')).toEqual({
      ok: true,
      value: { purpose: 'trial', url: 'https://a.example/trial' },
    });
    expect(readLandingPage('Demo page — https://a.example/demo')).toEqual({
      ok: true,
      value: { purpose: 'Demo', url: 'https://a.example/demo' },
    });
    expect(readLandingPage('https://a.example/x')).toMatchObject({ ok: false, question: true });
  });

  it('reads a time frame in words', () => {
    expect(readTimeframe('Q2 2027')).toEqual({ ok: true, value: { start: '2027-04-01', end: '2027-06-30' } });
    expect(readTimeframe('H2 2027')).toEqual({ ok: true, value: { start: '2027-07-01', end: '2027-12-31' } });
    expect(readTimeframe('February 2028')).toEqual({
      ok: true,
      value: { start: '2028-02-01', end: '2028-02-29' },
    });
    expect(readTimeframe('2027-04-01 to 2027-06-30')).toEqual({
      ok: true,
      value: { start: '2027-04-01', end: '2027-06-30' },
    });
    expect(readTimeframe('spring')).toMatchObject({ ok: false, question: true });
  });
});
