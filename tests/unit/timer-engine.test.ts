/** The countdown engine on a fake clock: no timers, no sleeping. */
import { describe, expect, it } from 'vitest';
import { advance, interrupt, nextWake, pause, planSteps, resume, startTimer, view, type TimerEvent, type TimerState } from '../../src/timer/engine.js';

const MIN = 60_000;
const T0 = 1_000_000;
const types = (events: TimerEvent[]) => events.map((e) => (e.type === 'started' || e.type === 'ended' || e.type === 'interrupted' ? `${e.type}:${e.step.type}` : e.type));

describe('planSteps', () => {
  it('ice alone: one session', () => {
    expect(planSteps('ice', 20 * MIN, 1, 20 * MIN)).toEqual([{ type: 'session', kind: 'ice', round: 1, rounds: 1, durationMs: 20 * MIN }]);
  });

  it('rounds put a break between sessions, not after the last', () => {
    expect(planSteps('heat', 10 * MIN, 3, 20 * MIN).map((s) => s.type)).toEqual(['session', 'break', 'session', 'break', 'session']);
  });

  it('contrast: heat then ice with no break between the halves, a break between pairs', () => {
    expect(planSteps('contrast', 5 * MIN, 2, 20 * MIN).map((s) => `${s.type}:${s.kind}:${s.round}`)).toEqual([
      'session:heat:1',
      'session:ice:1',
      'break:heat:1',
      'session:heat:2',
      'session:ice:2',
    ]);
  });
});

describe('a single session', () => {
  const steps = planSteps('ice', 20 * MIN, 1, 20 * MIN);

  it('ends exactly at its end time, not at a count of ticks', () => {
    let [state, events] = startTimer(steps, T0);
    expect(types(events)).toEqual(['started:session']);
    [state, events] = advance(state, T0 + 20 * MIN - 1);
    expect(events).toEqual([]);
    expect(view(state, T0 + 20 * MIN - 1).remainingMs).toBe(1);
    [state, events] = advance(state, T0 + 20 * MIN);
    expect(types(events)).toEqual(['ended:session', 'finished']);
    expect(events[0]).toMatchObject({ startedAt: T0, endedAt: T0 + 20 * MIN, activeMs: 20 * MIN, late: false });
    expect(state.done).toBe(true);
  });

  it('a pause moves the end by its length, and the active time leaves it out', () => {
    let [state] = startTimer(steps, T0);
    state = pause(state, T0 + 5 * MIN);
    expect(view(state, T0 + 9 * MIN)).toMatchObject({ paused: true, remainingMs: 15 * MIN });
    expect(nextWake(state, T0 + 9 * MIN)).toBeNull();
    expect(advance(state, T0 + 30 * MIN)[1]).toEqual([]);
    state = resume(state, T0 + 8 * MIN);
    expect(state.endsAt).toBe(T0 + 23 * MIN);
    const [, events] = advance(state, T0 + 23 * MIN);
    expect(events[0]).toMatchObject({ type: 'ended', endedAt: T0 + 23 * MIN, activeMs: 20 * MIN });
  });

  it('pausing twice or resuming when running changes nothing', () => {
    const [state] = startTimer(steps, T0);
    const paused = pause(state, T0 + MIN);
    expect(pause(paused, T0 + 2 * MIN)).toBe(paused);
    expect(resume(state, T0 + MIN)).toBe(state);
  });

  it('a jump far past the end (a computer asleep) ends it at its scheduled time, marked late', () => {
    const [state] = startTimer(steps, T0);
    const [, events] = advance(state, T0 + 3 * 60 * MIN);
    expect(events[0]).toMatchObject({ type: 'ended', endedAt: T0 + 20 * MIN, late: true });
  });

  it('an end noticed within 2 seconds is not late', () => {
    const [state] = startTimer(steps, T0);
    expect(advance(state, T0 + 20 * MIN + 2000)[1][0]).toMatchObject({ late: false });
    expect(advance(state, T0 + 20 * MIN + 2001)[1][0]).toMatchObject({ late: true });
  });

  it('interrupting ends the step now with the time actually done', () => {
    const [state] = startTimer(steps, T0);
    const [done, events] = interrupt(state, T0 + 7 * MIN + 500);
    expect(done.done).toBe(true);
    expect(events).toEqual([{ type: 'interrupted', step: steps[0], startedAt: T0, endedAt: T0 + 7 * MIN + 500, activeMs: 7 * MIN + 500 }]);
  });

  it('interrupting while paused counts only up to the pause', () => {
    let [state] = startTimer(steps, T0);
    state = pause(state, T0 + 4 * MIN);
    expect(interrupt(state, T0 + 10 * MIN)[1][0]).toMatchObject({ endedAt: T0 + 4 * MIN, activeMs: 4 * MIN });
  });
});

describe('rounds and breaks', () => {
  const steps = planSteps('ice', 10 * MIN, 2, 20 * MIN);

  it('session, break, session, each starting where the last ended', () => {
    let [state] = startTimer(steps, T0);
    let events: TimerEvent[];
    [state, events] = advance(state, T0 + 10 * MIN);
    expect(types(events)).toEqual(['ended:session', 'started:break']);
    expect(events[1]).toMatchObject({ at: T0 + 10 * MIN });
    [state, events] = advance(state, T0 + 30 * MIN);
    expect(types(events)).toEqual(['ended:break', 'started:session']);
    [state, events] = advance(state, T0 + 40 * MIN);
    expect(types(events)).toEqual(['ended:session', 'finished']);
    expect(state.done).toBe(true);
  });

  it('after a sleep past an end, the next step starts when someone is back, not in the past', () => {
    const [state] = startTimer(steps, T0);
    const [after, events] = advance(state, T0 + 100 * MIN);
    // The session ended on time (and is reported late); nobody was there to take the pack off, so
    // the whole skin break starts now, and the next session only after it.
    expect(types(events)).toEqual(['ended:session', 'started:break']);
    expect(events[0]).toMatchObject({ endedAt: T0 + 10 * MIN, late: true });
    expect(events[1]).toMatchObject({ at: T0 + 100 * MIN });
    expect(after.endsAt).toBe(T0 + 120 * MIN);
  });

  it('a sleep through a break: the next session starts on waking', () => {
    let [state] = startTimer(steps, T0);
    [state] = advance(state, T0 + 10 * MIN);
    const [after, events] = advance(state, T0 + 90 * MIN);
    expect(types(events)).toEqual(['ended:break', 'started:session']);
    expect(after.startedAt).toBe(T0 + 90 * MIN);
  });
});

describe('nextWake: at most once a second, aligned to the second', () => {
  const steps = planSteps('heat', 90_000, 1, 20 * MIN);
  it.each([
    [0, 1000],
    [1, 999],
    [250, 750],
    [999, 1],
    [1000, 1000],
    [89_500, 500],
  ])('%i ms in -> wait %i ms', (elapsed, wait) => {
    const [state] = startTimer(steps, T0);
    expect(nextWake(state, T0 + elapsed)).toBe(wait);
  });

  it('by the minute for a display that shows minutes, and never past the end', () => {
    const [state] = startTimer(steps, T0);
    expect(nextWake(state, T0, 60_000)).toBe(30_000);
    expect(nextWake(state, T0 + 30_000, 60_000)).toBe(60_000);
    expect(nextWake(state, T0 + 89_999, 60_000)).toBe(1);
    expect(nextWake(state, T0 + 95_000)).toBe(0);
  });

  it('none once done', () => {
    const [state] = startTimer(steps, T0);
    const done: TimerState = advance(state, T0 + 90_000)[0];
    expect(nextWake(done, T0 + 90_000)).toBeNull();
  });
});
