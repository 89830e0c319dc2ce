import { describe, expect, it } from 'vitest';
import { attributeCommand, MODEL_IDS } from '../../actions/engine/attribution/index.js';
import { captureIo, scratchDir } from './helpers.js';

const file = await scratchDir();
const worked = await file(
  'worked.csv',
  'path;total_conversions;total_conversion_value;total_null\nC1 > C2 > C3;1;1000;0\nC1;0;0;1\nC2 > C3;0;0;1\n',
);
const touchpoints = await file(
  'touchpoints.csv',
  [
    'user_id,timestamp,event,channel,value',
    'u1,2024-05-01T10:00:00Z,touch,Email,',
    'u1,2024-05-08T10:00:00Z,touch,Search,',
    'u1,2024-05-08T10:00:00Z,conversion,,90',
    'u2,2024-05-02T10:00:00Z,touch,Search,',
  ].join('\n'),
);

describe('crescendo attribute --json', () => {
  it('prints exactly {totalConversions, totalValue, models, removalEffects}', async () => {
    const { io, out, err } = captureIo();
    expect(await attributeCommand([worked, '--json'], io)).toBe(0);
    expect(out).toHaveLength(1);
    const json = JSON.parse(out[0]!);
    expect(Object.keys(json)).toEqual(['totalConversions', 'totalValue', 'models', 'removalEffects']);
    expect(json.totalConversions).toBe(1);
    expect(json.totalValue).toBe(1000);
    expect(Object.keys(json.models)).toEqual(['first', 'last', 'linear', 'position', 'markov', 'shapley']);
    expect(json.models.markov).toEqual({
      C1: { conversions: 0.2, value: 200 },
      C2: { conversions: 0.4, value: 400 },
      C3: { conversions: 0.4, value: 400 },
    });
    expect(json.removalEffects).toEqual({ C1: 0.5, C2: 1, C3: 1 });
    for (const credit of Object.values(json.models) as Record<
      string,
      { conversions: number; value: number }
    >[])
      for (const c of Object.values(credit)) expect(Object.keys(c)).toEqual(['conversions', 'value']);
    expect(err).toContain(
      `note: time-decay: not computed — ${worked} holds aggregated paths, which carry no timestamps.`,
    );
  });

  it('includes time decay for touchpoints, and an empty removalEffects without Markov', async () => {
    const { io, out } = captureIo();
    expect(
      await attributeCommand([touchpoints, '--json', '--model', 'time-decay,last', '--half-life', '7'], io),
    ).toBe(0);
    const json = JSON.parse(out[0]!);
    expect(Object.keys(json.models)).toEqual(['last', 'time-decay']);
    expect(json.models['time-decay']).toEqual({
      Email: { conversions: 0.333333333333, value: 30 },
      Search: { conversions: 0.666666666667, value: 60 },
    });
    expect(json.removalEffects).toEqual({});
  });

  it('honours --order and --lookback', async () => {
    const { io, out } = captureIo();
    expect(
      await attributeCommand(
        [touchpoints, '--json', '--lookback', '3', '--order', '2', '--model', 'first'],
        io,
      ),
    ).toBe(0);
    expect(JSON.parse(out[0]!).models.first).toEqual({
      Email: { conversions: 0, value: 0 },
      Search: { conversions: 1, value: 90 },
    });
  });
});

describe('crescendo attribute (table)', () => {
  it('shows the models side by side per channel with the spread and removal effects', async () => {
    const { io, out } = captureIo();
    expect(await attributeCommand([worked], io)).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/^1 conversion worth 1,000\.00 from 3 journeys \(3 distinct paths\), 3 channels$/m);
    expect(text).toMatch(
      /^channel +first +last +linear +position +time-decay +markov +shapley +spread +removal$/m,
    );
    expect(text).toMatch(/^C1 +1\.00 +0\.00 +0\.33 +0\.40 +n\/a +0\.20 +0\.33 +1\.00 +0\.500$/m);
    expect(text).toMatch(/^C3 +0\.00 +1,000\.00 +333\.33 +400\.00 +n\/a +400\.00 +333\.33 +1,000\.00$/m);
    expect(text).toMatch(/note: time-decay: not computed/);
    expect(text).toMatch(/note: Only 1 conversion:/);
  });
});

describe('exit codes', () => {
  it('0 for --help, with the usage', async () => {
    const { io, out } = captureIo();
    expect(await attributeCommand(['--help'], io)).toBe(0);
    expect(out[0]).toMatch(/^usage: crescendo attribute FILE…/);
  });

  it.each([
    [[], /no FILE given/],
    [['x.csv', '--model', 'data-driven'], /--model "data-driven" is not one of first, last/],
    [['x.csv', '--order', '4'], /--order must be 1, 2 or 3/],
    [['x.csv', '--half-life', '0'], /--half-life must be a number of days above 0/],
    [['x.csv', '--lookback', 'week'], /--lookback must be a number of days above 0/],
    [['x.csv', '--bogus'], /Unknown option '--bogus'/],
    [['x.csv', '--bigquery', 'p.d'], /give FILE… or --bigquery, not both/],
  ])('2 for usage errors: %j', async (args, message) => {
    const { io, err } = captureIo();
    expect(await attributeCommand(args as string[], io)).toBe(2);
    expect(err[0]).toMatch(message);
    expect(err[1]).toMatch(/^usage:/);
  });

  it('1 for bad input, naming file:line', async () => {
    const bad = await file('bad.csv', 'path,conversions\nA > B,1\nC,many\n');
    const { io, err } = captureIo();
    expect(await attributeCommand([bad], io)).toBe(1);
    expect(err.join('\n')).toContain(`${bad}:3: conversions: "many" is not a number ≥ 0`);
  });

  it('1 when the only model asked for cannot be computed from the data', async () => {
    const { io, err } = captureIo();
    expect(await attributeCommand([worked, '--model', 'time-decay'], io)).toBe(1);
    expect(err.join('\n')).toMatch(/time-decay cannot be computed: .*worked\.csv holds aggregated paths/);
  });

  it('knows every model by name', () => {
    expect(MODEL_IDS).toEqual(['first', 'last', 'linear', 'position', 'time-decay', 'markov', 'shapley']);
  });
});
