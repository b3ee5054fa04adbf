/** `back-relief check-in`: the emergency signs again, then a pain score; both recorded. */
import { emergencyOf } from './names.js';
import type { RedFlag } from '../content/schema.js';
import type { CommandContext } from '../context.js';
import { promptIo } from './prompt-io.js';
import { currentCare, episodeStatus } from '../decision/episode.js';
import { checkIn, type FlagAnswer } from '../decision/triage.js';
import { UsageError } from '../errors.js';
import { openJournal, readJournal } from '../journal/open.js';
import type { JournalRecord } from '../journal/records.js';
import { REMINDER_TEXT, THERMAL_WORDS } from '../render/journal.js';
import { sanitizeLine } from '../render/sanitize.js';
import { verdictJson, verdictText } from '../render/verdict.js';
import { parseScore } from '../input/numbers.js';
import { THRESHOLDS } from '../decision/time.js';

export interface CheckInOptions {
  signs?: string | undefined;
  pain?: string | undefined;
}

/** `--signs none`, `--signs unsure`, or emergency sign ids separated by commas. */
export function parseSigns(text: string, emergency: readonly RedFlag[]): Record<string, FlagAnswer> {
  const value = text.trim().toLowerCase();
  if (value === 'none' || value === 'unsure') {
    return Object.fromEntries(emergency.map((f) => [f.id, value === 'none' ? false : 'unsure']));
  }
  const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
  const known = new Set(emergency.map((f) => f.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (ids.length === 0 || unknown.length) {
    throw new UsageError(
      `--signs: ${unknown.length ? `"${sanitizeLine(unknown.join(','))}" is not an emergency sign` : 'give an answer'}; use none, unsure, or any of ${[...known].join(', ')}.`,
    );
  }
  return Object.fromEntries(emergency.map((f) => [f.id, ids.includes(f.id)]));
}

export async function checkInCommand(ctx: CommandContext, options: CheckInOptions): Promise<void> {
  const loaded = ctx.content(['red-flags', 'precautions']);
  // The verdict names the person's own emergency number where it is known.
  const content = { ...loaded, emergency: emergencyOf(ctx) };
  const flags = content['red-flags'];
  const emergency = flags.filter((f) => f.level === 'emergency');
  let redFlags: Record<string, FlagAnswer>;
  let painScore: number | undefined;
  if (options.signs !== undefined || options.pain !== undefined || !ctx.interactive) {
    if (options.signs === undefined) {
      throw new UsageError(
        `check-in cannot ask here (${ctx.options.input ? 'no terminal' : '--no-input'}). Give the answers with --signs none|unsure|ID,ID and --pain 0-10, for example: back-relief check-in --signs none --pain 4`,
      );
    }
    redFlags = parseSigns(options.signs, emergency);
    painScore = options.pain === undefined ? undefined : parseScore(options.pain, '--pain');
  } else {
    const { askCheckIn } = await import('../prompts/ask.js');
    ({ redFlags, painScore } = await askCheckIn(flags, promptIo(ctx)));
  }

  const now = ctx.now();
  const journal = openJournal(ctx);
  const result = checkIn(redFlags, painScore, flags, now, currentCare(readJournal(ctx, journal)));
  const at = now.toISOString();
  const records: JournalRecord[] = [{ type: 'check-in', at, level: result.level, redFlags: { ...redFlags }, painScore: result.painScore }];
  if (result.painScore !== null) records.push({ type: 'pain', at, score: result.painScore, source: 'check-in' });
  journal.append(records);

  if (ctx.options.json) {
    ctx.json(verdictJson(result, content, now));
    return;
  }
  if (result.level === 'emergency') {
    ctx.out(verdictText(result, content, { style: ctx.style, width: ctx.width, mode: ctx.mode, now }));
    return;
  }
  const status = episodeStatus(readJournal(ctx, journal), now);
  ctx.out(`Check-in recorded: no emergency sign${result.painScore !== null ? `, pain ${result.painScore}/10` : ''}.`);
  if (result.level === 'doctor') ctx.out(`A pain score of ${THRESHOLDS.severePainScore} or more is reason enough to book a doctor's appointment in the next few days.`);
  if (status.trend.trend !== 'not enough scores') ctx.out(`Over the last week the pain is ${status.trend.trend} (${status.trend.from} to ${status.trend.to}).`);
  ctx.out(`Now: ${THERMAL_WORDS[status.thermal]}.`);
  for (const r of status.reminders) ctx.out(`! ${REMINDER_TEXT[r]}`);
  ctx.out('Anything new besides the emergency signs (fever, numbness in one leg, pain at night)? Run: back-relief triage');
}
