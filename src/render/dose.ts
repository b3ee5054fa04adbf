/** A stretch's dose in plain words: "hold 5 seconds, 5-10 repetitions". */
import type { Range, Stretch } from '../content/schema.js';
import { count } from '../text/durations.js';

function span(range: Range): string {
  return range.min === range.max ? `${range.min}` : `${range.min}-${range.max}`;
}

function plural(range: Range, one: string, many: string): string {
  return `${span(range)} ${range.max === 1 ? one : many}`;
}

export function describeDose(stretch: Pick<Stretch, 'dose' | 'thenBoth' | 'buildsUp'>): string {
  const { dose } = stretch;
  const parts: string[] = [];
  if (dose.minutes) parts.push(plural(dose.minutes, 'minute', 'minutes'));
  if (dose.breaths) parts.push(plural(dose.breaths, 'slow breath', 'slow breaths'));
  if (dose.holdSeconds) parts.push(`hold ${plural(dose.holdSeconds, 'second', 'seconds')}`);
  if (dose.reps) {
    parts.push(
      stretch.buildsUp && dose.reps.max > dose.reps.min
        ? `start with ${count(dose.reps.min, 'repetition')} and build toward ${dose.reps.max}`
        : plural(dose.reps, 'repetition', 'repetitions'),
    );
  }
  if (dose.perSide) parts.push(stretch.thenBoth ? 'each side, then both together' : 'each side');
  return parts.join(', ');
}
