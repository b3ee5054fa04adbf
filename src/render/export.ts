/** The summary for a clinician, as Markdown or JSON: what happened, in order, from the journal. */
import { format } from 'date-fns';
import { checkInsOf, currentOnset, hoursSinceRecordedOnset, painOf, sessionsOf, triagesOf } from '../decision/episode.js';
import { phaseOf } from '../decision/time.js';
import type { JournalRecord } from '../journal/records.js';
import { NOT_MEDICAL_ADVICE } from './labels.js';
import { minutesText, painChart } from './journal.js';

export interface SummaryInput {
  records: readonly JournalRecord[];
  now: Date;
  /** A red-flag id in words; the JSON keeps ids, the Markdown a clinician reads shows words. */
  flagName: (id: string) => string;
}

const byTime = <T extends { at: string }>(items: T[]) => [...items].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

function flagsSaid(answers: Record<string, boolean | 'unsure'>, value: boolean | 'unsure'): string[] {
  return Object.entries(answers)
    .filter(([, v]) => v === value)
    .map(([id]) => id);
}

export function exportJson({ records, now }: Pick<SummaryInput, 'records' | 'now'>) {
  const onset = currentOnset(records);
  const hours = hoursSinceRecordedOnset(onset, now);
  const screens = byTime([
    ...triagesOf(records).map((t) => ({ at: t.at, source: 'triage' as const, level: t.level, redFlags: t.redFlags })),
    ...checkInsOf(records).map((c) => ({ at: c.at, source: 'check-in' as const, level: c.level, redFlags: c.redFlags })),
  ]).map((s) => ({ at: s.at, source: s.source, level: s.level, yes: flagsSaid(s.redFlags, true), unsure: flagsSaid(s.redFlags, 'unsure'), answers: s.redFlags }));
  const pain = byTime(painOf(records)).map((p) => ({ at: p.at, score: p.score, ...(p.note ? { note: p.note } : {}), ...(p.source ? { source: p.source } : {}) }));
  return {
    generatedAt: now.toISOString(),
    onset: onset ? { at: onset.at.toISOString(), approximate: onset.approximate } : null,
    hoursSinceOnset: hours,
    phase: phaseOf(hours),
    redFlagScreens: screens,
    pain,
    sessions: byTime(sessionsOf(records)),
    notes: pain.filter((p) => p.note).map((p) => ({ at: p.at, text: p.note })),
    disclaimer: `Made with back-relief from the person's own journal. ${NOT_MEDICAL_ADVICE}`,
  };
}

const cell = (text: string) => text.replace(/\|/g, '\\|');
const when = (iso: string) => format(new Date(iso), 'EEE d MMM yyyy, HH:mm');

export function exportMarkdown(input: SummaryInput): string {
  const s = exportJson(input);
  const out: string[] = ['# Back pain summary', ''];
  out.push(`Generated ${when(s.generatedAt)} by back-relief from the person's own journal. It is a self-report, not a clinical record.`, '');
  out.push('## Episode', '');
  if (s.onset) {
    out.push(`- Started: ${when(s.onset.at)}${s.onset.approximate ? ' (approximately)' : ''}`);
    out.push(`- Time since: ${Math.round((s.hoursSinceOnset ?? 0) / 24)} days (${Math.round(s.hoursSinceOnset ?? 0)} hours)`);
    out.push(`- Phase: ${s.phase} (acute under 4 weeks, subacute 4-12 weeks, chronic over 12 weeks)`);
  } else {
    out.push('- Start of this episode: not recorded');
  }
  out.push('', '## Warning-sign screens', '');
  if (s.redFlagScreens.length === 0) out.push('No screens recorded.');
  else {
    out.push('| When | Screen | Result | Signs reported | Not sure |', '|---|---|---|---|---|');
    const named = (ids: string[]) => ids.map(input.flagName).join('; ');
    for (const r of s.redFlagScreens) out.push(`| ${when(r.at)} | ${r.source} | ${r.level} | ${cell(named(r.yes) || 'none')} | ${cell(named(r.unsure) || '-')} |`);
  }
  out.push('', '## Pain scores (0-10)', '');
  if (s.pain.length === 0) out.push('No scores recorded.');
  else {
    out.push('```', ...painChart(painOf(input.records), 80), '```', '');
    out.push('| When | Score | Note |', '|---|---|---|');
    for (const p of s.pain) out.push(`| ${when(p.at)} | ${p.score} | ${cell(p.note ?? '')} |`);
  }
  out.push('', '## Ice and heat sessions', '');
  if (s.sessions.length === 0) out.push('No sessions recorded.');
  else {
    out.push('| Started | Kind | Time | Outcome |', '|---|---|---|---|');
    for (const x of s.sessions) out.push(`| ${when(x.startedAt)} | ${x.kind} | ${minutesText(x.actualSeconds)} of ${minutesText(x.plannedSeconds)} | ${x.outcome} |`);
  }
  out.push('', '## Notes', '');
  if (s.notes.length === 0) out.push('No notes.');
  else for (const n of s.notes) out.push(`- ${when(n.at)}: ${n.text}`);
  out.push('', '---', '', NOT_MEDICAL_ADVICE, '');
  return out.join('\n');
}
