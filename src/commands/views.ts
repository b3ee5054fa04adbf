/** The journal's views: status (the episode at a glance), the dated plan, and history. */
import { utcOffsetName } from '../render/dates.js';
import type { CommandContext } from '../context.js';
import { checkInsOf, currentCare, currentOnset, episodeStatus, painOf, sessionsOf, triagesOf } from '../decision/episode.js';
import { episodePlan } from '../decision/plan.js';
import { parseDays } from '../input/numbers.js';
import { openJournal, readJournal, readWarnings } from '../journal/open.js';
import type { JournalRecord } from '../journal/records.js';
import { dayActionText, FUTURE_ONSET, historyLines, planLines, REMINDER_TEXT, statusJson, statusLines, when } from '../render/journal.js';
import { stretchNames } from '../render/verdict.js';
import { fitLines } from '../render/layout.js';
import { page, wantsPager } from '../terminal/pager.js';
import { emergencyOf, flagNames } from './names.js';

export function statusCommand(ctx: CommandContext): void {
  const now = ctx.now();
  const status = episodeStatus(readJournal(ctx), now);
  if (ctx.options.json) return ctx.json(statusJson(status, REMINDER_TEXT));
  ctx.out(statusLines(status, ctx, now, flagNames(ctx), () => emergencyOf(ctx)).join('\n'));
}

/**
 * Long views go through the pager when the output is a terminal (src/terminal/pager.ts), laid out
 * for the width as ctx.out lays out everything else.
 */
async function show(ctx: CommandContext, lines: string[], options: { pager?: boolean }): Promise<void> {
  const text = fitLines(lines.join('\n'), ctx.width);
  // Not for --plain (a screen reader reads on), nor on a basic terminal (TERM=dumb, LC_ALL=C), where
  // less stops to warn that the terminal is not fully functional and writes escapes of its own.
  const noPager = options.pager === false || !ctx.mode.redraw;
  if (!wantsPager({ env: ctx.env, stdout: ctx.stdout, noPager }, text.split('\n').length)) return ctx.out(text);
  await page({ env: ctx.env, stdout: ctx.stdout, noPager }, text);
}

export async function planCommand(ctx: CommandContext, options: { pager?: boolean } = {}): Promise<void> {
  const records = readJournal(ctx);
  const onset = currentOnset(records);
  if (!onset) {
    if (ctx.options.json) ctx.json([]);
    else ctx.out('No episode is recorded yet. Record when it started, for example:\n  back-relief onset "yesterday 18:00"\nthen run back-relief plan again.');
    return;
  }
  const { stretches } = ctx.content(['stretches']);
  const days = episodePlan(onset.at, ctx.now(), stretches, currentCare(records));
  const stretchName = stretchNames(stretches);
  if (ctx.options.json) {
    // The array keeps its shape; that no day is today is said on stderr.
    if (!days.some((d) => d.today)) ctx.err(`back-relief: warning: the onset, ${when(onset.at, ctx.now())}, is ${FUTURE_ONSET}. No day is marked as today.`);
    ctx.json(days.map((d) => ({ date: localDate(d.start), day: d.day, today: d.today, actions: d.actions.map((a) => dayActionText(a, stretchName)) })));
    return;
  }
  await show(ctx, planLines(days, onset.at, ctx, stretchName, ctx.now()), options);
}

function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The time zone the times are shown in, for a reader somewhere else. */
export function timeZone(now: Date, zoneName: string | undefined = Intl.DateTimeFormat().resolvedOptions().timeZone): { name: string; utcOffsetMinutes: number } {
  const utcOffsetMinutes = -now.getTimezoneOffset();
  // A POSIX TZ ("UTC0", "JST-9") has no zone name in Intl: the offset is the name then.
  // An empty or unknown TZ is "Etc/Unknown" to Intl: no name to give either.
  return { name: zoneName && zoneName !== 'Etc/Unknown' ? zoneName : utcOffsetName(utcOffsetMinutes), utcOffsetMinutes };
}

export async function historyCommand(ctx: CommandContext, options: { days?: string; pager?: boolean }): Promise<void> {
  const days = options.days === undefined ? 30 : parseDays(options.days);
  const now = ctx.now();
  const since = now.getTime() - days * 86_400_000;
  // What was taken back is shown, marked; everything that computes leaves it out.
  const journal = openJournal(ctx);
  const read = journal.read({ since, keepRetracted: true });
  for (const warning of readWarnings(read, journal.file, journal.quarantineFile)) ctx.err(warning);
  const retracted = read.retracted ?? new Set<JournalRecord>();
  const records = read.records.filter((r) => Date.parse(r.at) >= since);
  if (ctx.options.json) {
    const mark = <T extends JournalRecord>(list: T[]) => list.map((r) => (retracted.has(r) ? { ...r, retracted: true } : r));
    const of = <T extends JournalRecord['type']>(type: T) => mark(records.filter((r) => r.type === type));
    ctx.json({
      timeZone: timeZone(now),
      sessions: mark(sessionsOf(records)),
      pain: mark(painOf(records)),
      checkIns: mark(checkInsOf(records)),
      triages: mark(triagesOf(records)),
      routines: of('routine'),
      onsets: mark(records.filter((r) => r.type === 'onset' || r.type === 'onset-cleared')),
      precautions: of('precautions'),
      retractions: of('retraction'),
    });
    return;
  }
  await show(ctx, historyLines(records, days, ctx, flagNames(ctx), now, retracted), options);
}
