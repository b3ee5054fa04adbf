/**
 * The timer without redrawn lines: for output that is not a terminal, for `TERM=dumb`, and for
 * `--plain` (screen readers, logs). It announces instead of redrawing: the start, each whole minute,
 * the last 10 seconds once, a pause and a resume, and the end. Never an escape sequence.
 */
import type { OutStream } from '../context.js';
import { wrap } from '../render/layout.js';
import { lengthText } from '../text/durations.js';
import type { TimerEvent, TimerView } from './engine.js';
import { clockTime, eventMessage, stepName } from './messages.js';
import type { TimerDisplay } from './run.js';

/** The moment before the end that is announced on its own. */
export const LAST_SECONDS = 10;

export function plainDisplay(out: OutStream, breakMs: number, bell = false, width = 80): TimerDisplay & { note(text: string): void } {
  const say = (text: string) => void out.write(`${wrap(text, width).join('\n')}\n`);
  let lastMinute: number | null = null;
  let lastSeconds = false;
  let paused = false;
  return {
    granularityMs: 60_000,
    marksMs: [LAST_SECONDS * 1000],
    event(event: TimerEvent) {
      const message = eventMessage(event, breakMs);
      // The bell is a character, not an escape: a screen reader or a log is not disturbed by it.
      if (bell && event.type === 'ended') out.write('\u0007');
      if (message) say(message);
      if (event.type === 'started') {
        lastMinute = Math.ceil(event.step.durationMs / 60_000);
        lastSeconds = event.step.durationMs <= LAST_SECONDS * 1000;
        paused = false;
      }
    },
    render(view: TimerView) {
      if (view.paused !== paused) {
        paused = view.paused;
        say(paused ? `Paused, ${lengthText(Math.ceil(view.remainingMs / 1000))} left. Space or p resumes.` : `Resumed: ends at ${clockTime(view.endsAt)}.`);
        return;
      }
      if (view.remainingMs <= 0 || paused) return;
      const seconds = Math.ceil(view.remainingMs / 1000);
      if (seconds <= LAST_SECONDS) {
        if (!lastSeconds) say(`${stepName(view.step)}: ${LAST_SECONDS} seconds left.`);
        lastSeconds = true;
        return;
      }
      const minute = Math.ceil(view.remainingMs / 60_000);
      // Only when a whole minute has gone by, not at the start of a step.
      if (lastMinute === null || minute >= lastMinute) return;
      lastMinute = minute;
      say(`${stepName(view.step)}: ${lengthText(seconds)} left, ends at ${clockTime(view.endsAt)}.`);
    },
    note(text: string) {
      say(text);
    },
    close() {},
  };
}
