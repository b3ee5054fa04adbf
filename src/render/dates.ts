/**
 * Dates and times as a person reads them, relative to now: a time within a day is a clock time, one
 * further away carries its day, and a date outside this year carries its year. So a session recorded
 * by a clock set wrong, or a plan day in the next year, never reads as if it were today.
 */
import { format } from 'date-fns';

const DAY_MS = 86_400_000;

/**
 * The clock every time is shown with (the `clock` setting): "14:05" or "2:05 pm". Set once per run;
 * kept on globalThis because the commands that load on demand are bundles with their own copy of
 * this file, and they must all show the same clock.
 */
const CLOCK = Symbol.for('back-relief.clock');
type ClockSetting = '24h' | '12h';
const store = globalThis as unknown as Record<symbol, ClockSetting | undefined>;

export function setClock(clock: ClockSetting): void {
  store[CLOCK] = clock;
}

/** "14:05", or "2:05 pm" with the 12-hour clock. */
export function timeOfDay(date: Date): string {
  return format(date, store[CLOCK] === '12h' ? 'h:mm aaa' : 'HH:mm');
}

const sameYear = (date: Date, now: Date) => date.getFullYear() === now.getFullYear();

/** "Wed 25 Nov", or "Wed 25 Nov 2025" outside this year. */
export function day(date: Date, now: Date): string {
  return format(date, sameYear(date, now) ? 'EEE d MMM' : 'EEE d MMM yyyy');
}

/** "Wed 25 Nov, 14:05", with the year outside this year. */
export function dayAndTime(date: Date, now: Date): string {
  return `${day(date, now)}, ${timeOfDay(date)}`;
}

/** "14:05" within a day of now; further away, its day as well. */
export function clockAt(date: Date, now: Date): string {
  return Math.abs(date.getTime() - now.getTime()) < DAY_MS ? timeOfDay(date) : dayAndTime(date, now);
}

/** "Wednesday 2 December", with the year outside this year. */
export function longDay(date: Date, now: Date): string {
  return format(date, sameYear(date, now) ? 'EEEE d MMMM' : 'EEEE d MMMM yyyy');
}

/** "UTC+05:30", "UTC-02:30", "UTC+00:00": a time zone by its offset. */
export function utcOffsetName(minutes: number): string {
  const abs = Math.abs(minutes);
  return `UTC${minutes >= 0 ? '+' : '-'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
