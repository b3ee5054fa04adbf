import { describe, expect, it } from 'vitest';
import { breakConflict, thermalNote } from '../../src/decision/sessions.js';
import { UsageError } from '../../src/errors.js';
import type { SessionLine } from '../../src/journal/records.js';
import { breakSeconds, countdown, lengthText, parseDuration, parseRounds, sessionSeconds } from '../../src/timer/duration.js';
import { notification, progressBar, progressLine } from '../../src/timer/terminal.js';

describe('durations (cli.md grammar)', () => {
  it.each([
    ['90s', 90],
    ['5m', 300],
    ['1m30s', 90],
    ['20', 1200],
    ['1.5', 90],
    [' 2M ', 120],
    ['20m', 1200],
  ])('%j = %i seconds', (text, seconds) => {
    expect(parseDuration(text, '--duration')).toBe(seconds);
  });

  it.each(['', 'abc', '5 minutes', '-5m', '1h', '5m5', 'm', '0', '0s', '0m0s'])('refuses %j', (text) => {
    expect(() => parseDuration(text, '--duration')).toThrow(UsageError);
  });

  it('a session is 20 minutes at most, with the reason', () => {
    expect(sessionSeconds(undefined)).toBe(1200);
    expect(sessionSeconds('20m')).toBe(1200);
    expect(() => sessionSeconds('20m1s')).toThrow(/too long.*skin and the nerves/);
    expect(() => sessionSeconds('21')).toThrow(/21 min is too long; at most 20 minutes/);
  });

  it('a break is 20 minutes at least, with the reason', () => {
    expect(breakSeconds(undefined)).toBe(1200);
    expect(breakSeconds('30m')).toBe(1800);
    expect(() => breakSeconds('19m59s')).toThrow(/too short.*at least 20 minutes/);
  });

  it.each([['1', 1], ['10', 10]])('rounds %s', (text, n) => expect(parseRounds(text)).toBe(n));
  it.each(['0', '11', '-1', '2.5', 'two'])('refuses rounds %j', (text) => expect(() => parseRounds(text)).toThrow(/--rounds/));

  it('formats', () => {
    expect(countdown(90)).toBe('1:30');
    expect(countdown(1199.2)).toBe('20:00');
    expect(countdown(0)).toBe('0:00');
    // One voice for lengths: rounded to the nearest second, everywhere.
    expect(lengthText(1260)).toBe('21 min');
    expect(lengthText(90)).toBe('1 min 30 s');
    expect(lengthText(83.4)).toBe('1 min 23 s');
    expect(lengthText(83.5)).toBe('1 min 24 s');
    expect(lengthText(4)).toBe('4 s');
    expect(lengthText(0)).toBe('0 s');
    expect(lengthText(3900)).toBe('1 h 5 min');
  });
});

describe('the skin break and the guidance', () => {
  const NOW = new Date('2026-11-25T12:00:00Z');
  const session = (kind: 'ice' | 'heat', endedMinutesAgo: number): SessionLine => {
    const end = new Date(NOW.getTime() - endedMinutesAgo * 60_000).toISOString();
    return { type: 'session', at: end, kind, startedAt: end, endedAt: end, plannedSeconds: 1200, actualSeconds: 1200, outcome: 'completed' };
  };

  it.each([
    [19, true],
    [19.99, true],
    [20, false],
    [21, false],
  ])('ice ended %s minutes ago: conflict %s', (ago, conflict) => {
    expect(breakConflict([session('ice', ago)], [{ kind: 'ice', inMs: 0 }], NOW) !== null).toBe(conflict);
  });

  it('only the same kind counts, and a later start can clear it', () => {
    expect(breakConflict([session('heat', 5)], [{ kind: 'ice', inMs: 0 }], NOW)).toBeNull();
    expect(breakConflict([session('ice', 5)], [{ kind: 'ice', inMs: 15 * 60_000 }], NOW)).toBeNull();
    expect(breakConflict([session('ice', 5)], [{ kind: 'ice', inMs: 14 * 60_000 }], NOW)).toMatchObject({ kind: 'ice', breakEndsAt: new Date(NOW.getTime() + 15 * 60_000) });
  });

  it.each([
    [10, ['heat'], 'heat-early'],
    [47, ['heat'], 'heat-early'],
    [49, ['heat'], null],
    [10, ['ice'], null],
    [71, ['ice'], null],
    [73, ['ice'], 'ice-late'],
    [10, ['heat', 'ice'], 'heat-early'],
    [100, ['heat', 'ice'], null],
    [null, ['heat'], null],
  ] as const)('%s hours, %j -> %s', (hours, kinds, guidance) => {
    expect(thermalNote(hours, kinds)).toBe(guidance);
  });
});

describe('the terminal line', () => {
  const view = { step: { type: 'session' as const, kind: 'ice' as const, round: 1, rounds: 2, durationMs: 1_200_000 }, remainingMs: 754_000, endsAt: Date.UTC(2026, 10, 25, 14, 20), paused: false, progress: 0.37 };

  it.each([100, 80, 60, 40, 30, 20])('fits %i columns', (columns) => {
    for (const unicode of [false, true]) {
      const line = progressLine(view, columns, unicode);
      expect(line.length).toBeLessThan(columns);
      expect(line).toContain('12:34 left');
    }
  });

  // A line as wide as the terminal wraps, and each redraw would then scroll a new line.
  it.each([19, 12, 8, 5, 2])('stays narrower than a %i-column terminal', (columns) => {
    const line = progressLine(view, columns);
    expect(line.length).toBeLessThan(columns);
    expect(line.length).toBeGreaterThan(0);
    expect('12:34 left').toContain(line);
  });

  it.each([
    [0, false, '[--------]'],
    [0.5, false, '[####----]'],
    [1, false, '[########]'],
    [0, true, '░░░░░░░░░░'],
    [0.5, true, '█████░░░░░'],
    [0.53, true, '█████▎░░░░'],
    [1, true, '██████████'],
  ])('the bar at %f (unicode %s) is %s', (progress, unicode, bar) => {
    expect(progressBar(progress, 10, unicode)).toBe(bar);
  });

  it('says the round, the time left, when it ends, and PAUSED in words', () => {
    expect(progressLine(view, 100)).toMatch(/^Ice \(round 1 of 2\) {2}\[#+-+\] {2}12:34 left {2}ends \d\d:\d\d$/);
    expect(progressLine({ ...view, paused: true }, 100)).toContain('PAUSED');
  });

  it('sends a desktop notification only where the terminal is known to show it', () => {
    expect(notification({ TERM_PROGRAM: 'iTerm.app' }, 'done')).toBe('\u001b]9;done\u0007');
    expect(notification({ TERM: 'xterm-kitty' }, 'done')).toContain('\u001b]99;');
    expect(notification({ TERM: 'foot' }, 'done')).toContain('\u001b]777;notify;');
    expect(notification({ TERM: 'xterm-256color' }, 'done')).toBeNull();
    expect(notification({ TERM_PROGRAM: 'iTerm.app', TMUX: '/tmp/tmux' }, 'done')).toBeNull();
    expect(notification({ TERM_PROGRAM: 'iTerm.app' }, 'a\u0007b;c')).toBe('\u001b]9;a b c\u0007');
  });
});
