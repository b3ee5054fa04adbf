/**
 * One voice for lengths of time: a session stopped after 83.4 seconds reads "1 min 23 s" in the
 * timer, status, history and the export alike, always rounded to the nearest whole second. Only
 * the live countdown ("12:30 left") is written as a clock, counting down to 0:00.
 */

/** 1200 -> "20 min", 750 -> "12 min 30 s", 4 -> "4 s", 3900 -> "1 h 5 min". */
export function lengthText(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts = [h ? `${h} h` : '', m ? `${m} min` : '', s || total === 0 ? `${s} s` : ''].filter(Boolean);
  // Past an hour, seconds only clutter: "1 h 5 min".
  return h ? parts.filter((p) => !p.endsWith(' s')).join(' ') : parts.join(' ');
}

/** The live countdown: 90 -> "1:30", 1200 -> "20:00", 0.2 -> "0:01" (what is left, rounded up). */
export function countdown(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** "1 minute", "2 minutes", "1.5 minutes": a number and its noun, singular for exactly one only. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
