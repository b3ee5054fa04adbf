/**
 * Time since onset and what follows from it (content.md, "Time since onset"). Pure: the onset and
 * the time now are arguments; an unknown onset gives `unknown`, an onset in the future is an error.
 */
import { UsageError } from '../errors.js';

export type Thermal = 'ice' | 'ice-or-heat' | 'heat' | 'unknown';
export type Phase = 'acute' | 'subacute' | 'chronic' | 'unknown';

/** The thresholds, with where each comes from. */
export const THRESHOLDS = {
  /** Ice only before this many hours (guide: ice for the first 48-72 hours). */
  iceOnlyBeforeHours: 48,
  /** Heat from this many hours (guide: heat after 72 hours; acp-2017 supports heat). */
  heatFromHours: 72,
  /** pain-over-week applies from this many hours (guide: pain lasting over a week). */
  painOverWeekHours: 168,
  /** daily-life applies from this pain score, whatever its answer (content.md: severe pain is reason enough). */
  severePainScore: 8,
  /** Subacute from this many days (acp-2017: acute under 4 weeks). */
  subacuteFromDays: 28,
  /** Chronic after this many days (acp-2017 and the guide: over 12 weeks). */
  chronicAfterDays: 84,
  /** One ice or heat session at most, and the skin break after it (guide; cleveland-clinic). */
  sessionMinutes: 20,
  breakMinutes: 20,
} as const;

const HOUR_MS = 3_600_000;

/** Hours from the onset to now, or null when the onset is unknown. */
export function hoursSinceOnset(onset: Date | null, now: Date): number | null {
  if (onset === null) return null;
  const hours = (now.getTime() - onset.getTime()) / HOUR_MS;
  if (!Number.isFinite(hours)) throw new UsageError('The onset is not a valid time.');
  if (hours < 0) throw new UsageError(`The onset (${onset.toISOString()}) is in the future; give a time that has passed.`);
  return hours;
}

export function thermalAdvice(hours: number | null): Thermal {
  if (hours === null) return 'unknown';
  if (hours < THRESHOLDS.iceOnlyBeforeHours) return 'ice';
  if (hours < THRESHOLDS.heatFromHours) return 'ice-or-heat';
  return 'heat';
}

export function phaseOf(hours: number | null): Phase {
  if (hours === null) return 'unknown';
  const days = hours / 24;
  if (days < THRESHOLDS.subacuteFromDays) return 'acute';
  if (days <= THRESHOLDS.chronicAfterDays) return 'subacute';
  return 'chronic';
}
