/** The journal commands: onset, pain, status, plan, history, export. */
import { closeSync, fsyncSync, linkSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { CommandContext } from '../context.js';
import { checkInsOf, currentCare, currentOnset, episodeStatus, painOf, sessionsOf } from '../decision/episode.js';
import { episodePlan } from '../decision/plan.js';
import { hoursSinceOnset, phaseOf, thermalAdvice } from '../decision/time.js';
import { FileError, UsageError } from '../errors.js';
import { describeFsError } from '../text/fs-errors.js';
import { parseDays, parseScore } from '../input/numbers.js';
import { parseWhen } from '../input/when.js';
import { openJournal, readJournal } from '../journal/open.js';
import type { PainLine } from '../journal/records.js';
import { dayActionText, historyLines, planLines, REMINDER_TEXT, statusLines, THERMAL_WORDS, when } from '../render/journal.js';
import { words } from '../render/layout.js';
import { sanitizeLine } from '../render/sanitize.js';
import { durationWords, stretchNames } from '../render/verdict.js';
import { exportJson, exportMarkdown } from '../render/export.js';

const MAX_NOTE = 500;

function visibleCharacters(text: string): number {
  let n = 0;
  for (const _ of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) n++;
  return n;
}

export function onsetCommand(ctx: CommandContext, words: string[], options: { clear?: boolean }): void {
  const journal = openJournal(ctx);
  const now = ctx.now();
  if (options.clear) {
    if (words.length) throw new UsageError('onset: give a time or --clear, not both.');
    const record = { type: 'onset-cleared', at: now.toISOString() } as const;
    journal.append([record]);
    if (ctx.options.json) ctx.json(record);
    else ctx.out('Episode ended. Record a new one with: back-relief onset');
    return;
  }
  const onset = parseWhen(words.length ? words.join(' ') : 'now', now);
  const record = { type: 'onset', at: now.toISOString(), onset: onset.toISOString() } as const;
  journal.append([record]);
  if (ctx.options.json) {
    ctx.json(record);
    return;
  }
  const hours = hoursSinceOnset(onset, now)!;
  ctx.out(`Onset recorded: ${when(onset, now)} (${hours < 1 ? 'just now' : `${durationWords(hours)} ago`}).`);
  ctx.out(`Now: ${THERMAL_WORDS[thermalAdvice(hours)]}. Phase: ${phaseOf(hours)}.`);
  ctx.out('Your dated plan: back-relief plan');
}

export function painCommand(ctx: CommandContext, scoreText: string, options: { note?: string }): void {
  const score = parseScore(scoreText);
  const note = options.note === undefined ? undefined : sanitizeLine(options.note).trim();
  // Characters as a person sees them: an emoji or an accented letter is one, whatever its encoding.
  if (note !== undefined && visibleCharacters(note) > MAX_NOTE) throw new UsageError(`--note is too long (${MAX_NOTE} characters at most).`);
  const record: PainLine = { type: 'pain', at: ctx.now().toISOString(), score, ...(note ? { note } : {}) };
  openJournal(ctx).append([record]);
  if (ctx.options.json) ctx.json(record);
  else ctx.out(`Pain ${score}/10 recorded${note ? ` with your note` : ''}. See the trend with: back-relief history`);
}

export function statusCommand(ctx: CommandContext): void {
  const now = ctx.now();
  const status = episodeStatus(readJournal(ctx), now);
  if (ctx.options.json) {
    ctx.json({
      onset: status.onset?.at.toISOString() ?? null,
      hoursSinceOnset: status.hoursSinceOnset,
      phase: status.phase,
      thermal: status.thermal,
      lastSession: status.lastSession,
      breakEndsAt: status.breakEndsAt?.toISOString() ?? null,
      lastPain: status.lastPain ? { at: status.lastPain.at, score: status.lastPain.score } : null,
      trend: status.trend,
      reminders: status.reminders.map((r) => REMINDER_TEXT[r]),
    });
    return;
  }
  ctx.out(statusLines(status, ctx, now).join('\n'));
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
    ctx.json(
      days.map((d) => ({
        date: localDate(d.start),
        day: d.day,
        today: d.today,
        actions: d.actions.map((a) => dayActionText(a, stretchName)),
      })),
    );
    return;
  }
  ctx.out(planLines(days, onset.at, ctx, stretchName, ctx.now()).join('\n'));
}

/** Red-flag ids as the words of their checkbox line, for history and the clinician's summary. */
function flagNames(ctx: CommandContext): (id: string) => string {
  const names = new Map(ctx.content(['red-flags'])['red-flags'].map((f) => [f.id, f.summary]));
  return (id) => names.get(id) ?? words(id);
}

/** The export's scope: the current episode from its onset, and never less than the last 30 days. */
function episodeRecords(ctx: CommandContext, now: Date) {
  const journal = openJournal(ctx);
  const month = now.getTime() - EXPORT_DAYS * 86_400_000;
  const onset = currentOnset(readJournal(ctx, journal));
  const since = Math.min(month, onset ? onset.at.getTime() : month);
  return readJournal(ctx, journal, { since }).filter((r) => Date.parse(r.at) >= since || r.type === 'precautions');
}

const EXPORT_DAYS = 30;

function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function historyCommand(ctx: CommandContext, options: { days?: string }): void {
  const days = options.days === undefined ? 30 : parseDays(options.days);
  const now = ctx.now();
  const since = now.getTime() - days * 86_400_000;
  const records = readJournal(ctx, openJournal(ctx), { since }).filter((r) => Date.parse(r.at) >= since);
  if (ctx.options.json) {
    ctx.json({ sessions: sessionsOf(records), pain: painOf(records), checkIns: checkInsOf(records) });
    return;
  }
  ctx.out(historyLines(records, days, ctx, flagNames(ctx), now).join('\n'));
}

export function exportCommand(ctx: CommandContext, options: { format?: string; output?: string; force?: boolean }): void {
  const format = options.format ?? 'md';
  if (format !== 'md' && format !== 'json') throw new UsageError(`--format must be md or json, not "${sanitizeLine(format)}".`);
  const now = ctx.now();
  const records = episodeRecords(ctx, now);
  const precautions = new Map(ctx.content(['precautions']).precautions.map((p) => [p.id, p.name]));
  const summary = { records, now, flagName: flagNames(ctx), precautionName: (id: string) => precautions.get(id) ?? words(id) };
  const text = format === 'json' ? `${JSON.stringify(exportJson(summary), null, 2)}\n` : exportMarkdown(summary);
  if (options.output === undefined) {
    ctx.stdout.write(text);
    return;
  }
  writeAtomically(options.output, text, options.force === true);
  ctx.err(`Summary written to ${options.output}.`);
}

/**
 * Temporary file, written whole and flushed, then moved into place: a reader never sees half a
 * summary, and on every failure the temporary file is removed. A folder that cannot take it is the
 * person's choice of path (exit 2); a write that fails part-way (a full disk) is exit 1.
 */
function writeAtomically(target: string, text: string, force: boolean): void {
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number;
  try {
    fd = openSync(temp, 'wx', 0o600);
  } catch (error) {
    throw new UsageError(`--output: cannot write in "${sanitizeLine(dirname(target))}" (${describeFsError(error)}).`);
  }
  const removeTemp = () => {
    try {
      unlinkSync(temp);
    } catch {
      // Already gone.
    }
  };
  try {
    const data = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < data.length) written += writeSync(fd, data, written);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    removeTemp();
    throw new FileError(`--output: cannot write "${sanitizeLine(target)}" (${describeFsError(error)}); nothing was written.`);
  }
  closeSync(fd);
  try {
    if (force) renameSync(temp, target);
    else {
      // link() fails if the target exists, so no file is ever replaced without --force.
      linkSync(temp, target);
      unlinkSync(temp);
    }
  } catch (error) {
    removeTemp();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UsageError(`--output: "${sanitizeLine(target)}" already exists; add --force to replace it.`);
    throw new UsageError(`--output: cannot write "${sanitizeLine(target)}" (${describeFsError(error)}).`);
  }
}
