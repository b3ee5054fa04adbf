/** The routine: doses made into phases, progression from the journal, and the sequence on a fake clock. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import { BRIDGE_STEP, bridgeReps, planRoutine, totalMs, type Phase } from '../../src/decision/routine.js';
import type { JournalRecord } from '../../src/journal/records.js';
import type { TimerEvent } from '../../src/timer/engine.js';
import { runTimer, type Control } from '../../src/timer/run.js';
import { DATA_DIR } from '../helpers/fake-env.js';

const STRETCHES = loadContent(['stretches'], { builtin: DATA_DIR }).stretches;
const step = (id: string, level: 'gentle' | 'build' = 'gentle', history: JournalRecord[] = []) =>
  planRoutine(STRETCHES.filter((s) => s.id === id), { level }, history)[0]!;
const shape = (phases: Phase[]) => phases.map((p) => `${p.where}|${p.cue.split(':')[0]}|${p.durationMs / 1000}`);

describe('doses made live', () => {
  it('cat-cow: paced breaths, in then out, 5 gentle or 10 at build', () => {
    const s = step('cat-cow');
    expect(s.phases).toHaveLength(10);
    expect(shape(s.phases).slice(0, 2)).toEqual(['breath 1 of 5|Breathe in|4', 'breath 1 of 5|Breathe out|4']);
    expect(step('cat-cow', 'build').phases).toHaveLength(20);
  });

  it("child's pose: one hold, 30 seconds gentle or 60 at build", () => {
    expect(shape(step('childs-pose').phases)).toEqual(['hold|Rest in the pose and breathe slowly|30']);
    expect(totalMs(step('childs-pose', 'build'))).toBe(60_000);
  });

  it('pelvic tilt: counted repetitions with timed holds and rests between', () => {
    const s = step('pelvic-tilt');
    expect(shape(s.phases)).toEqual([
      'rep 1 of 5|Hold|5', 'rep 1 of 5|Relax|3',
      'rep 2 of 5|Hold|5', 'rep 2 of 5|Relax|3',
      'rep 3 of 5|Hold|5', 'rep 3 of 5|Relax|3',
      'rep 4 of 5|Hold|5', 'rep 4 of 5|Relax|3',
      'rep 5 of 5|Hold|5',
    ]);
    expect(step('pelvic-tilt', 'build').phases.filter((p) => p.cue.startsWith('Hold'))).toHaveLength(10);
  });

  it('knee to chest: each side in turn, then both', () => {
    expect(shape(step('knee-to-chest').phases)).toEqual([
      'left side|Hold the knee gently to the chest|5',
      'left side|Lower it and rest|3',
      'right side|Hold the knee gently to the chest|5',
      'right side|Lower it and rest|3',
      'both together|Hold the knee gently to the chest|5',
    ]);
    expect(step('knee-to-chest', 'build').phases[0]!.durationMs).toBe(10_000);
  });

  it('the walk takes its own dose, or --walk minutes', () => {
    const walking = STRETCHES.filter((s) => s.id === 'walking');
    expect(totalMs(planRoutine(walking, { level: 'gentle' }, [])[0]!)).toBe(5 * 60_000);
    expect(totalMs(planRoutine(walking, { level: 'build' }, [])[0]!)).toBe(10 * 60_000);
    expect(totalMs(planRoutine(walking, { level: 'gentle', walkSeconds: 420 }, [])[0]!)).toBe(7 * 60_000);
  });

  it('plank: counted holds, 5 seconds gentle or 10 at build', () => {
    expect(step('plank').phases.filter((p) => p.cue === 'Hold')).toHaveLength(8);
    expect(step('plank', 'build').phases[0]!.durationMs).toBe(10_000);
  });
});

describe('glute bridges build toward 30 across sessions', () => {
  const range = { min: 5, max: 30 };
  const routine = (reps: number, status = 'done', outcome = 'completed'): JournalRecord =>
    ({ type: 'routine', at: '2026-11-20T10:00:00Z', level: 'build', outcome, steps: [{ id: 'glute-bridge', status, reps }] }) as JournalRecord;

  it.each([
    ['no routine yet', [], 5],
    ['5 done', [routine(5)], 5 + BRIDGE_STEP],
    ['the last one counts', [routine(5), routine(11)], 13],
    ['not raised after a partial set', [routine(9, 'partial')], 9],
    ['not raised after stopping for pain', [routine(9, 'done', 'pain')], 9],
    ['never above 30', [routine(29)], 30],
    ['skips routines without a bridge', [routine(7), { type: 'routine', at: '2026-11-21T10:00:00Z', steps: [] } as JournalRecord], 9],
  ])('build: %s', (_name, history, expected) => {
    expect(bridgeReps(range, 'build', history)).toBe(expected);
  });

  it('gentle always starts at 5', () => {
    expect(bridgeReps(range, 'gentle', [routine(20)])).toBe(5);
  });

  it('the planned step carries its repetitions', () => {
    const s = step('glute-bridge', 'build', [routine(11)]);
    expect(s.reps).toBe(13);
    expect(s.phases.filter((p) => p.cue.startsWith('Hold'))).toHaveLength(13);
  });
});

describe('the sequence on a fake clock', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-11-25T12:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  function run(phases: Phase[]) {
    let send: (c: Control) => void = () => {};
    const events: TimerEvent<Phase>[] = [];
    const shown: string[] = [];
    const outcome = runTimer<Phase>(phases, {
      now: () => Date.now(),
      display: { granularityMs: 1000, event: () => {}, render: (v) => shown.push(`${v.step.where} ${Math.ceil(v.remainingMs / 1000)}`), close: () => {} },
      controls: (listener) => {
        send = listener;
        return () => {};
      },
      record: (e) => events.push(e),
    });
    return { outcome, events, shown, send: (c: Control) => send(c) };
  }

  it('holds, reps and sides follow one another to the second', async () => {
    const r = run(step('knee-to-chest').phases);
    await vi.advanceTimersByTimeAsync(20_999);
    expect(r.events.filter((e) => e.type === 'ended')).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(1);
    expect(await r.outcome).toBe('completed');
    const ended = r.events.filter((e): e is Extract<TimerEvent<Phase>, { type: 'ended' }> => e.type === 'ended');
    expect(ended.map((e) => e.step.where)).toEqual(['left side', 'left side', 'right side', 'right side', 'both together']);
    expect(ended.at(-1)!.endedAt - ended[0]!.startedAt).toBe(21_000);
    // The display ticks once a second, counting down.
    expect(r.shown.slice(0, 6)).toEqual(['left side 5', 'left side 4', 'left side 3', 'left side 2', 'left side 1', 'left side 3']);
  });

  it('space pauses: the hold waits for the person', async () => {
    const r = run(step('childs-pose').phases);
    await vi.advanceTimersByTimeAsync(10_000);
    r.send('toggle-pause');
    await vi.advanceTimersByTimeAsync(60_000);
    r.send('toggle-pause');
    await vi.advanceTimersByTimeAsync(19_999);
    expect(r.events.some((e) => e.type === 'finished')).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await r.outcome).toBe('completed');
  });

  it('skip ends the stretch now, as skipped', async () => {
    const r = run(step('pelvic-tilt').phases);
    await vi.advanceTimersByTimeAsync(9_000);
    r.send('skip');
    expect(await r.outcome).toBe('skipped');
    expect(r.events.at(-1)).toMatchObject({ type: 'interrupted', step: { where: 'rep 2 of 5' }, activeMs: 1000 });
  });

  it('"this hurts" ends it at once', async () => {
    const r = run(step('glute-bridge').phases);
    await vi.advanceTimersByTimeAsync(3_000);
    r.send('hurt');
    expect(await r.outcome).toBe('hurt');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(r.events.filter((e) => e.type === 'started')).toHaveLength(1);
  });
});
