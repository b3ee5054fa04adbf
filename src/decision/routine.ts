/**
 * The guided stretch routine: which stretches, in what order, and each one's dose made into timed
 * phases (breaths, holds, repetitions, sides). Pure: content and the journal's past routines in, a
 * plan out; the timer engine counts the phases down.
 */
import { stageOf, type Stretch } from '../content/schema.js';
import type { JournalRecord } from '../journal/records.js';
import { count, lengthText } from '../text/durations.js';
import { chooseStretches, leftOutBecause, stagesFor, type Care, type LeftOut } from './precautions.js';

export type Level = 'gentle' | 'build';

export interface Phase {
  durationMs: number;
  /** What to do now, in a few words: "Breathe in", "Hold", "Lower and rest". */
  cue: string;
  /** Where in the stretch: "breath 2 of 5", "rep 3 of 10", "left knee". */
  where: string;
}

export interface RoutineStep {
  stretch: Stretch;
  /** The dose as done this time: "5 slow breaths", "hold 30 seconds", "8 repetitions, hold 5 seconds". */
  dose: string;
  phases: Phase[];
  /** For glute bridges, the repetitions planned (the build level raises them over sessions). */
  reps?: number;
}

export interface RoutineOptions {
  level: Level;
  /** Seconds of walking, instead of the walk's own dose. */
  walkSeconds?: number | undefined;
}

/** Paced breathing: four seconds in, four out (slow breaths, as the dose asks). */
export const BREATH_IN_MS = 4000;
export const BREATH_OUT_MS = 4000;
/** Rest between repetitions and between sides. */
export const REST_MS = 3000;
/** How much the build level adds to the glute bridge each session, toward the most. */
export const BRIDGE_STEP = 2;

const CUES: Record<string, { in?: string; out?: string; hold?: string; rest?: string }> = {
  'cat-cow': { in: 'Breathe in: let the belly sink, look up (cow)', out: 'Breathe out: round the back, tuck the chin (cat)' },
  'childs-pose': { hold: 'Rest in the pose and breathe slowly' },
  'pelvic-tilt': { hold: 'Hold: lower back pressed to the floor', rest: 'Relax' },
  'knee-to-chest': { hold: 'Hold the knee gently to the chest', rest: 'Lower it and rest' },
  'glute-bridge': { hold: 'Hold: hips up, shoulders to knees in a line', rest: 'Lower slowly and rest' },
};

const pick = (range: { min: number; max: number }, level: Level) => (level === 'build' ? range.max : range.min);

/** Glute bridge repetitions for this session: start low; at the build level, a little more each time. */
export function bridgeReps(range: { min: number; max: number }, level: Level, history: readonly JournalRecord[], id = 'glute-bridge'): number {
  if (level === 'gentle') return range.min;
  for (let i = history.length - 1; i >= 0; i--) {
    const r = history[i] as { type: string; outcome?: unknown; steps?: unknown };
    if (r.type !== 'routine' || !Array.isArray(r.steps)) continue;
    const bridge = (r.steps as { id?: unknown; status?: unknown; reps?: unknown }[]).find((s) => s.id === id);
    if (!bridge || typeof bridge.reps !== 'number') continue;
    // Raise only after the full number was done without pain; otherwise repeat it.
    const raise = bridge.status === 'done' && r.outcome !== 'pain';
    return Math.max(range.min, Math.min(range.max, bridge.reps + (raise ? BRIDGE_STEP : 0)));
  }
  return range.min;
}

export function phasesFor(stretch: Stretch, level: Level, reps?: number): { dose: string; phases: Phase[] } {
  const { dose } = stretch;
  const cues = CUES[stretch.id] ?? {};
  const hold = (ms: number, where: string): Phase => ({ durationMs: ms, cue: cues.hold ?? 'Hold', where });
  const rest = (where: string): Phase => ({ durationMs: REST_MS, cue: cues.rest ?? 'Rest', where });

  if (dose.breaths) {
    const n = pick(dose.breaths, level);
    const phases = Array.from({ length: n }, (_, i) => [
      { durationMs: BREATH_IN_MS, cue: cues.in ?? 'Breathe in', where: `breath ${i + 1} of ${n}` },
      { durationMs: BREATH_OUT_MS, cue: cues.out ?? 'Breathe out', where: `breath ${i + 1} of ${n}` },
    ]).flat();
    return { dose: count(n, 'slow breath'), phases };
  }
  if (dose.minutes) {
    const minutes = pick(dose.minutes, level);
    return { dose: count(minutes, 'minute'), phases: [{ durationMs: minutes * 60_000, cue: 'Walk at an easy pace', where: 'walking' }] };
  }
  const holdMs = (dose.holdSeconds ? pick(dose.holdSeconds, level) : 5) * 1000;
  if (dose.perSide) {
    const phases: Phase[] = [];
    for (const side of ['left side', 'right side']) phases.push(hold(holdMs, side), rest(side));
    if (stretch.thenBoth) phases.push(hold(holdMs, 'both together'));
    else phases.pop();
    return { dose: `hold ${count(holdMs / 1000, 'second')} each side${stretch.thenBoth ? ', then both' : ''}`, phases };
  }
  if (dose.reps) {
    const n = reps ?? pick(dose.reps, level);
    const phases: Phase[] = [];
    for (let i = 1; i <= n; i++) {
      phases.push(hold(holdMs, `rep ${i} of ${n}`));
      if (i < n) phases.push(rest(`rep ${i} of ${n}`));
    }
    return { dose: `${count(n, 'repetition')}, hold ${count(holdMs / 1000, 'second')}`, phases };
  }
  return { dose: `hold ${count(holdMs / 1000, 'second')}`, phases: [hold(holdMs, 'hold')] };
}

export interface RoutineChoice {
  /** The stretches to run, in content order (gentlest first). */
  stretches: Stretch[];
  /** Left out by a precaution (the default choice), with why. */
  leftOut: LeftOut[];
  /** Named in --only although a precaution rules them out: run only if a physiotherapist has shown them. */
  needsClearance: LeftOut[];
  /** Named in --only but for prevention only, while the episode is in its first days. */
  tooEarly: string[];
}

/**
 * Which stretches the routine runs. By default the plan's choice for this time since onset (the
 * gentlest three before 72 hours, all but the prevention ones after) minus what a precaution rules
 * out. `--only` names them instead: a prevention-only stretch is refused in the first days of a
 * recorded episode, and one a precaution rules out needs the person's word that it was shown to them.
 * `--walk` always adds the walk.
 */
export function chooseRoutine(
  stretches: readonly Stretch[],
  hours: number | null,
  care: Care,
  options: { only?: readonly string[] | undefined; walkSeconds?: number | undefined },
): RoutineChoice {
  const choice: RoutineChoice = { stretches: [], leftOut: [], needsClearance: [], tooEarly: [] };
  const { only } = options;
  const firstDays = hours !== null && !stagesFor(hours).includes('after-first-days');
  const planned = only ? null : new Set(chooseStretches(stretches, hours, care).ids);
  for (const s of stretches) {
    const walk = s.id === 'walking' && options.walkSeconds !== undefined;
    if (only && !only.includes(s.id) && !walk) continue;
    if (!only && !planned!.has(s.id) && !walk) {
      const because = stagesFor(hours).includes(stageOf(s)) ? leftOutBecause(s, care) : null;
      if (because) choice.leftOut.push({ id: s.id, because });
      continue;
    }
    if (only && stageOf(s) === 'prevention' && firstDays) {
      choice.tooEarly.push(s.id);
      continue;
    }
    const because = leftOutBecause(s, care);
    if (because && only) choice.needsClearance.push({ id: s.id, because });
    else if (because) choice.leftOut.push({ id: s.id, because });
    else choice.stretches.push(s);
  }
  return choice;
}

/** The routine's steps for the chosen stretches: the walk takes --walk's minutes when given. */
export function planRoutine(stretches: readonly Stretch[], options: RoutineOptions, history: readonly JournalRecord[]): RoutineStep[] {
  return stretches.map((stretch) => {
    if (stretch.id === 'walking' && options.walkSeconds) {
      return { stretch, dose: lengthText(options.walkSeconds), phases: [{ durationMs: options.walkSeconds * 1000, cue: 'Walk at an easy pace', where: 'walking' }] };
    }
    const reps = stretch.buildsUp && stretch.dose.reps ? bridgeReps(stretch.dose.reps, options.level, history, stretch.id) : undefined;
    return { stretch, ...phasesFor(stretch, options.level, reps), ...(reps !== undefined ? { reps } : {}) };
  });
}

export const totalMs = (step: RoutineStep) => step.phases.reduce((sum, p) => sum + p.durationMs, 0);
