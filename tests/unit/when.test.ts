import { describe, expect, it } from 'vitest';
import { offsetProblem, parseOnset, parseWhen } from '../../src/input/when.js';
import { UsageError } from '../../src/errors.js';

const NOW = new Date(2026, 10, 25, 12, 0, 0); // 25 Nov 2026, 12:00 local
const HOUR = 3_600_000;

describe('parseWhen: the time grammar of cli.md', () => {
  it.each([
    ['now', NOW],
    ['NOW', NOW],
    ['yesterday', new Date(NOW.getTime() - 24 * HOUR)],
    ['yesterday 18:00', new Date(2026, 10, 24, 18, 0)],
    ['yesterday 7:05', new Date(2026, 10, 24, 7, 5)],
    ['3 days ago', new Date(NOW.getTime() - 72 * HOUR)],
    ['1 day ago', new Date(NOW.getTime() - 24 * HOUR)],
    ['5h ago', new Date(NOW.getTime() - 5 * HOUR)],
    ['5 hours ago', new Date(NOW.getTime() - 5 * HOUR)],
    ['90m ago', new Date(NOW.getTime() - 90 * 60_000)],
    ['90 minutes ago', new Date(NOW.getTime() - 90 * 60_000)],
    ['  2   days   ago ', new Date(NOW.getTime() - 48 * HOUR)],
    ['2026-11-20T09:00', new Date(2026, 10, 20, 9, 0)],
    ['2026-11-20 09:00', new Date(2026, 10, 20, 9, 0)],
    ['2026-11-20', new Date(2026, 10, 20, 0, 0)],
    ['2026-11-20T09:00:00Z', new Date(Date.UTC(2026, 10, 20, 9, 0))],
    ['2026-11-20T09:00+02:00', new Date(Date.UTC(2026, 10, 20, 7, 0))],
    // The way people say it (issue 12).
    ['today 08:00', new Date(2026, 10, 25, 8, 0)],
    ['08:00', new Date(2026, 10, 25, 8, 0)],
    ['11:59', new Date(2026, 10, 25, 11, 59)],
    ['12:01', new Date(2026, 10, 24, 12, 1)],
    ['23:30', new Date(2026, 10, 24, 23, 30)],
    ['this morning', new Date(2026, 10, 25, 8, 0)],
    ['last night', new Date(2026, 10, 24, 22, 0)],
    ['2h', new Date(NOW.getTime() - 2 * HOUR)],
    ['90m', new Date(NOW.getTime() - 90 * 60_000)],
    ['3d', new Date(NOW.getTime() - 72 * HOUR)],
  ])('%j', (input, expected) => {
    expect(parseWhen(input, NOW).getTime()).toBe(expected.getTime());
  });

  it.each([
    ['nonsense', 'last week sometime', /not a time I understand/],
    ['empty', '', /not a time I understand/],
    ['an impossible date', '2026-02-30', /not a time I understand/],
    ['an impossible hour', 'yesterday 25:00', /not a time I understand/],
    ['a negative amount', '-3 days ago', /not a time I understand/],
    ['tomorrow', 'tomorrow', /not a time I understand/],
    ['a future date', '2027-01-01', /in the future/],
    ['a minute ahead', '2026-11-25T12:01', /in the future/],
    ['later today', 'today 13:00', /in the future/],
    ['an impossible clock', '24:00', /not a time I understand/],
  ])('refuses %s', (_name, input, message) => {
    expect(() => parseWhen(input, NOW)).toThrow(UsageError);
    expect(() => parseWhen(input, NOW)).toThrow(message);
  });

  it('"this morning" and "last night" are approximate; the rest exact', () => {
    expect(parseOnset('this morning', NOW).approximate).toBe(true);
    expect(parseOnset('last night', NOW).approximate).toBe(true);
    expect(parseOnset('08:00', NOW).approximate).toBe(false);
    // Before eight, this morning is as good as now.
    const early = new Date(2026, 10, 25, 6, 30);
    expect(parseOnset('this morning', early).at.getTime()).toBe(early.getTime());
  });

  it('strips control characters from the input it echoes back', () => {
    expect(() => parseWhen('\u001b[2Jboom', NOW)).toThrow(/"boom" is not a time/);
  });
});

describe('UTC offsets: at most 14 hours either way, minutes under 60', () => {
  it.each([
    ['2026-11-20T09:00+14:00', Date.UTC(2026, 10, 19, 19, 0)],
    ['2026-11-20T09:00-14:00', Date.UTC(2026, 10, 20, 23, 0)],
    ['2026-11-20T09:00+1400', Date.UTC(2026, 10, 19, 19, 0)],
    ['2026-11-20T09:00+14', Date.UTC(2026, 10, 19, 19, 0)],
    ['2026-11-20T09:00+05:59', Date.UTC(2026, 10, 20, 3, 1)],
    ['2026-11-20 09:00:30.5-03:30', Date.UTC(2026, 10, 20, 12, 30, 30, 500)],
  ])('accepts %s', (input, expected) => {
    expect(parseWhen(input, NOW).getTime()).toBe(expected);
  });

  it.each([
    ['2026-11-20T09:00+14:01', /UTC offset \+14:01 is more than 14 hours/],
    ['2026-11-20T09:00-14:01', /UTC offset -14:01 is more than 14 hours/],
    ['2026-11-20T09:00+15', /UTC offset \+15:00 is more than 14 hours/],
    ['2026-11-25T09:00+99:00', /"2026-11-25T09:00\+99:00": its UTC offset \+99:00 is more than 14 hours/],
    ['2026-11-20T09:00+1401', /UTC offset \+14:01 is more than 14 hours/],
    ['2026-11-20T09:00+05:60', /UTC offset \+05:60 has 60 minutes; the minutes of an offset run from 00 to 59/],
    ['2026-11-20 09:00-00:99', /UTC offset -00:99 has 99 minutes/],
  ])('refuses %s, saying why', (input, message) => {
    expect(() => parseWhen(input, NOW)).toThrow(UsageError);
    expect(() => parseWhen(input, NOW)).toThrow(message);
  });

  it('offsetProblem looks only at an offset after a time: a date alone has none', () => {
    expect(offsetProblem('2026-11-20')).toBeNull();
    expect(offsetProblem('2026-11-20T09:00Z')).toBeNull();
    expect(offsetProblem('2026-11-20T09:00')).toBeNull();
  });
});
