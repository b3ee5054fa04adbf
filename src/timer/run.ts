/**
 * Runs the engine against the real clock: sleeps until the next change, feeds the engine the time,
 * hands events to the display and to the recorder, and turns keys and signals into pause, stop and
 * interruption. Everything it touches is passed in, so a test can drive it too.
 */
import { advance, interrupt, nextWake, pause, resume, startTimer, view, type Step, type TimerEvent, type TimerState, type TimerStep, type TimerView } from './engine.js';

export interface TimerDisplay<S extends Step = TimerStep> {
  /** How often the display changes: 1000 for a redrawn line, 60000 for a line a minute. */
  readonly granularityMs: number;
  /** Times before a step's end (in ms) at which to render as well, such as the last 10 seconds. */
  readonly marksMs?: readonly number[];
  event(event: TimerEvent<S>, now: number): void;
  render(view: TimerView<S>, now: number): void;
  /** Called once, however the run ends; must leave the terminal as it found it. */
  close(): void;
}

/** What keys and signals ask for. `skip` and `hurt` are the stretch routine's. */
export type Control = 'toggle-pause' | 'stop' | 'interrupt' | 'terminate' | 'redraw' | 'skip' | 'hurt';

export interface TimerIo<S extends Step = TimerStep> {
  now(): number;
  display: TimerDisplay<S>;
  /** Subscribes to controls (keys, signals); returns the unsubscribe. */
  controls(listener: (control: Control) => void): () => void;
  /** Called for each event, before the display sees it (the journal records sessions here). */
  record(event: TimerEvent<S>): void;
}

export type TimerOutcome = 'completed' | 'stopped' | 'interrupted' | 'terminated' | 'skipped' | 'hurt';

export function runTimer<S extends Step>(steps: readonly S[], io: TimerIo<S>): Promise<TimerOutcome> {
  return new Promise((resolve, reject) => {
    let state: TimerState<S>;
    let timer: NodeJS.Timeout | undefined;
    let finished = false;

    const emit = (events: TimerEvent<S>[], now: number) => {
      for (const e of events) {
        io.record(e);
        io.display.event(e, now);
      }
    };

    const finish = (outcome: TimerOutcome) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      unsubscribe();
      io.display.close();
      resolve(outcome);
    };

    const wake = () => {
      try {
        const now = io.now();
        const [next, events] = advance(state, now);
        state = next;
        emit(events, now);
        if (state.done) return finish('completed');
        io.display.render(view(state, now), now);
        schedule(now);
      } catch (error) {
        finished = true;
        unsubscribe();
        io.display.close();
        reject(error);
      }
    };

    const schedule = (now: number) => {
      clearTimeout(timer);
      const delay = nextWake(state, now, io.display.granularityMs, io.display.marksMs);
      if (delay !== null) timer = setTimeout(wake, delay);
    };

    const stop = (outcome: TimerOutcome) => {
      const now = io.now();
      // Whatever ended before the stop is recorded as ended; only the step under way is interrupted.
      const [advanced, ended] = advance(state, now);
      emit(ended, now);
      const [next, interrupted] = interrupt(advanced, now);
      state = next;
      emit(interrupted, now);
      finish(outcome);
    };

    const unsubscribe = io.controls((control) => {
      if (finished) return;
      const now = io.now();
      switch (control) {
        case 'toggle-pause':
          state = state.pausedAt === null ? pause(state, now) : resume(state, now);
          io.display.render(view(state, now), now);
          schedule(now);
          return;
        case 'redraw':
          // After a resize or a resume from Ctrl+Z: catch up with the clock, then draw.
          return wake();
        case 'stop':
          return stop('stopped');
        case 'interrupt':
          return stop('interrupted');
        case 'terminate':
          return stop('terminated');
        case 'skip':
          return stop('skipped');
        case 'hurt':
          return stop('hurt');
      }
    });

    const now = io.now();
    const [first, events] = startTimer(steps, now);
    state = first;
    emit(events, now);
    io.display.render(view(state, now), now);
    schedule(now);
  });
}
