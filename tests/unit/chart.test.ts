/** The pain chart and the sparkline (issue 13): every calendar day, gaps marked, ranges, an axis. */
import { describe, expect, it } from 'vitest';
import { historyPainDays, painDays, recentPainDays } from '../../src/decision/pain-days.js';
import { painChart, sparkline, sparklineText } from '../../src/render/chart.js';

// Local times, so the days are the reader's days whatever the machine's time zone.
const at = (day: number, hour: number) => new Date(2026, 10, day, hour).toISOString();
const NOW = new Date(2026, 10, 25, 18);
// Sat 21: 9 then 0; Sun 22 and Mon 23: nothing; Tue 24: 5; Wed 25: 3, 4, 8.
const PAIN = [
  { at: at(21, 9), score: 9 },
  { at: at(21, 20), score: 0 },
  { at: at(24, 10), score: 5 },
  { at: at(25, 8), score: 3 },
  { at: at(25, 12), score: 4 },
  { at: at(25, 16), score: 8 },
];

describe('pain by calendar day', () => {
  it('has every day from the first score to today, the empty ones included', () => {
    const days = historyPainDays(PAIN, NOW);
    expect(days.map((d) => d.start.getDate())).toEqual([21, 22, 23, 24, 25]);
    expect(days.map((d) => d.mean)).toEqual([4.5, null, null, 5, 5]);
    expect(days.map((d) => [d.min, d.max])).toEqual([[0, 9], [null, null], [null, null], [5, 5], [3, 8]]);
  });

  it('keeps a day a day across a clock change (addDays, not 24 hours)', () => {
    const days = painDays([], new Date(2026, 2, 27, 12), new Date(2026, 2, 31, 12));
    expect(days.map((d) => d.start.getDate())).toEqual([27, 28, 29, 30, 31]);
    expect(days.every((d) => d.start.getHours() === 0)).toBe(true);
  });

  it('the sparkline spans the last 14 days, today last', () => {
    const days = recentPainDays(PAIN, NOW);
    expect(days).toHaveLength(14);
    expect(days.at(-1)!.start.getDate()).toBe(25);
    expect(sparkline(days, false)).toBe('.........5..55');
    expect(sparkline(days, true)).toBe('·········▄··▅▅');
    expect(sparkline(painDays([{ at: at(25, 9), score: 10 }, { at: at(24, 9), score: 0 }], new Date(2026, 10, 24), NOW), false)).toBe('0X');
  });

  it('in words when plain: each scored day, and how many had none', () => {
    const text = sparklineText(recentPainDays(PAIN, NOW), { width: 80, unicode: false, plain: true, now: NOW });
    expect(text).toBe('Sat 21 Nov 4.5, Tue 24 Nov 5, Wed 25 Nov 5; no score on the other 11 days');
  });
});

describe('the chart', () => {
  const days = historyPainDays(PAIN, NOW);
  const recent = recentPainDays(PAIN, NOW);

  it('at 90 columns (laid out at 80): the axis, a row a day, the gaps marked, the range and the count', () => {
    const lines = painChart(days, { width: 80, unicode: false, plain: false, now: NOW }, recent);
    expect(lines).toEqual([
      'Last 14 days: .........5..55 (12 Nov to today; X is 10, . no score)',
      '',
      "Pain by day, out of 10: # the day's average, - on to its highest score.",
      '             0         5       10',
      // Half a point a cell: 9 cells to the average of 4.5, on to 18 for the highest, 9.
      '  Sat 21 Nov #########---------   4.5  0-9, 2 scores',
      '  Sun 22 Nov . no score',
      '  Mon 23 Nov . no score',
      '  Tue 24 Nov ##########           5',
      '  Wed 25 Nov ##########------     5  3-8, 3 scores',
    ]);
  });

  it('at 40 columns: a shorter label, the range kept, nothing wider than the screen', () => {
    const lines = painChart(days, { width: 40, unicode: true, plain: false, now: NOW }, recent);
    for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(40);
    expect(lines.slice(-6)).toEqual([
      '         0         5       10',
      '  21 Nov █████████░░░░░░░░░   4.5  0-9',
      '  22 Nov · no score',
      '  23 Nov · no score',
      '  24 Nov ██████████           5',
      '  25 Nov ██████████░░░░░░     5  3-8',
    ]);
  });

  it('at 20 columns: the average alone, still one row a day', () => {
    const lines = painChart(days, { width: 20, unicode: false, plain: false, now: NOW });
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(20);
    expect(lines.filter((l) => /^ {2}\d+ Nov/.test(l))).toHaveLength(5);
    expect(lines).toContain('  21 Nov ##--- 4.5');
  });

  it('a day of 9 and 0 shows its range, not only its average', () => {
    const [sat] = painChart(days, { width: 80, unicode: false, plain: false, now: NOW }).filter((l) => l.includes('Sat 21'));
    expect(sat).toMatch(/4\.5 {2}0-9/);
  });

  it('plain: words a screen reader reads, no blocks', () => {
    const lines = painChart(days, { width: 80, unicode: false, plain: true, now: NOW }, recent);
    expect(lines.join('\n')).not.toMatch(/[#█░·]/);
    expect(lines).toContain('  Sat 21 Nov: average 4.5, from 0 to 9 (2 scores).');
    expect(lines).toContain('  Sun 22 Nov: no score.');
  });
});
