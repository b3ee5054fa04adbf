/**
 * The countdown engine: a pure state machine over steps (sessions and breaks), driven by the time it
 * is told. Time is kept by absolute end times, never by counting ticks, so a late or missed tick
 * changes nothing; a pause moves the end time by its length. It has no timers, no I/O and no clock of
 * its own: the runner asks it when to wake next and feeds it the time.
 */

export type SessionKind = 'ice' | 'heat';

/** Anything the engine can count down: it needs only a length. */
export interface Step {
  durationMs: number;
}

/** A step of an ice, heat or contrast run. */
export interface TimerStep extends Step {
  type: 'session' | 'break';
  /** For a session, ice or heat; for a break, the kind of the session that follows. */
  kind: SessionKind;
  round: number;
  rounds: number;
}

export interface TimerState<S extends Step = TimerStep> {
  readonly steps: readonly S[];
  readonly index: number;
  readonly startedAt: number;
  readonly endsAt: number;
  readonly pausedAt: number | null;
  /** Time spent paused in the current step. */
  readonly pausedMs: number;
  readonly done: boolean;
}

export type TimerEvent<S extends Step = TimerStep> =
  | { type: 'started'; step: S; at: number }
  | {
      type: 'ended';
      step: S;
      startedAt: number;
      /** The scheduled end, even when the time is learnt late (a computer asleep). */
      endedAt: number;
      activeMs: number;
      /** Noticed more than 2 seconds after it happened. */
      late: boolean;
    }
  | { type: 'interrupted'; step: S; startedAt: number; endedAt: number; activeMs: number }
  | { type: 'finished'; at: number };

const LATE_MS = 2000;

function begin<S extends Step>(steps: readonly S[], index: number, at: number): TimerState<S> {
  return { steps, index, startedAt: at, endsAt: at + steps[index]!.durationMs, pausedAt: null, pausedMs: 0, done: false };
}

export function startTimer<S extends Step>(steps: readonly S[], now: number): [TimerState<S>, TimerEvent<S>[]] {
  if (steps.length === 0) throw new Error('a timer needs at least one step');
  const state = begin(steps, 0, now);
  return [state, [{ type: 'started', step: steps[0]!, at: now }]];
}

/** Moves past every end that `now` has reached. */
export function advance<S extends Step>(state: TimerState<S>, now: number): [TimerState<S>, TimerEvent<S>[]] {
  const events: TimerEvent<S>[] = [];
  let s = state;
  while (!s.done && s.pausedAt === null && now >= s.endsAt) {
    const step = s.steps[s.index]!;
    events.push({ type: 'ended', step, startedAt: s.startedAt, endedAt: s.endsAt, activeMs: s.endsAt - s.startedAt - s.pausedMs, late: now - s.endsAt > LATE_MS });
    const next = s.index + 1;
    if (next >= s.steps.length) {
      s = { ...s, done: true };
      events.push({ type: 'finished', at: s.endsAt });
      break;
    }
    // An end noticed late (a computer asleep) means nobody was there to change the pack: the next
    // step starts now, not back in the past. A later session and a longer break are both safe.
    const startAt = now - s.endsAt > LATE_MS ? now : s.endsAt;
    s = begin(s.steps, next, startAt);
    events.push({ type: 'started', step: s.steps[next]!, at: startAt });
  }
  return [s, events];
}

export function pause<S extends Step>(state: TimerState<S>, now: number): TimerState<S> {
  if (state.done || state.pausedAt !== null) return state;
  return { ...state, pausedAt: Math.min(now, state.endsAt) };
}

export function resume<S extends Step>(state: TimerState<S>, now: number): TimerState<S> {
  if (state.pausedAt === null) return state;
  const paused = Math.max(0, now - state.pausedAt);
  return { ...state, pausedAt: null, pausedMs: state.pausedMs + paused, endsAt: state.endsAt + paused };
}

/** Stops early (q, Ctrl+C, SIGTERM): the current step ends now. */
export function interrupt<S extends Step>(state: TimerState<S>, now: number): [TimerState<S>, TimerEvent<S>[]] {
  if (state.done) return [state, []];
  const at = Math.min(state.pausedAt ?? now, state.endsAt);
  const step = state.steps[state.index]!;
  return [{ ...state, done: true }, [{ type: 'interrupted', step, startedAt: state.startedAt, endedAt: at, activeMs: Math.max(0, at - state.startedAt - state.pausedMs) }]];
}

export interface TimerView<S extends Step = TimerStep> {
  step: S;
  remainingMs: number;
  endsAt: number;
  paused: boolean;
  /** 0 to 1, how much of the step has passed. */
  progress: number;
}

export function view<S extends Step>(state: TimerState<S>, now: number): TimerView<S> {
  const step = state.steps[state.index]!;
  const at = state.pausedAt ?? now;
  const remainingMs = Math.max(0, state.endsAt - at);
  return { step, remainingMs, endsAt: state.endsAt, paused: state.pausedAt !== null, progress: Math.min(1, 1 - remainingMs / step.durationMs) };
}

/**
 * How long to wait before the display next changes: to the next whole second (or minute, for a
 * display that shows minutes) of the time left, so ticks are aligned and at most one per unit; or to
 * the end. Null when paused or done.
 */
export function nextWake<S extends Step>(state: TimerState<S>, now: number, granularityMs = 1000, marksMs: readonly number[] = []): number | null {
  if (state.done || state.pausedAt !== null) return null;
  const remaining = state.endsAt - now;
  if (remaining <= 0) return 0;
  const toBoundary = remaining % granularityMs || granularityMs;
  // A mark is a moment the display wants to speak at, such as 10 seconds before the end.
  const toMarks = marksMs.filter((m) => remaining > m).map((m) => remaining - m);
  return Math.min(toBoundary, remaining, ...toMarks);
}

/** The steps of `ice`/`heat` (one kind) or `contrast` (heat then ice, no break between the halves). */
export function planSteps(mode: SessionKind | 'contrast', sessionMs: number, rounds: number, breakMs: number): TimerStep[] {
  const steps: TimerStep[] = [];
  for (let round = 1; round <= rounds; round++) {
    const kinds: SessionKind[] = mode === 'contrast' ? ['heat', 'ice'] : [mode];
    for (const kind of kinds) steps.push({ type: 'session', kind, round, rounds, durationMs: sessionMs });
    if (round < rounds) steps.push({ type: 'break', kind: kinds[0]!, round, rounds, durationMs: breakMs });
  }
  return steps;
}
