/**
 * Precautions (content.md, "Precautions"): conditions that never change the triage level but change
 * what is safe at home. Which ice or heat session needs a doctor's or pharmacist's word first, and
 * which stretches the routine and the plan leave out. Pure.
 */
import { stageOf, type Movement, type Stage, type Stretch } from '../content/schema.js';
import type { FlagAnswer } from './triage.js';
import { THRESHOLDS } from './time.js';

export const PRECAUTION_IDS = ['skin-sensation', 'circulation', 'broken-skin', 'osteoporosis'] as const;
export type PrecautionId = (typeof PRECAUTION_IDS)[number];
export type PrecautionAnswers = Readonly<Record<PrecautionId, FlagAnswer>>;

export type ThermalKind = 'ice' | 'heat';

/** The sessions each precaution holds back until the person has asked a doctor or pharmacist. */
const HOLDS: Record<PrecautionId, readonly ThermalKind[]> = {
  'skin-sensation': ['ice', 'heat'],
  circulation: ['ice'],
  'broken-skin': ['ice', 'heat'],
  osteoporosis: [],
};

/** The movements each precaution rules out of the routine (unless a physiotherapist has shown them). */
const RULES_OUT: Record<PrecautionId | 'pregnancy', readonly Movement[]> = {
  'skin-sensation': [],
  circulation: [],
  'broken-skin': [],
  osteoporosis: ['forward-bend'],
  // Lying flat on the back later in pregnancy can press on a large vein (the pregnancy red flag).
  pregnancy: ['lying-on-back'],
};

/** What is known of the person's precautions, from the journal or this run's answers. */
export interface Care {
  /** The precautions that apply (yes or not sure); null when they have never been answered. */
  precautions: PrecautionId[] | null;
  /** The pregnancy red flag applies (yes or not sure); null when it has not been answered. */
  pregnancy: boolean | null;
}

export const UNKNOWN_CARE: Care = { precautions: null, pregnancy: null };

/** "Not sure" counts as the precaution applying, as for red flags. */
export function applying(answers: Readonly<Record<string, FlagAnswer | undefined>> | null | undefined): PrecautionId[] | null {
  if (!answers) return null;
  return PRECAUTION_IDS.filter((id) => answers[id] !== false);
}

export function careOf(precautions: Readonly<Record<string, FlagAnswer | undefined>> | null | undefined, pregnancy: FlagAnswer | undefined): Care {
  return { precautions: applying(precautions), pregnancy: pregnancy === undefined ? null : pregnancy !== false };
}

/** The precautions that hold back a session of these kinds, in content order. */
export function thermalHolds(care: Care, kinds: readonly ThermalKind[]): PrecautionId[] {
  return (care.precautions ?? []).filter((id) => HOLDS[id].some((k) => kinds.includes(k)));
}

/** The kinds of session that need asking first, given the care. */
export function kindsHeld(care: Care): ThermalKind[] {
  return (['ice', 'heat'] as const).filter((kind) => thermalHolds(care, [kind]).length > 0);
}

export interface LeftOut {
  id: string;
  because: PrecautionId | 'pregnancy';
}

/** Why a stretch is left out for this person, or null when it is not. */
export function leftOutBecause(stretch: Pick<Stretch, 'movements'>, care: Care): LeftOut['because'] | null {
  const movements = stretch.movements ?? [];
  for (const id of care.precautions ?? []) if (RULES_OUT[id].some((m) => movements.includes(m))) return id;
  if (care.pregnancy && RULES_OUT.pregnancy.some((m) => movements.includes(m))) return 'pregnancy';
  return null;
}

/** The stages of stretch that suit this time since onset: the gentlest first, the rest from 72 hours. */
export function stagesFor(hours: number | null): Stage[] {
  return hours !== null && hours >= THRESHOLDS.heatFromHours ? ['first-days', 'after-first-days'] : ['first-days'];
}

export interface StretchChoice {
  /** The stretches for now, in content order. */
  ids: string[];
  /** Those that would be in, left out by a precaution. */
  leftOut: LeftOut[];
}

/**
 * The stretches for now: those of the stage the episode is in (an unknown onset counts as the first
 * days), minus what a precaution rules out. Prevention-only stretches are never chosen here. The plan,
 * the verdict and the routine all choose through this, so they agree.
 */
export function chooseStretches(stretches: readonly Stretch[], hours: number | null, care: Care): StretchChoice {
  const stages = stagesFor(hours);
  const ids: string[] = [];
  const leftOut: LeftOut[] = [];
  for (const s of stretches) {
    if (!stages.includes(stageOf(s))) continue;
    const because = leftOutBecause(s, care);
    if (because) leftOut.push({ id: s.id, because });
    else ids.push(s.id);
  }
  return { ids, leftOut };
}
