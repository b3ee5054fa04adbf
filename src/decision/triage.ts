/**
 * The triage decision, shared by the interactive prompts and `--answers`: from the red-flag answers,
 * the onset and the time now, the level of care, the reasons, and the plan for now. Pure.
 */
import { LEVEL_RANK, type Level, type RedFlag, type Stretch } from '../content/schema.js';
import { careOf, chooseStretches, kindsHeld, UNKNOWN_CARE, type Care, type LeftOut, type ThermalKind } from './precautions.js';
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
  /** Keyed by precaution id; null or absent when they were not asked (an emergency stops first). */
  precautions?: Readonly<Record<string, FlagAnswer>> | null | undefined;
}

export interface Reason {
  id: string;
  level: Exclude<Level, 'self-care'>;
  /** yes: answered yes; unsure: not answered or not sure; derived: follows from the onset or the pain score. */
  because: 'yes' | 'unsure' | 'derived';
}

/** One thing to do now; render/ turns each into words. */
export type Action =
  | { kind: 'call-emergency' }
  | { kind: 'see-doctor-today' }
  | { kind: 'book-appointment' }
  /** The precautions were not answered: check them before heat, ice or stretching. */
  | { kind: 'check-precautions' }
  /** `askFirst`: the kinds a precaution holds back until a doctor or pharmacist has been asked. */
  | { kind: 'thermal'; thermal: Thermal; askFirst: ThermalKind[] }
  | { kind: 'move'; stretches: string[]; leftOut: LeftOut[] }
  | { kind: 'pain-relief' }
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
  /** The precautions that apply and the pregnancy flag, for the "Take care" block and the timers. */
  care: Care;
  actions: Action[];
}

export const PAIN_OVER_WEEK = 'pain-over-week';
export const DAILY_LIFE = 'daily-life';
export const PREGNANCY = 'pregnancy';

/**
 * The red flags that follow from other answers, whatever their own answer was (content.md, "Derived"):
 * pain-over-week once 7 days have passed since a known onset; daily-life from a pain score of 8.
 */
export function derivedFlags(hours: number | null, painScore: number | null | undefined): Set<string> {
  const derived = new Set<string>();
  if (hours !== null && hours >= THRESHOLDS.painOverWeekHours) derived.add(PAIN_OVER_WEEK);
  if (typeof painScore === 'number' && painScore >= THRESHOLDS.severePainScore) derived.add(DAILY_LIFE);
  return derived;
}

/**
 * Answers the onset already gives: pain that started less than a week ago has not lasted more than
 * a week, so the prompts need not ask (from a week on, pain-over-week is derived instead).
 */
export function answeredByOnset(hours: number | null): Record<string, FlagAnswer> {
  return hours !== null && hours < THRESHOLDS.painOverWeekHours ? { [PAIN_OVER_WEEK]: false } : {};
}

/**
 * `stretches` are the content's stretches: the plan names the ones that suit the phase and the
 * precautions. Without them (a check-in) the plan has no stretch advice to give.
 */
export function triage(answers: TriageAnswers, flags: readonly RedFlag[], now: Date, stretches: readonly Stretch[] = []): TriageResult {
  const hours = hoursSinceOnset(answers.onset, now);
  const derivedIds = derivedFlags(hours, answers.painScore);
  const reasons: Reason[] = [];
  for (const flag of flags) {
    const answer = answers.redFlags[flag.id];
    const derived = derivedIds.has(flag.id);
    if (answer === true) reasons.push({ id: flag.id, level: flag.level, because: 'yes' });
    else if (derived) reasons.push({ id: flag.id, level: flag.level, because: 'derived' });
    else if (answer !== false) reasons.push({ id: flag.id, level: flag.level, because: 'unsure' });
  }
  reasons.sort((a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level]);
  const level: Level = reasons[0]?.level ?? 'self-care';
  const thermal = thermalAdvice(hours);
  const triggers = [...new Set(answers.triggers ?? [])];
  // The pregnancy flag counts only where it was asked (not after an emergency sign ended the questions).
  const pregnancyAsked = flags.some((f) => f.id === PREGNANCY);
  const care = careOf(answers.precautions, pregnancyAsked ? (answers.redFlags[PREGNANCY] ?? 'unsure') : undefined);
  const result = { level, reasons, phase: phaseOf(hours), thermal, hoursSinceOnset: hours, painScore: answers.painScore ?? null, triggers, care };
  return { ...result, actions: planForNow(result, flags, stretches, answers.onset) };
}

function planForNow(
  { level, thermal, hoursSinceOnset: hours, triggers, reasons, care }: Omit<TriageResult, 'actions'>,
  flags: readonly RedFlag[],
  stretches: readonly Stretch[],
  onset: Date | null,
): Action[] {
  // An emergency needs one instruction, not a home-care plan that could read as an alternative.
  if (level === 'emergency') return [{ kind: 'call-emergency' }];
  const actions: Action[] = [];
  if (level === 'urgent') actions.push({ kind: 'see-doctor-today' });
  if (level === 'doctor') actions.push({ kind: 'book-appointment' });
  if (care.precautions === null) actions.push({ kind: 'check-precautions' });
  actions.push({ kind: 'thermal', thermal, askFirst: kindsHeld(care) });
  if (stretches.length) {
    const choice = chooseStretches(stretches, hours, care);
    actions.push({ kind: 'move', stretches: choice.ids, leftOut: choice.leftOut });
  }
  actions.push({ kind: 'pain-relief' });
  if (triggers.includes('workout') || triggers.includes('dehydration')) actions.push({ kind: 'hydrate' });
  if (triggers.includes('stress')) actions.push({ kind: 'stress' });
  const mechanical = triggers.filter((t) => t === 'lifting' || t === 'posture' || t === 'sudden-movement');
  if (mechanical.length) actions.push({ kind: 'lifting-posture', triggers: mechanical });
  const reported = new Set(reasons.map((r) => r.id));
  // Only signs that can still appear: an injury that did not happen cannot happen to this episode.
  const watch = flags.filter((f) => f.level === 'emergency' && f.watch !== false && !reported.has(f.id));
  actions.push({ kind: 'watch', emergencyFlags: watch.map((f) => f.id) });
  if (onset !== null && hours !== null && hours < THRESHOLDS.painOverWeekHours && !reported.has(PAIN_OVER_WEEK)) {
    actions.push({ kind: 'week-mark', at: new Date(onset.getTime() + THRESHOLDS.painOverWeekHours * 3_600_000) });
  }
  actions.push({ kind: 'recheck', when: level === 'urgent' ? 'today' : 'tomorrow' });
  return actions;
}

/**
 * A daily check-in: the emergency signs again and a pain score. A score of 8 or more still counts as
 * daily-life (book a doctor), as it would in triage; the other signs were not asked, so they do not count.
 */
export function checkIn(redFlags: TriageAnswers['redFlags'], painScore: number | undefined, flags: readonly RedFlag[], now: Date, care: Care = UNKNOWN_CARE): TriageResult {
  const derived = derivedFlags(null, painScore);
  const considered = flags.filter((f) => f.level === 'emergency' || derived.has(f.id));
  // A check-in does not ask the precautions: what the journal knows of them stands.
  return { ...triage({ onset: null, redFlags, painScore }, considered, now), care };
}
