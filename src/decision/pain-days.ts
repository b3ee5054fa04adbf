/**
 * Pain scores by calendar day (local time), every day of a span present, with or without a score:
 * what the chart and the sparkline draw, and what a clinician reads. Pure; the time is passed in.
 */
import { addDays, startOfDay } from 'date-fns';

export interface PainDay {
  /** Local midnight at the start of the day. */
  start: Date;
  /** The day's scores, in the order they were recorded. */
  scores: number[];
  /** The mean, the lowest and the highest score; null on a day without one. */
  mean: number | null;
  min: number | null;
  max: number | null;
}

/** The days from `from`'s day to `to`'s day, both included, each with its scores. */
export function painDays(pain: readonly { at: string; score: number }[], from: Date, to: Date): PainDay[] {
  const first = startOfDay(from);
  const last = startOfDay(to);
  // Each score into its day, in the order recorded: no sorted copy of a journal that may hold a
  // million scores, only a small list per day, sorted by time within the day.
  const byDay = new Map<number, { at: number; score: number }[]>();
  for (const p of pain) {
    const at = Date.parse(p.at);
    const day = new Date(at);
    const key = new Date(day.getFullYear(), day.getMonth(), day.getDate()).getTime();
    if (key < first.getTime() || key > last.getTime()) continue;
    const list = byDay.get(key);
    if (list) list.push({ at, score: p.score });
    else byDay.set(key, [{ at, score: p.score }]);
  }
  const days: PainDay[] = [];
  // addDays, not 24 hours: a day with a clock change is 23 or 25 hours long.
  for (let day = first; day.getTime() <= last.getTime(); day = addDays(day, 1)) {
    const scores = (byDay.get(day.getTime()) ?? []).sort((a, b) => a.at - b.at).map((p) => p.score);
    days.push({
      start: day,
      scores,
      mean: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
      // reduce, not Math.min(...): a day may hold more scores than a call has room for arguments.
      min: scores.length ? scores.reduce((a, b) => Math.min(a, b)) : null,
      max: scores.length ? scores.reduce((a, b) => Math.max(a, b)) : null,
    });
  }
  return days;
}

/** The days a history shows: from the first score in it to today. */
export function historyPainDays(pain: readonly { at: string; score: number }[], now: Date): PainDay[] {
  if (pain.length === 0) return [];
  const first = pain.reduce((min, p) => Math.min(min, Date.parse(p.at)), Infinity);
  return painDays(pain, new Date(first), now);
}

/** The last `count` days up to today: the sparkline's span. */
export function recentPainDays(pain: readonly { at: string; score: number }[], now: Date, count = 14): PainDay[] {
  return painDays(pain, addDays(startOfDay(now), -(count - 1)), now);
}
