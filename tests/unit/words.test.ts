/** Lengths of time and counts in words: the right unit for the size, and "1 minute", never "1 minutes". */
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import { phasesFor } from '../../src/decision/routine.js';
import { describeDose } from '../../src/render/dose.js';
import { timeZoneSentence } from '../../src/render/export.js';
import { durationWords } from '../../src/render/verdict.js';
import { count } from '../../src/text/durations.js';
import { DATA_DIR } from '../helpers/fake-env.js';

const DAY = 24;
const MONTH_DAYS = 365.25 / 12;

describe('durationWords: how long ago', () => {
  it.each([
    [0.99, 'less than an hour'],
    [1, 'about 1 hour'],
    [1.49, 'about 1 hour'],
    [1.5, 'about 2 hours'],
    [47.9, 'about 48 hours'],
    [48, 'about 2 days'],
    [13.9 * DAY, 'about 14 days'],
    [14 * DAY, 'about 2 weeks'],
    [89.9 * DAY, 'about 13 weeks'],
    [90 * DAY, 'about 3 months'],
    // Months up to 24 (rounded), years after.
    [24.49 * MONTH_DAYS * DAY, 'about 24 months'],
    [24.5 * MONTH_DAYS * DAY, 'about 2 years'],
    [3 * 365.25 * DAY, 'about 3 years'],
    // onset 1900-01-01, seen in 2026: was "about 1523 months".
    [(Date.UTC(2026, 10, 25) - Date.UTC(1900, 0, 1)) / 3_600_000, 'about 127 years'],
  ])('%f hours: %s', (hours, words) => {
    expect(durationWords(hours)).toBe(words);
  });
});

describe('count', () => {
  it.each([
    [1, 'minute', undefined, '1 minute'],
    [0, 'minute', undefined, '0 minutes'],
    [2, 'minute', undefined, '2 minutes'],
    [1.5, 'minute', undefined, '1.5 minutes'],
    [1, 'stretch', 'stretches', '1 stretch'],
    [3, 'stretch', 'stretches', '3 stretches'],
  ])('%d %s', (n, one, many, text) => {
    expect(count(n, one, many)).toBe(text);
  });
});

describe('doses of one: singular', () => {
  const STRETCHES = loadContent(['stretches'], { builtin: DATA_DIR }).stretches;
  const base = STRETCHES.find((s) => s.id === 'pelvic-tilt')!;
  const one = { min: 1, max: 1 };
  const NO_DOSE = { holdSeconds: null, reps: null, breaths: null, minutes: null, perSide: false };
  it.each([
    [{ minutes: one }, '1 minute'],
    [{ breaths: one }, '1 slow breath'],
    [{ reps: one, holdSeconds: one }, '1 repetition, hold 1 second'],
    [{ holdSeconds: one }, 'hold 1 second'],
    [{ holdSeconds: one, perSide: true }, 'hold 1 second each side'],
  ])('%j: "%s"', (dose, text) => {
    expect(phasesFor({ ...base, thenBoth: false, dose: { ...NO_DOSE, ...dose } }, 'gentle').dose).toBe(text);
  });

  it('a build-up from one repetition', () => {
    expect(describeDose({ dose: { ...NO_DOSE, reps: { min: 1, max: 30 } }, buildsUp: true })).toBe('start with 1 repetition and build toward 30');
  });
});

describe('timeZoneSentence: the zone of a report, the same words in Markdown and HTML', () => {
  it.each([
    [{ name: 'UTC', utcOffsetMinutes: 0 }, 'Times are in UTC.'],
    [{ name: 'Etc/UTC', utcOffsetMinutes: 0 }, 'Times are in UTC.'],
    [{ name: 'Europe/London', utcOffsetMinutes: 0 }, 'Times are in the time zone Europe/London (UTC+00:00).'],
    [{ name: 'Asia/Kolkata', utcOffsetMinutes: 330 }, 'Times are in the time zone Asia/Kolkata (UTC+05:30).'],
    [{ name: 'America/St_Johns', utcOffsetMinutes: -150 }, 'Times are in the time zone America/St_Johns (UTC-02:30).'],
    // A POSIX TZ (JST-9) has no zone name: the offset stands in for it.
    [{ name: 'UTC+09:00', utcOffsetMinutes: 540 }, 'Times are in UTC+09:00.'],
  ])('%j', (zone, sentence) => {
    expect(timeZoneSentence(zone)).toBe(sentence);
  });
});

describe('timeZone: a name whatever TZ holds', () => {
  it.each([
    ['Europe/Paris', 'Europe/Paris'],
    ['', 'UTC+09:00'],
    ['Etc/Unknown', 'UTC+09:00'],
  ])('Intl says %j: the name is %s', async (zone, name) => {
    const { timeZone } = await import('../../src/commands/views.js');
    const result = timeZone({ getTimezoneOffset: () => -540 } as Date, zone);
    expect(result).toEqual({ name, utcOffsetMinutes: 540 });
  });
});
