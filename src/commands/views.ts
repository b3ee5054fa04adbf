/** The journal's views: status (the episode at a glance), the dated plan, and history. */
import type { CommandContext } from '../context.js';
import { checkInsOf, currentCare, currentOnset, episodeStatus, painOf, sessionsOf, triagesOf } from '../decision/episode.js';
import { episodePlan } from '../decision/plan.js';
import { parseDays } from '../input/numbers.js';
import { openJournal, readJournal } from '../journal/open.js';
import type { JournalRecord } from '../journal/records.js';
import { dayActionText, FUTURE_ONSET, historyLines, planLines, REMINDER_TEXT, statusJson, statusLines, when } from '../render/journal.js';
import { stretchNames } from '../render/verdict.js';
import { flagNames } from './names.js';

export function statusCommand(ctx: CommandContext): void {
  const now = ctx.now();
  const status = episodeStatus(readJournal(ctx), now);
  if (ctx.options.json) return ctx.json(statusJson(status, REMINDER_TEXT));
  ctx.out(statusLines(status, ctx, now, flagNames(ctx)).join('\n'));
}

export function planCommand(ctx: CommandContext): void {
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
  ctx.out(planLines(days, onset.at, ctx, stretchName, ctx.now()).join('\n'));
}

function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The time zone the times are shown in, for a reader somewhere else. */
export function timeZone(now: Date): { name: string; utcOffsetMinutes: number } {
  return { name: Intl.DateTimeFormat().resolvedOptions().timeZone, utcOffsetMinutes: -now.getTimezoneOffset() };
}

export function historyCommand(ctx: CommandContext, options: { days?: string }): void {
  const days = options.days === undefined ? 30 : parseDays(options.days);
  const now = ctx.now();
  const since = now.getTime() - days * 86_400_000;
  // What was taken back is shown, marked; everything that computes leaves it out.
  const read = openJournal(ctx).read({ since, keepRetracted: true });
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
  ctx.out(historyLines(records, days, ctx, flagNames(ctx), now, retracted).join('\n'));
}
