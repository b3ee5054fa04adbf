/**
 * What the journal says about this episode, at a given time: the onset, the last session and its
 * skin break, the pain scores and their trend, and the reminders that are due. Pure.
 */
import { recentPainDays, type PainDay } from './pain-days.js';
import type { CheckInLine, JournalRecord, PainLine, SessionLine, TriageLine } from '../journal/records.js';
import { careOf, kindsHeld, UNKNOWN_CARE, type Care, type ThermalKind } from './precautions.js';
import { PREGNANCY, type FlagAnswer } from './triage.js';
import { hoursSinceOnset, phaseOf, thermalAdvice, THRESHOLDS, type Phase, type Thermal } from './time.js';

export interface Onset {
  at: Date;
  approximate: boolean;
  recordedAt: Date;
}

/** The onset of the current episode: the last `onset` line, unless an `onset-cleared` came after it. */
export function currentOnset(records: readonly JournalRecord[]): Onset | null {
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i]!;
    if (r.type === 'onset-cleared') return null;
    if (r.type === 'onset') return { at: new Date(r.onset), approximate: r.approximate === true, recordedAt: new Date(r.at) };
  }
  return null;
}

/**
 * How far ahead of this clock a recorded time may be and still count: clocks of two machines, or one
 * corrected by a minute, differ a little. Further ahead is a clock set wrong (or a copied journal).
 */
export const CLOCK_SKEW_MS = 60_000;

/**
 * Whether a recorded onset is ahead of this clock by more than clocks differ: the computer's clock is
 * set wrong, or the journal came from another machine. It was checked when it was recorded, so it is
 * not an error, but it is not "now" either: how long ago it was cannot be known.
 */
export function onsetInFuture(onset: Onset | null, now: Date): boolean {
  return onset !== null && onset.at.getTime() > now.getTime() + CLOCK_SKEW_MS;
}

/**
 * Hours since the recorded onset; null when there is none, or when it is in the future (see
 * onsetInFuture), so that nothing is advised as if the episode had just begun. An onset ahead by
 * less than CLOCK_SKEW_MS reads as just now.
 */
export function hoursSinceRecordedOnset(onset: Onset | null, now: Date): number | null {
  if (!onset || onsetInFuture(onset, now)) return null;
  return hoursSinceOnset(new Date(Math.min(onset.at.getTime(), now.getTime())), now);
}

/**
 * The precautions and the pregnancy answer, each as last given: the precautions by a triage that
 * asked them or by a timer or the routine asking on their own; pregnancy by any triage (it is one of
 * its signs) or by those same questions. Each is unknown until answered, and one never hides the
 * other: a triage without precautions still tells whether the person is pregnant.
 */
export function currentCare(records: readonly JournalRecord[]): Care {
  let precautions: Care['precautions'] | undefined;
  let pregnancy: Care['pregnancy'] | undefined;
  for (let i = records.length - 1; i >= 0 && (precautions === undefined || pregnancy === undefined); i--) {
    const r = records[i]!;
    let answers: Record<string, FlagAnswer> | null | undefined;
    let pregnant: FlagAnswer | undefined;
    if (r.type === 'precautions') [answers, pregnant] = [r.answers, r.pregnancy];
    else if (r.type === 'triage') [answers, pregnant] = [r.precautions, r.redFlags[PREGNANCY]];
    else continue;
    if (precautions === undefined && answers) precautions = careOf(answers, undefined).precautions;
    if (pregnancy === undefined && pregnant !== undefined) pregnancy = pregnant !== false;
  }
  return { precautions: precautions ?? UNKNOWN_CARE.precautions, pregnancy: pregnancy ?? UNKNOWN_CARE.pregnancy };
}

export const sessionsOf = (records: readonly JournalRecord[]) => records.filter((r): r is SessionLine => r.type === 'session');
export const painOf = (records: readonly JournalRecord[]) => records.filter((r): r is PainLine => r.type === 'pain');
export const checkInsOf = (records: readonly JournalRecord[]) => records.filter((r): r is CheckInLine => r.type === 'check-in');
export const triagesOf = (records: readonly JournalRecord[]) => records.filter((r): r is TriageLine => r.type === 'triage');

/**
 * The last session (of a kind). A session that ended ahead of this clock is treated like an onset
 * ahead of it: it cannot be the one before now, so it never holds a new session back for months.
 */
export function lastSession(records: readonly JournalRecord[], now: Date, kind?: 'ice' | 'heat'): SessionLine | null {
  let last: SessionLine | null = null;
  for (const s of sessionsOf(records)) {
    if (kind && s.kind !== kind) continue;
    if (Date.parse(s.endedAt) > now.getTime() + CLOCK_SKEW_MS) continue;
    if (!last || Date.parse(s.endedAt) >= Date.parse(last.endedAt)) last = s;
  }
  return last;
}

/** When the skin break after a session ends, if it has not ended yet. */
export function breakEndsAt(session: SessionLine | null, now: Date): Date | null {
  if (!session) return null;
  const ends = new Date(Date.parse(session.endedAt) + THRESHOLDS.breakMinutes * 60_000);
  return ends.getTime() > now.getTime() ? ends : null;
}

export type Trend = 'better' | 'worse' | 'about the same' | 'not enough scores';

export interface PainTrend {
  trend: Trend;
  /** The scores compared: the first of the window and the last. */
  from: number | null;
  to: number | null;
}

/**
 * The trend over the last 7 days of scores: the latest score against the first in that window. A
 * change of one point either way is "about the same": scores are rough and vary through the day.
 */
export function painTrend(pain: readonly PainLine[], now: Date): PainTrend {
  const since = now.getTime() - 7 * 86_400_000;
  const recent = [...pain].filter((p) => Date.parse(p.at) >= since && Date.parse(p.at) <= now.getTime()).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  if (recent.length < 2) return { trend: 'not enough scores', from: recent[0]?.score ?? null, to: recent.at(-1)?.score ?? null };
  const from = recent[0]!.score;
  const to = recent.at(-1)!.score;
  const trend: Trend = to <= from - 2 ? 'better' : to >= from + 2 ? 'worse' : 'about the same';
  return { trend, from, to };
}

export type Reminder = 'over-a-week' | 'chronic';

export function remindersDue(hours: number | null): Reminder[] {
  if (hours === null) return [];
  const due: Reminder[] = [];
  if (hours >= THRESHOLDS.painOverWeekHours) due.push('over-a-week');
  if (hours / 24 > THRESHOLDS.chronicAfterDays) due.push('chronic');
  return due;
}

/** A triage's or a check-in's verdict, as recorded. */
export interface Verdict {
  source: 'triage' | 'check-in';
  at: Date;
  level: TriageLine['level'];
  /** The signs behind it (a check-in records the emergency ones it was told about). */
  reasons: string[];
}

/** The latest triage or check-in verdict, if any. */
export function lastVerdict(records: readonly JournalRecord[]): Verdict | null {
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i]!;
    if (r.type === 'triage') return { source: 'triage', at: new Date(r.at), level: r.level, reasons: r.reasons.map((x) => x.id) };
    if (r.type === 'check-in') {
      const reasons = Object.entries(r.redFlags).filter(([, a]) => a !== false).map(([id]) => id);
      return { source: 'check-in', at: new Date(r.at), level: r.level, reasons };
    }
  }
  return null;
}

/** A skin break still running after the last session of a kind. */
export interface SkinBreak {
  kind: 'ice' | 'heat';
  endsAt: Date;
}

/** Every skin break still running, ice and heat, soonest end first. */
export function breaksRunning(records: readonly JournalRecord[], now: Date): SkinBreak[] {
  const running: SkinBreak[] = [];
  for (const kind of ['ice', 'heat'] as const) {
    const endsAt = breakEndsAt(lastSession(records, now, kind), now);
    if (endsAt) running.push({ kind, endsAt });
  }
  return running.sort((a, b) => a.endsAt.getTime() - b.endsAt.getTime());
}

/** Whether a check-in (or a triage, which asks more) was recorded today. */
export function checkedInToday(records: readonly JournalRecord[], now: Date): boolean {
  const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  return records.some((r) => (r.type === 'check-in' || r.type === 'triage') && Date.parse(r.at) >= midnight && Date.parse(r.at) <= now.getTime());
}

/**
 * Heat or ice for now, the preferred first: the usual habit (ice) first before 48 hours, heat first
 * after; a kind a precaution holds back is left out (it needs a doctor's or pharmacist's word).
 */
export function suggestedKinds(thermal: Thermal, care: Care): ThermalKind[] {
  const order: ThermalKind[] = thermal === 'heat' ? ['heat'] : thermal === 'ice' ? ['ice', 'heat'] : ['heat', 'ice'];
  const held = kindsHeld(care);
  return order.filter((k) => !held.includes(k));
}

/** The next useful thing to do, for status and the bare `back-relief`. */
export type NextStep =
  | { kind: 'triage' }
  | { kind: 'see-doctor'; verdict: Verdict }
  | { kind: 'wait-break'; until: Date; then: ThermalKind }
  | { kind: 'check-in' }
  | { kind: 'session'; kinds: ThermalKind[] }
  | { kind: 'routine' };

export interface EpisodeStatus {
  onset: Onset | null;
  /** The onset is ahead of this clock (hoursSinceOnset is then null, the phase unknown). */
  onsetInFuture: boolean;
  hoursSinceOnset: number | null;
  phase: Phase;
  thermal: Thermal;
  lastSession: SessionLine | null;
  breakEndsAt: Date | null;
  /** Every skin break still running (ice and heat may both be, after contrast). */
  breaks: SkinBreak[];
  lastPain: PainLine | null;
  trend: PainTrend;
  /** The last 14 days, each with its scores: the sparkline of status. */
  recentPain: PainDay[];
  reminders: Reminder[];
  /** The last triage or check-in verdict, and whether it still calls for a doctor in this episode. */
  verdict: Verdict | null;
  verdictApplies: boolean;
  care: Care;
  /** Heat or ice for now, the preferred first, less what a precaution holds back; none while emergency care is due. */
  suggested: ThermalKind[];
  /** An emergency verdict stands: emergency care comes before any self-care. */
  emergencyFirst: boolean;
  next: NextStep;
}

/** How long a verdict above self-care stands when no episode is recorded to date it against. */
const VERDICT_STANDS_MS = 7 * 86_400_000;

export function episodeStatus(records: readonly JournalRecord[], now: Date): EpisodeStatus {
  const onset = currentOnset(records);
  const hours = hoursSinceRecordedOnset(onset, now);
  const session = lastSession(records, now);
  const pain = painOf(records);
  const lastPain = pain.reduce<PainLine | null>((last, p) => (!last || Date.parse(p.at) >= Date.parse(last.at) ? p : last), null);
  const verdict = lastVerdict(records);
  // A verdict above self-care stands for this episode (from its onset on), or for a week without one.
  const verdictApplies =
    verdict !== null && verdict.level !== 'self-care' && (onset ? verdict.at.getTime() >= onset.at.getTime() : now.getTime() - verdict.at.getTime() < VERDICT_STANDS_MS);
  const thermal = thermalAdvice(hours);
  const care = currentCare(records);
  const emergencyFirst = verdictApplies && verdict?.level === 'emergency';
  const suggested = emergencyFirst ? [] : suggestedKinds(thermal, care);
  const breaks = breaksRunning(records, now);
  return {
    onset,
    onsetInFuture: onsetInFuture(onset, now),
    hoursSinceOnset: hours,
    phase: phaseOf(hours),
    thermal,
    lastSession: session,
    breakEndsAt: breakEndsAt(session, now),
    breaks,
    lastPain,
    trend: painTrend(pain, now),
    recentPain: recentPainDays(pain, now),
    reminders: remindersDue(hours),
    verdict,
    verdictApplies,
    care,
    suggested,
    emergencyFirst,
    next: nextStep({ onset, verdict, verdictApplies, suggested, breaks, checkedIn: checkedInToday(records, now) }),
  };
}

function nextStep(s: { onset: Onset | null; verdict: Verdict | null; verdictApplies: boolean; suggested: ThermalKind[]; breaks: SkinBreak[]; checkedIn: boolean }): NextStep {
  if (!s.onset && !s.verdict) return { kind: 'triage' };
  if (s.verdictApplies && s.verdict && s.verdict.level !== 'doctor') return { kind: 'see-doctor', verdict: s.verdict };
  if (!s.checkedIn) return { kind: 'check-in' };
  const free = s.suggested.filter((k) => !s.breaks.some((b) => b.kind === k));
  if (free.length) return { kind: 'session', kinds: free };
  const first = s.breaks.find((b) => s.suggested.includes(b.kind));
  if (first) return { kind: 'wait-break', until: first.endsAt, then: first.kind };
  return { kind: 'routine' };
}
