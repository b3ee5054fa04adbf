/**
 * The dated plan for an episode: day 0 starts at the onset and each day is 24 hours. Each day lists
 * what to do, following content.md: ice before 48 hours, ice or heat to 72, heat after; a day or two
 * of rest at most, then walking; gentle stretches, then the strengthening ones; a doctor if it is not
 * better after a week; the subacute and chronic marks. Pure.
 */
import type { Stretch } from '../content/schema.js';
import { CLOCK_SKEW_MS } from './episode.js';
import { chooseStretches, kindsHeld, type Care, type LeftOut, type ThermalKind } from './precautions.js';
import { thermalAdvice, THRESHOLDS, type Thermal } from './time.js';

export type DayAction =
  | { kind: 'thermal'; thermal: Exclude<Thermal, 'unknown'>; askFirst: ThermalKind[] }
  | { kind: 'check-precautions' }
  | { kind: 'rest-ok' }
  | { kind: 'walk-short' }
  | { kind: 'pain-relief' }
  | { kind: 'keep-moving' }
  /** `first`: the first days' gentle set; otherwise the full set from 72 hours. */
  | { kind: 'stretches'; first: boolean; ids: string[]; leftOut: LeftOut[] }
  | { kind: 'check-in' }
  | { kind: 'doctor-if-not-better' }
  | { kind: 'build-strength' }
  | { kind: 'subacute' }
  | { kind: 'chronic' };

export interface PlanDay {
  day: number;
  start: Date;
  /** Never true for any day when the onset is in the future: today is then not a day of it. */
  today: boolean;
  actions: DayAction[];
}

const DAY_MS = 86_400_000;
/** Every day of the first two weeks, then the marks where the advice changes. */
const DAILY_UNTIL = 13;
// Chronic is "over 84 days": the first whole day past that mark is day 85.
const CHRONIC_DAY = THRESHOLDS.chronicAfterDays + 1;
const MILESTONES = [THRESHOLDS.subacuteFromDays, CHRONIC_DAY];

export function dayNumber(onset: Date, at: Date): number {
  return Math.floor((at.getTime() - onset.getTime()) / DAY_MS);
}

/**
 * What to do on a day of the episode. The stretches are chosen as the routine chooses them (the
 * phase, then the precautions), so the plan and the routine never disagree.
 */
export function actionsForDay(day: number, stretches: readonly Stretch[], care: Care): DayAction[] {
  const hours = day * 24;
  const thermal = thermalAdvice(hours) as Exclude<Thermal, 'unknown'>;
  const actions: DayAction[] = [{ kind: 'thermal', thermal, askFirst: kindsHeld(care) }];
  const restDays = 2; // "one to two days of rest at most"
  if (day < restDays) actions.push({ kind: 'rest-ok' }, { kind: 'walk-short' });
  else actions.push({ kind: 'keep-moving' });
  if (day === 0) actions.push({ kind: 'pain-relief' });
  const choice = chooseStretches(stretches, hours, care);
  actions.push({ kind: 'stretches', first: hours < THRESHOLDS.heatFromHours, ids: choice.ids, leftOut: choice.leftOut });
  if (day * 24 === THRESHOLDS.painOverWeekHours) actions.push({ kind: 'doctor-if-not-better' });
  if (day === 14) actions.push({ kind: 'build-strength' });
  if (day === THRESHOLDS.subacuteFromDays) actions.push({ kind: 'subacute' });
  if (day === CHRONIC_DAY) actions.push({ kind: 'chronic' });
  if (day >= 1 && day <= DAILY_UNTIL) actions.push({ kind: 'check-in' });
  return actions;
}

/**
 * The plan, dated from the onset, with today marked. An onset ahead of this clock by less than two
 * clocks may differ reads as just now (today is day 0); further ahead (onsetInFuture), no day is
 * today: the plan keeps its dates, and the reader is told to check the clock.
 */
export function episodePlan(onset: Date, now: Date, stretches: readonly Stretch[], care: Care): PlanDay[] {
  const ahead = onset.getTime() > now.getTime() + CLOCK_SKEW_MS;
  const today = ahead ? null : dayNumber(onset, new Date(Math.max(now.getTime(), onset.getTime())));
  const days = new Set<number>();
  for (let d = 0; d <= DAILY_UNTIL; d++) days.add(d);
  days.add(14);
  for (const m of MILESTONES) days.add(m);
  if (today !== null) days.add(today);
  // Precautions never answered: say so where the person is now (or from the start, when that is not
  // known), before heat, ice or stretches.
  const askOn = today ?? 0;
  return [...days]
    .sort((a, b) => a - b)
    .map((day) => {
      const actions = actionsForDay(day, stretches, care);
      if (day === askOn && care.precautions === null) actions.unshift({ kind: 'check-precautions' });
      return { day, start: new Date(onset.getTime() + day * DAY_MS), today: day === today, actions };
    });
}
