/**
 * The time grammar of cli.md for an onset: `now`, ISO 8601 (local time unless it has an offset; a
 * date alone is its local midnight), `yesterday` (24 hours ago), `yesterday 18:00` (local),
 * `3 days ago` (a day is always 24 hours), `5h ago`, `90m ago`; and the way people say it:
 * `today 08:00`, `08:00` (today, or yesterday when today's is still to come), `2h` (2 hours ago),
 * `this morning` (08:00 today) and `last night` (22:00 yesterday), those two kept as approximate.
 * A future time is an error.
 */
import { isValid, parseISO, subDays } from 'date-fns';
import { UsageError } from '../errors.js';
import { sanitizeLine } from '../render/sanitize.js';

const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const AGO = /^(\d+(?:\.\d+)?)\s*(d|days?|h|hrs?|hours?|m|mins?|minutes?)\s+ago$/i;
const YESTERDAY_AT = /^yesterday\s+(\d{1,2}):(\d{2})$/i;
const TODAY_AT = /^today\s+(\d{1,2}):(\d{2})$/i;
const CLOCK = /^(\d{1,2}):(\d{2})$/;
const SHORT_AGO = /^(\d+(?:\.\d+)?)\s*(d|h|m)$/i;
const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000 };

/** An onset before this year is a typing slip, not an episode of back pain. */
export const EARLIEST_YEAR = 1900;

/** The widest UTC offsets in use are -12:00 and +14:00 (Kiribati); ISO 8601 allows more, no clock does. */
export const MAX_OFFSET_MINUTES = 14 * 60;

const OFFSET = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?([+-])(\d{2})(?::?(\d{2}))?$/i;

/**
 * Why the UTC offset of an ISO 8601 date-time cannot be right, or null: more than 14 hours either way
 * (`+99:00` would otherwise move the onset by four days) or minutes of 60 and over.
 */
export function offsetProblem(iso: string): string | null {
  const m = OFFSET.exec(iso.replace(' ', 'T'));
  if (!m) return null;
  const [hours, minutes] = [Number(m[2]), Number(m[3] ?? '0')];
  const shown = `${m[1]}${m[2]}:${m[3] ?? '00'}`;
  if (minutes >= 60) return `its UTC offset ${shown} has ${minutes} minutes; the minutes of an offset run from 00 to 59`;
  if (hours * 60 + minutes > MAX_OFFSET_MINUTES) return `its UTC offset ${shown} is more than 14 hours; an offset is at most 14 hours either way (the widest in use are -12:00 and +14:00)`;
  return null;
}

export const WHEN_EXAMPLES = 'now, 08:00, this morning, last night, yesterday 18:00, 2026-11-20T09:00, 3 days ago, 5h ago, 2h';

/** Parses a time the person typed. Throws a UsageError that says what is accepted. */
export function parseWhen(input: string, now: Date): Date {
  return parseOnset(input, now).at;
}

/** The time and whether it is only approximate ("this morning"). */
export function parseOnset(input: string, now: Date): { at: Date; approximate: boolean } {
  const text = input.trim().replace(/\s+/g, ' ');
  const lower = text.toLowerCase();
  const approximate = lower === 'this morning' || lower === 'last night';
  const offset = ISO.test(text) ? offsetProblem(text) : null;
  if (offset) throw new UsageError(`"${sanitizeLine(input)}": ${offset}.`);
  const when = parse(text, now);
  if (when === null || !isValid(when)) {
    throw new UsageError(`"${sanitizeLine(input)}" is not a time I understand. Try one of: ${WHEN_EXAMPLES}.`);
  }
  if (when.getTime() > now.getTime()) {
    throw new UsageError(`"${sanitizeLine(input)}" is in the future; the onset must be a time that has passed.`);
  }
  if (when.getFullYear() < EARLIEST_YEAR) throw new UsageError(`"${sanitizeLine(input)}" is too long ago; give a time from ${EARLIEST_YEAR} on.`);
  return { at: when, approximate };
}

/** The local time on the day `daysBack` days before now. */
function atClock(now: Date, daysBack: number, hours: number, minutes: number): Date {
  const day = subDays(now, daysBack);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), hours, minutes);
}

function clockTime(now: Date, daysBack: number, h: string, m: string): Date | null {
  const [hours, minutes] = [Number(h), Number(m)];
  return hours > 23 || minutes > 59 ? null : atClock(now, daysBack, hours, minutes);
}

function parse(text: string, now: Date): Date | null {
  const lower = text.toLowerCase();
  if (lower === 'now') return new Date(now.getTime());
  if (lower === 'yesterday') return new Date(now.getTime() - UNIT_MS.d!);
  const at = YESTERDAY_AT.exec(text);
  if (at) return clockTime(now, 1, at[1]!, at[2]!);
  if (lower === 'this morning') {
    // Before eight, "this morning" can only mean earlier this morning: as good as now.
    const eight = atClock(now, 0, 8, 0);
    return eight.getTime() > now.getTime() ? new Date(now.getTime()) : eight;
  }
  if (lower === 'last night') return atClock(now, 1, 22, 0);
  const today = TODAY_AT.exec(text);
  if (today) return clockTime(now, 0, today[1]!, today[2]!);
  const clock = CLOCK.exec(text);
  if (clock) {
    const at = clockTime(now, 0, clock[1]!, clock[2]!);
    // "08:00" said in the early hours means yesterday's.
    return at && at.getTime() > now.getTime() ? clockTime(now, 1, clock[1]!, clock[2]!) : at;
  }
  const short = SHORT_AGO.exec(text);
  if (short) return new Date(now.getTime() - Number(short[1]) * UNIT_MS[short[2]!.toLowerCase()]!);
  const ago = AGO.exec(text);
  if (ago) {
    const amount = Number(ago[1]);
    const unit = ago[2]!.toLowerCase()[0]!;
    return new Date(now.getTime() - amount * UNIT_MS[unit]!);
  }
  if (ISO.test(text)) return parseISO(text.replace(' ', 'T'));
  return null;
}
