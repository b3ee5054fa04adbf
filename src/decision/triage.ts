/**
 * The triage decision, shared by the interactive prompts and `--answers`: from the red-flag answers,
 * the onset and the time now, the level of care, the reasons, and the plan for now. Pure.
 */
import { LEVEL_RANK, type Level, type RedFlag } from '../content/schema.js';
import { hoursSinceOnset, phaseOf, thermalAdvice, THRESHOLDS, type Phase, type Thermal } from './time.js';

/** `unsure` is never read as "no": it counts as the sign applying (when in doubt, escalate). */
export type FlagAnswer = boolean | 'unsure';

export const TRIGGERS = ['lifting', 'posture', 'sudden-movement', 'workout', 'stress', 'dehydration'] as const;
export type Trigger = (typeof TRIGGERS)[number];

export interface TriageAnswers {
  onset: Date | null;
  /** Keyed by red-flag id. A flag with no answer counts as applying. */
  redFlags: Readonly<Record<string, FlagAnswer | undefined>>;
  painScore?: number | undefined;
  triggers?: readonly Trigger[] | undefined;
}

export interface Reason {
  id: string;
  level: Exclude<Level, 'self-care'>;
  /** yes: answered yes; unsure: not answered or not sure; derived: follows from the onset. */
  because: 'yes' | 'unsure' | 'derived';
}

/** One thing to do now; render/ turns each into words. */
export type Action =
  | { kind: 'call-emergency' }
  | { kind: 'see-doctor-today' }
  | { kind: 'book-appointment' }
  | { kind: 'thermal'; thermal: Thermal }
  | { kind: 'move'; stretches: string[] }
  | { kind: 'hydrate' }
  | { kind: 'stress' }
  | { kind: 'lifting-posture'; triggers: Trigger[] }
  | { kind: 'watch'; emergencyFlags: string[] }
  | { kind: 'week-mark'; at: Date }
  | { kind: 'recheck'; when: 'today' | 'tomorrow' };

export interface TriageResult {
  level: Level;
  reasons: Reason[];
  phase: Phase;
  thermal: Thermal;
  hoursSinceOnset: number | null;
  painScore: number | null;
  triggers: Trigger[];
  actions: Action[];
}

/** The gentlest stretches suit the first days; the strengthening ones come once it settles. */
const EARLY_STRETCHES = ['walking', 'cat-cow', 'childs-pose'];
const LATER_STRETCHES = ['walking', 'cat-cow', 'childs-pose', 'pelvic-tilt', 'knee-to-chest', 'glute-bridge'];
const PAIN_OVER_WEEK = 'pain-over-week';

export function triage(answers: TriageAnswers, flags: readonly RedFlag[], now: Date): TriageResult {
  const hours = hoursSinceOnset(answers.onset, now);
  const reasons: Reason[] = [];
  for (const flag of flags) {
    const answer = answers.redFlags[flag.id];
    const derived = flag.id === PAIN_OVER_WEEK && hours !== null && hours >= THRESHOLDS.painOverWeekHours;
    if (answer === true) reasons.push({ id: flag.id, level: flag.level, because: 'yes' });
    else if (derived) reasons.push({ id: flag.id, level: flag.level, because: 'derived' });
    else if (answer !== false) reasons.push({ id: flag.id, level: flag.level, because: 'unsure' });
  }
  reasons.sort((a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level]);
  const level: Level = reasons[0]?.level ?? 'self-care';
  const thermal = thermalAdvice(hours);
  const triggers = [...new Set(answers.triggers ?? [])];
  return {
    level,
    reasons,
    phase: phaseOf(hours),
    thermal,
    hoursSinceOnset: hours,
    painScore: answers.painScore ?? null,
    triggers,
    actions: planForNow(level, thermal, hours, triggers, flags, reasons, answers.onset),
  };
}

function planForNow(
  level: Level,
  thermal: Thermal,
  hours: number | null,
  triggers: Trigger[],
  flags: readonly RedFlag[],
  reasons: Reason[],
  onset: Date | null,
): Action[] {
  // An emergency needs one instruction, not a home-care plan that could read as an alternative.
  if (level === 'emergency') return [{ kind: 'call-emergency' }];
  const actions: Action[] = [];
  if (level === 'urgent') actions.push({ kind: 'see-doctor-today' });
  if (level === 'doctor') actions.push({ kind: 'book-appointment' });
  actions.push({ kind: 'thermal', thermal });
  const early = hours === null || hours < THRESHOLDS.heatFromHours;
  actions.push({ kind: 'move', stretches: early ? EARLY_STRETCHES : LATER_STRETCHES });
  if (triggers.includes('workout') || triggers.includes('dehydration')) actions.push({ kind: 'hydrate' });
  if (triggers.includes('stress')) actions.push({ kind: 'stress' });
  const mechanical = triggers.filter((t) => t === 'lifting' || t === 'posture' || t === 'sudden-movement');
  if (mechanical.length) actions.push({ kind: 'lifting-posture', triggers: mechanical });
  const reported = new Set(reasons.map((r) => r.id));
  actions.push({ kind: 'watch', emergencyFlags: flags.filter((f) => f.level === 'emergency' && !reported.has(f.id)).map((f) => f.id) });
  if (onset !== null && hours !== null && hours < THRESHOLDS.painOverWeekHours && !reported.has(PAIN_OVER_WEEK)) {
    actions.push({ kind: 'week-mark', at: new Date(onset.getTime() + THRESHOLDS.painOverWeekHours * 3_600_000) });
  }
  actions.push({ kind: 'recheck', when: level === 'urgent' ? 'today' : 'tomorrow' });
  return actions;
}
