/**
 * Decisions about starting an ice or heat session: is the skin still on its break, and does the kind
 * fit the time since onset. Pure.
 */
import type { JournalRecord } from '../journal/records.js';
import { lastSession } from './episode.js';
import { THRESHOLDS } from './time.js';

export type Kind = 'ice' | 'heat';

export interface PlannedStart {
  kind: Kind;
  /** How long after now this kind's first session would start. */
  inMs: number;
}

export interface BreakConflict {
  kind: Kind;
  lastEndedAt: Date;
  breakEndsAt: Date;
}

/** Every planned kind whose first session would start before the skin break after its last one ends. */
export function breakConflicts(records: readonly JournalRecord[], planned: readonly PlannedStart[], now: Date): BreakConflict[] {
  const conflicts: BreakConflict[] = [];
  for (const { kind, inMs } of planned) {
    const last = lastSession(records, now, kind);
    if (!last) continue;
    const lastEndedAt = new Date(last.endedAt);
    const breakEndsAt = new Date(lastEndedAt.getTime() + THRESHOLDS.breakMinutes * 60_000);
    if (now.getTime() + inMs < breakEndsAt.getTime()) conflicts.push({ kind, lastEndedAt, breakEndsAt });
  }
  return conflicts;
}

/** The first conflict, if any. */
export function breakConflict(records: readonly JournalRecord[], planned: readonly PlannedStart[], now: Date): BreakConflict | null {
  return breakConflicts(records, planned, now)[0] ?? null;
}

export type ThermalNote = 'heat-early' | 'ice-late' | null;

/**
 * A word on the choice, never a refusal: heat in the first 48 hours is affirmed (it has the better
 * evidence; ice first is only the usual habit), ice after 72 hours gets a nudge toward heat.
 */
export function thermalNote(hours: number | null, kinds: readonly Kind[]): ThermalNote {
  if (hours === null) return null;
  if (kinds.includes('heat') && hours < THRESHOLDS.iceOnlyBeforeHours) return 'heat-early';
  if (kinds.includes('ice') && !kinds.includes('heat') && hours >= THRESHOLDS.heatFromHours) return 'ice-late';
  return null;
}
