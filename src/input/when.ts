/**
 * The time grammar of cli.md for an onset: `now`, ISO 8601 (local time unless it has an offset; a
 * date alone is its local midnight), `yesterday` (24 hours ago), `yesterday 18:00` (local),
 * `3 days ago` (a day is always 24 hours), `5h ago`, `90m ago`. A future time is an error.
 */
import { isValid, parseISO, subDays } from 'date-fns';
import { UsageError } from '../errors.js';
import { sanitizeLine } from '../render/sanitize.js';

const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const AGO = /^(\d+(?:\.\d+)?)\s*(d|days?|h|hrs?|hours?|m|mins?|minutes?)\s+ago$/i;
const YESTERDAY_AT = /^yesterday\s+(\d{1,2}):(\d{2})$/i;
const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000 };

/** An onset before this year is a typing slip, not an episode of back pain. */
export const EARLIEST_YEAR = 1900;

export const WHEN_EXAMPLES = 'now, 2026-11-20T09:00, 2026-11-20, yesterday, yesterday 18:00, 3 days ago, 5h ago, 90m ago';

/** Parses a time the person typed. Throws a UsageError that says what is accepted. */
export function parseWhen(input: string, now: Date): Date {
  const text = input.trim().replace(/\s+/g, ' ');
  const when = parse(text, now);
  if (when === null || !isValid(when)) {
    throw new UsageError(`"${sanitizeLine(input)}" is not a time I understand. Try one of: ${WHEN_EXAMPLES}.`);
  }
  if (when.getTime() > now.getTime()) {
    throw new UsageError(`"${sanitizeLine(input)}" is in the future; the onset must be a time that has passed.`);
  }
  if (when.getFullYear() < EARLIEST_YEAR) throw new UsageError(`"${sanitizeLine(input)}" is too long ago; give a time from ${EARLIEST_YEAR} on.`);
  return when;
}

function parse(text: string, now: Date): Date | null {
  const lower = text.toLowerCase();
  if (lower === 'now') return new Date(now.getTime());
  if (lower === 'yesterday') return new Date(now.getTime() - UNIT_MS.d!);
  const at = YESTERDAY_AT.exec(text);
  if (at) {
    const hours = Number(at[1]);
    const minutes = Number(at[2]);
    if (hours > 23 || minutes > 59) return null;
    const day = subDays(now, 1);
    return new Date(day.getFullYear(), day.getMonth(), day.getDate(), hours, minutes);
  }
  const ago = AGO.exec(text);
  if (ago) {
    const amount = Number(ago[1]);
    const unit = ago[2]!.toLowerCase()[0]!;
    return new Date(now.getTime() - amount * UNIT_MS[unit]!);
  }
  if (ISO.test(text)) return parseISO(text.replace(' ', 'T'));
  return null;
}
