/**
 * The pain chart a clinician reads at a glance: one row per calendar day (a day without a score is
 * there, marked), a bar for the day's average with a lighter part up to its highest score, the
 * numbers written out, and a 0-5-10 axis. Above it, and in `status`, a one-line sparkline of the last
 * 14 days. Block characters where the terminal shows Unicode, ASCII otherwise, and words alone when
 * plain (a screen reader reads "average 4.5, from 0 to 9", not a row of blocks).
 */
import { format } from 'date-fns';
import type { PainDay } from '../decision/pain-days.js';
import { day } from './dates.js';
import { wrap } from './layout.js';

export interface ChartView {
  width: number;
  unicode: boolean;
  plain: boolean;
  now: Date;
}

/** A score as written: "5", "4.5". */
export const scoreText = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

const SPARKS = '▁▂▃▄▅▆▇█';

/** One character a day: a block as high as the average (Unicode), or the rounded average as a digit, X for 10. */
export function sparkline(days: readonly PainDay[], unicode: boolean): string {
  return days
    .map((d) => {
      if (d.mean === null) return unicode ? '·' : '.';
      if (unicode) return SPARKS[Math.round((d.mean / 10) * (SPARKS.length - 1))]!;
      const rounded = Math.round(d.mean);
      return rounded === 10 ? 'X' : String(rounded);
    })
    .join('');
}

/** A short date for narrow rows: "21 Nov", with the year outside this year. */
const shortDay = (date: Date, now: Date) => format(date, date.getFullYear() === now.getFullYear() ? 'd MMM' : 'd MMM yy');

/** The sparkline with what it spans and its key, or the same in words when plain. */
export function sparklineText(days: readonly PainDay[], view: ChartView): string {
  if (days.length === 0) return '';
  const span = `${shortDay(days[0]!.start, view.now)} to today`;
  if (view.plain) {
    const scored = days.filter((d) => d.mean !== null);
    if (scored.length === 0) return `no score from ${span}`;
    const missing = days.length - scored.length;
    return `${scored.map((d) => `${day(d.start, view.now)} ${scoreText(d.mean!)}`).join(', ')}${missing ? `; no score on the other ${missing} day${missing === 1 ? '' : 's'}` : ''}`;
  }
  const key = view.unicode ? '· no score' : 'X is 10, . no score';
  return `${sparkline(days, view.unicode)}  (${span}; ${key})`;
}

/** The numbers of a row: "4.5", "4.5  0-9", "4.5  0-9, 2 scores". */
function numbers(d: PainDay, form: number): string {
  const mean = scoreText(d.mean!);
  if (form === 0 || d.scores.length === 1) return mean;
  const range = d.min === d.max ? '' : `  ${d.min}-${d.max}`;
  return form === 1 ? `${mean}${range}` : `${mean}${range}, ${d.scores.length} scores`;
}

/** The axis above the track: 0 at the left, 5 in the middle, 10 at the right. */
function axis(cells: number): string {
  const row = Array.from({ length: cells }, () => ' ');
  const put = (at: number, text: string) => [...text].forEach((ch, i) => (row[at + i] = ch));
  put(0, '0');
  if (cells >= 10) put(cells / 2, '5');
  put(cells - 2, '10');
  return row.join('');
}

/** The track of a day: full cells to the average, light cells on to the highest score. */
function track(d: PainDay, cells: number, unicode: boolean): string {
  const step = 10 / cells;
  const full = Math.round(d.mean! / step);
  const light = Math.max(full, Math.round(d.max! / step));
  const [f, l] = unicode ? ['█', '░'] : ['#', '-'];
  return `${f.repeat(full)}${l.repeat(light - full)}`.padEnd(cells);
}

export function painChart(days: readonly PainDay[], view: ChartView, recent: readonly PainDay[] = []): string[] {
  const { width, now } = view;
  const lines: string[] = [];
  if (recent.length) lines.push(...wrap(`Last ${recent.length} days: ${sparklineText(recent, view)}`, width, '', '  '), '');
  if (view.plain) {
    lines.push('Pain by day, out of 10:');
    for (const d of days) {
      const text = d.mean === null ? 'no score' : `average ${scoreText(d.mean)}${d.scores.length > 1 ? `, from ${d.min} to ${d.max} (${d.scores.length} scores)` : ''}`;
      lines.push(...wrap(`${day(d.start, now)}: ${text}.`, width, '  ', '    '));
    }
    return lines;
  }
  const label = (d: PainDay) => (width >= 50 ? day(d.start, now) : shortDay(d.start, now));
  const labelWidth = Math.max(...days.map((d) => label(d).length));
  const scored = days.filter((d) => d.mean !== null);
  // The richest layout that fits: a 20-cell track (half a point a cell) with the numbers in full,
  // down to a 5-cell track with the average alone.
  const layouts = [
    [20, 2],
    [20, 1],
    [10, 1],
    [10, 0],
    [5, 0],
  ] as const;
  const fits = ([cells, form]: readonly [number, number]) => 2 + labelWidth + 1 + cells + 1 + Math.max(0, ...scored.map((d) => numbers(d, form).length)) <= width;
  const [cells, form] = layouts.find(fits) ?? layouts.at(-1)!;
  const [full, light] = view.unicode ? ['█', '░'] : ['#', '-'];
  lines.push(...wrap(`Pain by day, out of 10: ${full} the day's average, ${light} on to its highest score.`, width));
  lines.push(`  ${' '.repeat(labelWidth)} ${axis(cells)}`);
  for (const d of days) {
    const head = `  ${label(d).padEnd(labelWidth)} `;
    lines.push(d.mean === null ? `${head}${view.unicode ? '·' : '.'} no score` : `${head}${track(d, cells, view.unicode)} ${numbers(d, form)}`);
  }
  return lines;
}
