/** The journal's views in words: status, the dated plan, history with its pain chart. */
import type { DayAction, PlanDay } from '../decision/plan.js';
import type { EpisodeStatus, Reminder } from '../decision/episode.js';
import type { ThermalKind } from '../decision/precautions.js';
import type { Thermal } from '../decision/time.js';
import type { JournalRecord, PainLine, SessionLine } from '../journal/records.js';
import type { NextStep, Verdict } from '../decision/episode.js';
import { lengthText } from '../text/durations.js';
import { clockAt, day, dayAndTime } from './dates.js';
import { LEVEL_TITLE } from './labels.js';
import { words, wrap } from './layout.js';
import { painChart, sparklineText } from './chart.js';
import type { OutputMode } from './mode.js';
import { historyPainDays, recentPainDays } from '../decision/pain-days.js';
import type { View } from './listings.js';
import { durationWords, leftOutText, listWords } from './verdict.js';
import { callNow, type EmergencyContact } from './emergency.js';

const asDate = (date: Date | string) => (typeof date === 'string' ? new Date(date) : date);
/** "Wed 25 Nov, 14:05" (with the year outside this year). */
export const when = (date: Date | string, now: Date) => dayAndTime(asDate(date), now);

export const THERMAL_WORDS = {
  ice: 'ice or heat (ice is the usual habit in the first 48 hours; heat has the better evidence)',
  'ice-or-heat': 'ice or heat (48 to 72 hours)',
  heat: 'heat (from 72 hours)',
  unknown: 'ice or heat (ice is the usual habit in the first 2-3 days; heat suits any time; the onset is not recorded)',
} as const;

/** An onset ahead of the clock, after "is": what it means and what to do. */
export const FUTURE_ONSET = 'in the future: check the computer\'s clock or record the onset again (back-relief onset "yesterday 18:00")';

/** The thermal advice when the onset is in the future: as unknown, saying why. */
const THERMAL_FUTURE_ONSET = 'ice or heat (ice is the usual habit in the first 2-3 days; heat suits any time; the onset is in the future, so the day of the episode is not known)';

export const REMINDER_TEXT: Record<Reminder, string> = {
  'over-a-week': "It has been more than a week: if it is not clearly better, book a doctor's appointment.",
  chronic: 'It has been more than 12 weeks: this is now chronic back pain; see a physical therapist.',
};

const sessionCore = (s: SessionLine) => `${lengthText(s.actualSeconds)} of ${lengthText(s.plannedSeconds)}, ${s.outcome}`;

export function sessionText(s: SessionLine, now: Date): string {
  return `${s.kind}, ${sessionCore(s)}, started ${when(s.startedAt, now)}, ended ${clockAt(new Date(s.endedAt), new Date(s.startedAt))}`;
}

/** How each verdict level reads as advice given ("you were advised to ..."). */
const ADVISED: Record<Verdict['level'], string> = {
  emergency: 'to get emergency care',
  urgent: 'to see a doctor today',
  doctor: "to book a doctor's appointment",
  'self-care': 'to care for it at home',
};

/** `back-relief heat, or back-relief ice`: the sessions that suit now, the preferred first. */
export function sessionCommands(kinds: readonly ThermalKind[]): string {
  return kinds.map((k) => `back-relief ${k}`).join(', or ');
}

/** The next useful step in words, ending with the command to run. */
export function nextStepText(next: NextStep, now: Date, flagName: (id: string) => string, emergency: () => EmergencyContact | null = () => null): string {
  switch (next.kind) {
    case 'triage':
      return 'Start with the warning signs: back-relief triage';
    case 'see-doctor': {
      const advised = `You were advised ${ADVISED[next.verdict.level]}${next.verdict.reasons.length ? ` (${next.verdict.reasons.map(flagName).join('; ')})` : ''}, ${agoText(next.verdict.at, now)}.`;
      // The number to call, said here too: this line may be all a person reads.
      return next.verdict.level === 'emergency' ? `${advised} If that has not happened yet: ${callNow(emergency())}` : `${advised} If that has not happened yet, do it first.`;
    }
    case 'check-in':
      return "Today's check-in: back-relief check-in";
    case 'session':
      return `A 20-minute session: ${sessionCommands(next.kinds)}`;
    case 'wait-break':
      return `The next ${next.then} session can start at ${clockAt(next.until, now)}: back-relief ${next.then}`;
    case 'routine':
      return 'Gentle stretches, guided: back-relief routine';
  }
}

function agoText(at: Date, now: Date): string {
  const hours = (now.getTime() - at.getTime()) / 3_600_000;
  return hours < 1 ? 'less than an hour ago' : `${durationWords(hours).replace(/^about /, '')} ago`;
}

export function statusLines(status: EpisodeStatus, view: View & { mode: OutputMode }, now: Date, flagName: (id: string) => string, emergency: () => EmergencyContact | null = () => null): string[] {
  const { style, width } = view;
  const lines: string[] = [style.heading('This episode')];
  const add = (label: string, text: string) => lines.push(...wrap(text, width, `  ${style.bold(label.padEnd(14))}`, ' '.repeat(16)));
  if (status.onset && status.onsetInFuture) {
    add('Started', `${when(status.onset.at, now)}${status.onset.approximate ? ' (approximately)' : ''}, which is ${FUTURE_ONSET}`);
  } else if (status.onset && status.hoursSinceOnset !== null) {
    add('Started', `${when(status.onset.at, now)}${status.onset.approximate ? ' (approximately)' : ''}, ${durationWords(status.hoursSinceOnset)} ago`);
    add('Phase', status.phase);
  } else {
    add('Started', 'not recorded. Record it with: back-relief onset "yesterday 18:00"');
  }
  if (status.verdict) {
    const v = status.verdict;
    const why = v.reasons.length ? `: ${v.reasons.map(flagName).join('; ')}` : '';
    add('Last verdict', `${LEVEL_TITLE[v.level]} (${v.source}, ${agoText(v.at, now)})${why}`);
  }
  if (status.emergencyFirst) add('Now', 'emergency care first; heat, ice and stretches can wait until you have been seen.');
  else {
    const suggest = status.suggested.length ? `: ${sessionCommands(status.suggested)}` : ': ask a doctor or pharmacist before heat or ice (back-relief explain precautions)';
    add('Now', `${status.onsetInFuture ? THERMAL_FUTURE_ONSET : THERMAL_WORDS[status.thermal]}${suggest}`);
  }
  add('Last session', status.lastSession ? sessionText(status.lastSession, now) : `none yet${status.suggested.length ? ` (${sessionCommands(status.suggested)})` : ''}`);
  for (const b of status.breaks) add('Skin break', `${b.kind} until ${clockAt(b.endsAt, now)}; the next ${b.kind} session can start then`);
  if (status.lastPain) {
    const trend = status.trend.trend === 'not enough scores' ? '' : `; over the last week ${status.trend.trend} (${status.trend.from} to ${status.trend.to})`;
    add('Last pain', `${status.lastPain.score}/10 on ${when(status.lastPain.at, now)}${trend}`);
    if (status.recentPain.some((d) => d.mean !== null)) add('Last 14 days', sparklineText(status.recentPain, { width, unicode: view.mode.unicode, plain: view.mode.plain, now }));
  } else {
    add('Last pain', 'none yet (back-relief pain 5)');
  }
  if (status.reminders.length) {
    lines.push('', style.bold('Reminders'));
    for (const r of status.reminders) lines.push(...wrap(REMINDER_TEXT[r], width, '  ! ', '    '));
  }
  lines.push('', ...wrap(`Next: ${nextStepText(status.next, now, flagName, emergency)}`, width, '', '  '));
  return lines;
}

/** status --json: the cli.md shape, and what status shows besides. */
export function statusJson(status: EpisodeStatus, reminderText: Record<Reminder, string>) {
  return {
    onset: status.onset?.at.toISOString() ?? null,
    onsetInFuture: status.onsetInFuture,
    hoursSinceOnset: status.hoursSinceOnset,
    phase: status.phase,
    thermal: status.thermal,
    lastSession: status.lastSession,
    breakEndsAt: status.breakEndsAt?.toISOString() ?? null,
    breaks: status.breaks.map((b) => ({ kind: b.kind, endsAt: b.endsAt.toISOString() })),
    lastPain: status.lastPain ? { at: status.lastPain.at, score: status.lastPain.score } : null,
    trend: status.trend,
    reminders: status.reminders.map((r) => reminderText[r]),
    lastVerdict: status.verdict ? { source: status.verdict.source, at: status.verdict.at.toISOString(), level: status.verdict.level, reasons: status.verdict.reasons } : null,
    verdictApplies: status.verdictApplies,
    emergencyFirst: status.emergencyFirst,
    suggested: status.suggested,
    next: status.next.kind,
  };
}

function dayThermalText(thermal: Exclude<Thermal, 'unknown'>, askFirst: readonly ThermalKind[]): string {
  if (askFirst.includes('ice') && askFirst.includes('heat')) return 'Heat and ice: only after asking a doctor or pharmacist (back-relief explain precautions).';
  if (askFirst.includes('ice')) return 'Heat: 20 minutes, a cloth between pack and skin, then 20 minutes off (back-relief heat). Ice: ask a doctor or pharmacist first.';
  if (askFirst.includes('heat')) return 'Ice: 20 minutes, a cloth between pack and skin, then 20 minutes off (back-relief ice). Heat: ask a doctor or pharmacist first.';
  return {
    ice: 'Ice or heat: 20 minutes, a cloth between pack and skin, then 20 minutes off. Ice is the usual habit now; heat is just as fine and has the better evidence (back-relief ice, back-relief heat).',
    'ice-or-heat': 'Ice or heat: 20 minutes, a cloth between pack and skin, then 20 minutes off (back-relief heat, back-relief ice).',
    heat: 'Heat: 20 minutes, a cloth between pack and skin, then 20 minutes off (back-relief heat).',
  }[thermal];
}

/** The plan's actions in words; `stretchName` turns a stretch id into its name. */
export function dayActionText(action: DayAction, stretchName: (id: string) => string): string {
  switch (action.kind) {
    case 'thermal':
      return dayThermalText(action.thermal, action.askFirst);
    case 'check-precautions':
      return 'Before heat, ice or stretches: check the precautions (reduced skin feeling, poor circulation, broken skin, osteoporosis, pregnancy). back-relief triage asks about them, and a timer or the routine asks before it starts.';
    case 'rest-ok':
      return 'Rest if you need to, but a day or two at most.';
    case 'walk-short':
      return 'Short, easy walks as soon as you are able.';
    case 'pain-relief':
      return 'If pain keeps you from moving: pain relief from a pharmacy, as the label or the pharmacist says (back-relief explain pain-relief).';
    case 'keep-moving':
      return 'Keep moving: walk every day, 5-10 minutes or more, and change position often.';
    case 'stretches': {
      const names = action.ids.map(stretchName);
      const left = action.leftOut.length ? ` Left out for you: ${leftOutText(action.leftOut, stretchName)}.` : '';
      const list = names.length ? `${action.first ? 'Gentle stretches' : 'Stretches'}: ${listWords(names)} (back-relief routine).` : 'No stretches for now.';
      return `${list}${left}`;
    }
    case 'check-in':
      return 'Check in: back-relief check-in';
    case 'doctor-if-not-better':
      return "A week since it started: if it is not clearly better, book a doctor's appointment.";
    case 'build-strength':
      return 'Build strength: glute bridges toward 30 repetitions; core work 10-15 minutes, three times a week.';
    case 'subacute':
      return 'Four weeks: this is now subacute. If it still hurts, see a doctor or a physical therapist.';
    case 'chronic':
      return 'More than 12 weeks: this is now chronic back pain. See a physical therapist for a programme of exercise.';
  }
}

/**
 * The plan in words. Days with the same advice are grouped ("Days 3-6"), so the screen shows where
 * the advice changes; `--json` keeps every day.
 */
export function planLines(days: PlanDay[], onset: Date, view: View, stretchName: (id: string) => string, now: Date): string[] {
  const { style, width } = view;
  const lines = [style.heading(`Plan from ${when(onset, now)} (day 0 starts at the onset)`)];
  // No day is today only when the onset is ahead of the clock (episodePlan).
  if (!days.some((d) => d.today)) lines.push(...wrap(`The onset is ${FUTURE_ONSET}. No day is marked as today.`, width));
  const groups: { days: PlanDay[]; texts: string[] }[] = [];
  for (const d of days) {
    const texts = d.actions.map((a) => dayActionText(a, stretchName));
    const last = groups.at(-1);
    const contiguous = last && last.days.at(-1)!.day + 1 === d.day;
    if (last && contiguous && last.texts.join('\n') === texts.join('\n')) last.days.push(d);
    else groups.push({ days: [d], texts });
  }
  let previous = -1;
  for (const g of groups) {
    const first = g.days[0]!;
    const lastDay = g.days.at(-1)!;
    if (first.day > previous + 1) lines.push('', '  ...');
    previous = lastDay.day;
    const today = g.days.find((d) => d.today);
    const span = g.days.length === 1 ? `Day ${first.day}` : `Days ${first.day}-${lastDay.day}`;
    const dates = g.days.length === 1 ? day(first.start, now) : `${day(first.start, now)} to ${day(lastDay.start, now)}`;
    const mark = today ? (g.days.length === 1 ? '  (today)' : `  (today is day ${today.day})`) : '';
    const label = `${today ? '>' : ' '} ${span.padEnd(10)} ${dates}${mark}`;
    lines.push('', today ? style.bold(label) : label);
    for (const t of g.texts) lines.push(...wrap(t, width, '    - ', '      '));
  }
  return lines;
}

/** The most entries history lists on screen; --json has them all. */
export const MAX_ENTRIES = 500;

/** A red-flag id to the words a person answered it in; the journal keeps ids, the screen shows words. */
export type FlagName = (id: string) => string;

export function historyLines(
  records: readonly JournalRecord[],
  days: number,
  view: View & { mode: OutputMode },
  flagName: FlagName,
  now: Date,
  retracted: ReadonlySet<JournalRecord> = new Set(),
): string[] {
  const { style, width } = view;
  const lines = [style.heading(`The last ${days} day${days === 1 ? '' : 's'}`)];
  // The chart counts only what stands; the entries list shows what was taken back, marked.
  const pain = records.filter((r): r is PainLine => r.type === 'pain' && !retracted.has(r));
  if (records.length === 0) {
    lines.push('', 'Nothing recorded in this period. Start with: back-relief onset, back-relief pain 5, back-relief ice');
    return lines;
  }
  const chart = { width, unicode: view.mode.unicode, plain: view.mode.plain, now };
  if (pain.length) lines.push('', ...painChart(historyPainDays(pain, now), chart, recentPainDays(pain, now)));
  lines.push('', style.bold('Entries'));
  // A screen of entries, not a million: the latest ones, in the order they were written (the
  // journal's own order, so no sort of the whole period), the rest counted.
  const shown = records.length > MAX_ENTRIES ? records.slice(-MAX_ENTRIES) : records;
  if (shown.length < records.length) {
    lines.push(...wrap(`(${records.length - shown.length} earlier entries in this period are not listed; back-relief history --json has them all, and --days looks at fewer days.)`, width, '  ', '  '));
  }
  for (const r of [...shown].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
    const text = retracted.has(r) ? `[taken back] ${entryText(r, flagName, now)}` : entryText(r, flagName, now);
    // Beside its time where there is room; under it on a narrow screen.
    if (width >= 56) lines.push(...wrap(text, width, `  ${when(r.at, now)}  `, ' '.repeat(22)));
    else lines.push(`  ${when(r.at, now)}`, ...wrap(text, width, '    '));
  }
  return lines;
}

export function entryText(r: JournalRecord, flagName: FlagName, now: Date): string {
  switch (r.type) {
    case 'session':
      return `${r.kind === 'ice' ? 'Ice' : 'Heat'} session: ${sessionCore(r)} (started ${clockAt(new Date(r.startedAt), new Date(r.endedAt))}, ended ${clockAt(new Date(r.endedAt), new Date(r.endedAt))})`;
    case 'pain':
      return `Pain ${r.score}/10${r.source && r.source !== 'pain' ? ` (from ${r.source})` : ''}${r.note ? `: ${r.note}` : ''}`;
    case 'onset':
      return `Onset recorded: ${when(r.onset, now)}${r.approximate ? ' (approximately)' : ''}`;
    case 'onset-cleared':
      return 'Episode ended';
    case 'triage':
      return `Triage: ${r.level}${r.reasons.length ? ` (${r.reasons.map((x) => flagName(x.id)).join('; ')})` : ''}`;
    case 'check-in':
      // Its pain score, if any, has a pain line of its own just after it.
      return `Check-in: ${r.level === 'emergency' ? 'an emergency sign was reported' : 'no emergency sign'}`;
    case 'precautions': {
      const yes = Object.entries(r.answers).filter(([, a]) => a !== false).map(([id]) => words(id));
      return `Precautions answered: ${yes.length ? yes.join(', ') : 'none applies'}${r.pregnancy ? '; pregnant or recently gave birth' : ''}`;
    }
    case 'routine': {
      const steps = r.steps ?? [];
      const done = steps.filter((x) => x.status === 'done').map((x) => words(x.id));
      const skipped = steps.filter((x) => x.status === 'skipped').map((x) => words(x.id));
      const how = { completed: 'completed', stopped: 'stopped early', pain: 'stopped because the pain got worse', interrupted: 'interrupted' }[r.outcome ?? 'completed'];
      return `Stretch routine (${r.level ?? 'gentle'}): ${how}, ${done.length} of ${steps.length} done${done.length ? ` (${done.join(', ')})` : ''}${skipped.length ? `; skipped ${skipped.join(', ')}` : ''}`;
    }
    case 'retraction':
      return `Took back the entry of ${when(r.retracts.at, now)}`;
    default:
      return `${(r as { type: string }).type}`;
  }
}
