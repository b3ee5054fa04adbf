/** The summary for a clinician, as Markdown or JSON: what happened, in order, from the journal. */
import { format } from 'date-fns';
import { checkInsOf, currentCare, currentOnset, hoursSinceRecordedOnset, painOf, sessionsOf, triagesOf } from '../decision/episode.js';
import { DAILY_LIFE, PAIN_OVER_WEEK } from '../decision/triage.js';
import { phaseOf } from '../decision/time.js';
import type { JournalRecord, RoutineLine } from '../journal/records.js';
import { words } from './layout.js';
import { NOT_MEDICAL_ADVICE } from './labels.js';
import { count, lengthText } from '../text/durations.js';
import { painChart } from './chart.js';
import { timeOfDay, utcOffsetName } from './dates.js';
import { historyPainDays, recentPainDays } from '../decision/pain-days.js';

export interface SummaryInput {
  records: readonly JournalRecord[];
  now: Date;
  /** A red-flag id in words; the JSON keeps ids, the Markdown a clinician reads shows words. */
  flagName: (id: string) => string;
  /** A precaution id in words ("poor circulation"). */
  precautionName: (id: string) => string;
  /** Where the times were recorded, for a reader somewhere else. */
  timeZone: { name: string; utcOffsetMinutes: number };
}

const byTime = <T extends { at: string }>(items: T[]) => [...items].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

function flagsSaid(answers: Record<string, boolean | 'unsure'>, value: boolean | 'unsure'): string[] {
  return Object.entries(answers)
    .filter(([, v]) => v === value)
    .map(([id]) => id);
}

export function exportJson({ records, now, timeZone }: Pick<SummaryInput, 'records' | 'now' | 'timeZone'>) {
  const onset = currentOnset(records);
  const hours = hoursSinceRecordedOnset(onset, now);
  const screens = byTime([
    ...triagesOf(records).map((t) => ({ at: t.at, source: 'triage' as const, level: t.level, reasons: t.reasons.map((r) => r.id), redFlags: t.redFlags, derived: t.reasons.filter((r) => r.because === 'derived').map((r) => r.id) })),
    ...checkInsOf(records).map((c) => ({ at: c.at, source: 'check-in' as const, level: c.level, reasons: flagsSaid(c.redFlags, true).concat(flagsSaid(c.redFlags, 'unsure')), redFlags: c.redFlags, derived: [] as string[] })),
  ]).map((s) => ({
    at: s.at,
    source: s.source,
    // The verdict and every sign behind it (said, not sure, or derived).
    level: s.level,
    reasons: s.reasons,
    yes: flagsSaid(s.redFlags, true),
    unsure: flagsSaid(s.redFlags, 'unsure'),
    // Signs that followed from the onset or the pain score (pain for over a week, severe pain).
    derived: s.derived,
    answers: s.redFlags,
  }));
  const care = currentCare(records);
  const pain = byTime(painOf(records)).map((p) => ({ at: p.at, score: p.score, ...(p.note ? { note: p.note } : {}), ...(p.source ? { source: p.source } : {}) }));
  const routines = byTime(records.filter((r): r is RoutineLine => r.type === 'routine')).map((r) => ({
    at: r.at,
    level: r.level ?? 'gentle',
    outcome: r.outcome ?? 'completed',
    done: (r.steps ?? []).filter((s) => s.status === 'done').map((s) => s.id),
    skipped: (r.steps ?? []).filter((s) => s.status === 'skipped').map((s) => s.id),
    partial: (r.steps ?? []).filter((s) => s.status === 'partial').map((s) => s.id),
  }));
  return {
    generatedAt: now.toISOString(),
    timeZone,
    onset: onset ? { at: onset.at.toISOString(), approximate: onset.approximate } : null,
    hoursSinceOnset: hours,
    phase: phaseOf(hours),
    redFlagScreens: screens,
    precautions: { applying: care.precautions, pregnancy: care.pregnancy },
    pain,
    sessions: byTime(sessionsOf(records)),
    routines,
    notes: pain.filter((p) => p.note).map((p) => ({ at: p.at, text: p.note })),
    disclaimer: `Made with back-relief from the person's own journal. ${NOT_MEDICAL_ADVICE}`,
  };
}

/** The most rows a table of a report lists (the last ones); a journal may hold a million scores. */
export const MAX_ROWS = 500;
export const latest = <T>(items: readonly T[]): readonly T[] => (items.length > MAX_ROWS ? items.slice(-MAX_ROWS) : items);

const cell = (text: string) => text.replace(/\|/g, '\\|');

const DERIVED_FROM: Record<string, string> = {
  [PAIN_OVER_WEEK]: 'from the onset: 7 days or more',
  [DAILY_LIFE]: 'from a pain score of 8 or more',
};
const when = (iso: string) => `${format(new Date(iso), 'EEE d MMM yyyy')}, ${timeOfDay(new Date(iso))}`;

/** The time zone the report's times are in, said the same way in every export. */
export function timeZoneSentence(zone: { name: string; utcOffsetMinutes: number }): string {
  const utc = utcOffsetName(zone.utcOffsetMinutes);
  if (zone.name === 'UTC' || zone.name === 'Etc/UTC') return 'Times are in UTC.';
  return zone.name === utc ? `Times are in ${utc}.` : `Times are in the time zone ${zone.name} (${utc}).`;
}


export function exportMarkdown(input: SummaryInput): string {
  const s = exportJson(input);
  const out: string[] = ['# Back pain summary', ''];
  out.push(`Generated ${when(s.generatedAt)} by back-relief from the person's own journal. It is a self-report, not a clinical record.`, '');
  out.push(timeZoneSentence(s.timeZone), '');
  out.push('## Episode', '');
  if (s.onset) {
    out.push(`- Started: ${when(s.onset.at)}${s.onset.approximate ? ' (approximately)' : ''}`);
    if (s.hoursSinceOnset === null) out.push("- Time since: not known; the onset is ahead of the computer's clock");
    else out.push(`- Time since: ${count(Math.round(s.hoursSinceOnset / 24), 'day')} (${count(Math.round(s.hoursSinceOnset), 'hour')})`);
    out.push(`- Phase: ${s.phase} (acute under 4 weeks, subacute 4-12 weeks, chronic over 12 weeks)`);
  } else {
    out.push('- Start of this episode: not recorded');
  }
  out.push('', '## Warning-sign screens', '');
  if (s.redFlagScreens.length === 0) out.push('No screens recorded.');
  else {
    out.push('| When | Screen | Result | Signs reported | Not sure |', '|---|---|---|---|---|');
    const named = (ids: string[]) => ids.map(input.flagName).join('; ');
    for (const r of s.redFlagScreens) {
      const signs = [named(r.yes), ...r.derived.map((id) => `${input.flagName(id)} (${DERIVED_FROM[id] ?? 'from the other answers'})`)].filter(Boolean).join('; ');
      out.push(`| ${when(r.at)} | ${r.source} | ${r.level} | ${cell(signs || 'none')} | ${cell(named(r.unsure) || '-')} |`);
    }
  }
  out.push('', '## Precautions', '');
  const { applying, pregnancy } = s.precautions;
  if (applying === null) out.push('- Not answered yet.');
  else out.push(`- ${applying.length ? `Apply (yes or not sure): ${applying.map(input.precautionName).join('; ')}` : 'None applies.'}`);
  if (pregnancy !== null) out.push(`- Pregnant or gave birth in the last 6 weeks: ${pregnancy ? 'yes or not sure' : 'no'}.`);
  out.push('', '## Pain scores (0-10)', '');
  if (s.pain.length === 0) out.push('No scores recorded.');
  else {
    // A Markdown file is UTF-8: the block characters show wherever it is read.
    const pain = painOf(input.records);
    out.push('```', ...painChart(historyPainDays(pain, input.now), { width: 80, unicode: true, plain: false, now: input.now }, recentPainDays(pain, input.now)), '```', '');
    const listed = latest(s.pain);
    if (listed.length < s.pain.length) out.push(`The last ${listed.length} of ${s.pain.length} scores; the chart above counts them all, and --format json lists them all.`, '');
    out.push('| When | Score | Note |', '|---|---|---|');
    for (const p of listed) out.push(`| ${when(p.at)} | ${p.score} | ${cell(p.note ?? '')} |`);
  }
  out.push('', '## Ice and heat sessions', '');
  if (s.sessions.length === 0) out.push('No sessions recorded.');
  else {
    out.push('| Started | Ended | Kind | Time | Outcome |', '|---|---|---|---|---|');
    for (const x of s.sessions) out.push(`| ${when(x.startedAt)} | ${timeOfDay(new Date(x.endedAt))} | ${x.kind} | ${lengthText(x.actualSeconds)} of ${lengthText(x.plannedSeconds)} | ${x.outcome} |`);
  }
  out.push('', '## Stretch routines', '');
  if (s.routines.length === 0) out.push('No routines recorded.');
  else {
    const how: Record<string, string> = { completed: 'completed', stopped: 'stopped early', pain: 'stopped: the pain got worse', interrupted: 'interrupted' };
    out.push('| When | Level | Outcome | Done | Skipped or cut short |', '|---|---|---|---|---|');
    for (const r of s.routines) out.push(`| ${when(r.at)} | ${r.level} | ${how[r.outcome] ?? r.outcome} | ${cell(r.done.map(words).join(', ') || 'none')} | ${cell([...r.skipped, ...r.partial].map(words).join(', ') || '-')} |`);
  }
  out.push('', '## Notes', '');
  if (s.notes.length === 0) out.push('No notes.');
  else {
    const listed = latest(s.notes);
    if (listed.length < s.notes.length) out.push(`The last ${listed.length} of ${s.notes.length} notes; --format json lists them all.`, '');
    for (const n of listed) out.push(`- ${when(n.at)}: ${n.text}`);
  }
  out.push('', '---', '', NOT_MEDICAL_ADVICE, '');
  return out.join('\n');
}
