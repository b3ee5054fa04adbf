/** The timer without a terminal: a start line, a line a minute, an end line. No redraws, no escapes. */
import type { OutStream } from '../context.js';
import { lengthText } from '../text/durations.js';
import type { TimerEvent } from './engine.js';
import { clockTime, eventMessage, stepName } from './messages.js';
import type { TimerDisplay } from './run.js';

export function plainDisplay(out: OutStream, breakMs: number): TimerDisplay {
  let lastMinute: number | null = null;
  return {
    granularityMs: 60_000,
    event(event: TimerEvent) {
      const message = eventMessage(event, breakMs);
      if (message) out.write(`${message}\n`);
      if (event.type === 'started') lastMinute = Math.ceil(event.step.durationMs / 60_000);
    },
    render(view) {
      const minute = Math.ceil(view.remainingMs / 60_000);
      // Only when a whole minute has gone by, not at the start of a step.
      if (lastMinute === null || minute >= lastMinute || view.remainingMs <= 0) return;
      lastMinute = minute;
      out.write(`${stepName(view.step)}: ${lengthText(Math.ceil(view.remainingMs / 1000))} left, ends at ${clockTime(view.endsAt)}.\n`);
    },
    close() {},
  };
}
