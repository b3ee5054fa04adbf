/**
 * Durations of cli.md: `90s`, `5m`, `1m30s`, or a bare number of minutes. Sessions are capped at 20
 * minutes and breaks floored at 20 (content.md: longer on the skin risks burns and nerve damage).
 */
import { THRESHOLDS } from '../decision/time.js';
import { UsageError } from '../errors.js';
import { sanitizeLine } from '../render/sanitize.js';
import { lengthText } from '../text/durations.js';

const FORM = /^(?:(\d+(?:\.\d+)?)|(?:(\d+)m)?(?:(\d+)s)?)$/i;

/** Parses a duration into whole seconds, or throws a UsageError naming the flag. */
export function parseDuration(text: string, flag: string): number {
  const trimmed = text.trim().toLowerCase();
  const match = FORM.exec(trimmed);
  if (!trimmed || !match) {
    throw new UsageError(`${flag}: "${sanitizeLine(text)}" is not a duration. Use 90s, 5m, 1m30s, or a number of minutes.`);
  }
  const seconds = match[1] !== undefined ? Number(match[1]) * 60 : Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
  // A number too large to count (400 digits) is simply very long: the callers' upper limits say so.
  if (!Number.isFinite(seconds) || seconds > HUGE_SECONDS) return HUGE_SECONDS;
  if (seconds < 1) throw new UsageError(`${flag}: the duration must be at least one second.`);
  return Math.round(seconds);
}

/** Longer than any limit here (a year): a duration past it is reported by its limit, not its size. */
const HUGE_SECONDS = 365 * 86_400;

export const MAX_SESSION_SECONDS = THRESHOLDS.sessionMinutes * 60;
export const MIN_BREAK_SECONDS = THRESHOLDS.breakMinutes * 60;
const MAX_BREAK_SECONDS = 24 * 3600;
export const MAX_ROUNDS = 10;

export function sessionSeconds(text: string | undefined): number {
  const seconds = text === undefined ? MAX_SESSION_SECONDS : parseDuration(text, '--duration');
  if (seconds > MAX_SESSION_SECONDS) {
    const given = seconds < HUGE_SECONDS ? `${lengthText(seconds)} is too long` : 'that is far too long';
    throw new UsageError(
      `--duration: ${given}; at most 20 minutes. Ice or heat for more than 20 minutes at a time can damage the skin and the nerves under it; use 20m or less.`,
    );
  }
  return seconds;
}

export function breakSeconds(text: string | undefined): number {
  const seconds = text === undefined ? MIN_BREAK_SECONDS : parseDuration(text, '--break');
  if (seconds < MIN_BREAK_SECONDS) {
    throw new UsageError(`--break: ${lengthText(seconds)} is too short. The skin needs at least 20 minutes between sessions to recover.`);
  }
  if (seconds > MAX_BREAK_SECONDS) throw new UsageError('--break: too long; at most 24 hours.');
  return seconds;
}

export function parseRounds(text: string | undefined): number {
  if (text === undefined) return 1;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || Number(text) > MAX_ROUNDS) {
    throw new UsageError(`--rounds: "${sanitizeLine(text)}" must be a whole number from 1 to ${MAX_ROUNDS}.`);
  }
  return Number(text);
}

export { countdown, lengthText } from '../text/durations.js';
