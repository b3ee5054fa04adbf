/** The commands that add to the journal by hand: onset, pain, and undo, which takes an entry back. */
import type { CommandContext } from '../context.js';
import { promptIo } from './prompt-io.js';
import { currentOnset } from '../decision/episode.js';
import { hoursSinceOnset, phaseOf, thermalAdvice } from '../decision/time.js';
import { UsageError } from '../errors.js';
import { parseScore } from '../input/numbers.js';
import { parseOnset } from '../input/when.js';
import { openJournal, readJournal, readWarnings } from '../journal/open.js';
import type { JournalRecord, PainLine, RetractionLine } from '../journal/records.js';
import { entryText, THERMAL_WORDS, when } from '../render/journal.js';
import { sanitizeLine } from '../render/sanitize.js';
import { durationWords } from '../render/verdict.js';
import { flagNames } from './names.js';

const MAX_NOTE = 500;
/** Far more than 500 characters of any script need, far less than a journal line may hold. */
const MAX_NOTE_CODE_POINTS = 2000;

function visibleCharacters(text: string): number {
  let n = 0;
  for (const _ of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) n++;
  return n;
}


export async function onsetCommand(ctx: CommandContext, words: string[], options: { clear?: boolean; yes?: boolean }): Promise<void> {
  const journal = openJournal(ctx);
  const now = ctx.now();
  const current = currentOnset(readJournal(ctx, journal));
  if (options.clear) {
    if (words.length) throw new UsageError('onset: give a time or --clear, not both.');
    if (!current) {
      // Nothing to end: say so, and record nothing.
      if (ctx.options.json) ctx.json({ cleared: null });
      else ctx.out('There was no episode to end. Record one with: back-relief onset');
      return;
    }
    const record = { type: 'onset-cleared', at: now.toISOString() } as const;
    journal.append([record]);
    if (ctx.options.json) ctx.json(record);
    else ctx.out(`Episode ended (it started ${when(current.at, now)}). Record a new one with: back-relief onset`);
    return;
  }
  const { at: onset, approximate } = parseOnset(words.length ? words.join(' ') : 'now', now);
  // A new onset replaces the one recorded: say which, and in a terminal ask first.
  if (current && current.at.getTime() !== onset.getTime() && !options.yes && ctx.interactive) {
    const { askYesNo } = await import('../prompts/ask.js');
    const replace = await askYesNo(`This replaces the onset of ${when(current.at, now)}. Replace it?`, promptIo(ctx), 'Onset not changed.');
    if (!replace) {
      ctx.out(`Onset not changed: still ${when(current.at, now)}.`);
      return;
    }
  }
  const record = { type: 'onset', at: now.toISOString(), onset: onset.toISOString(), ...(approximate ? { approximate } : {}) } as const;
  journal.append([record]);
  if (ctx.options.json) {
    ctx.json(record);
    return;
  }
  const hours = hoursSinceOnset(onset, now)!;
  ctx.out(`Onset recorded: ${when(onset, now)}${approximate ? ' (approximately)' : ''} (${hours < 1 ? 'just now' : `${durationWords(hours)} ago`}).`);
  if (current && current.at.getTime() !== onset.getTime()) ctx.out(`It replaces the onset of ${when(current.at, now)}.`);
  ctx.out(`Now: ${THERMAL_WORDS[thermalAdvice(hours)]}. Phase: ${phaseOf(hours)}.`);
  ctx.out('Your dated plan: back-relief plan');
}

export async function painCommand(ctx: CommandContext, scoreText: string | undefined, options: { note?: string }): Promise<void> {
  const note = options.note === undefined ? undefined : sanitizeLine(options.note).trim();
  // Characters as a person sees them: an emoji or an accented letter is one, whatever its encoding.
  // Characters as a person sees them, and code points too: one "character" can carry any number of
  // combining marks, and the journal must be able to read back every line it writes.
  if (note !== undefined && (visibleCharacters(note) > MAX_NOTE || [...note].length > MAX_NOTE_CODE_POINTS)) {
    throw new UsageError(`--note is too long (${MAX_NOTE} characters at most).`);
  }
  let score: number;
  if (scoreText !== undefined) score = parseScore(scoreText);
  else if (ctx.interactive) {
    const { askPainScore } = await import('../prompts/ask.js');
    const asked = await askPainScore(promptIo(ctx));
    if (asked === undefined) {
      ctx.out('Nothing recorded.');
      return;
    }
    score = asked;
  } else {
    throw new UsageError(`pain needs a score and cannot ask here (${ctx.options.input ? 'no terminal' : '--no-input'}): back-relief pain 5`);
  }
  const record: PainLine = { type: 'pain', at: ctx.now().toISOString(), score, ...(note ? { note } : {}) };
  openJournal(ctx).append([record]);
  if (ctx.options.json) ctx.json(record);
  else ctx.out(`Pain ${score}/10 recorded${note ? ` with your note` : ''}. See the trend with: back-relief history`);
}

/**
 * The last entry still standing: the lines one command appended together (one time, one or more
 * types), newest first, past anything already taken back. Pure.
 */
export function lastEntry(records: readonly JournalRecord[], retracted: ReadonlySet<JournalRecord>): JournalRecord[] {
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i]!;
    if (r.type === 'retraction' || retracted.has(r)) continue;
    const entry: JournalRecord[] = [r];
    for (let j = i - 1; j >= 0 && records[j]!.at === r.at && records[j]!.type !== 'retraction' && !retracted.has(records[j]!); j--) entry.unshift(records[j]!);
    return entry;
  }
  return [];
}

/** How many lines `undo` looks back over: room for many entries, and the undos between them. */
const UNDO_TAIL = 2000;

export async function undoCommand(ctx: CommandContext, options: { yes?: boolean }): Promise<void> {
  const journal = openJournal(ctx);
  const now = ctx.now();
  const read = journal.read({ tail: UNDO_TAIL, keepRetracted: true });
  for (const warning of readWarnings(read, journal.file, journal.quarantineFile)) ctx.err(warning);
  const entry = lastEntry(read.records, read.retracted ?? new Set());
  if (entry.length === 0) {
    if (ctx.options.json) ctx.json({ retracted: null });
    else ctx.out('There is nothing to take back.');
    return;
  }
  const names = flagNames(ctx);
  const described = entry.map((r) => entryText(r, names, now)).join('; ');
  const what = `${described} (recorded ${when(entry[0]!.at, now)})`;
  if (!options.yes) {
    if (!ctx.interactive) throw new UsageError(`undo would take back: ${what}. Add --yes to do it without a terminal.`);
    const { askYesNo } = await import('../prompts/ask.js');
    if (!(await askYesNo(`Take back: ${what}?`, promptIo(ctx), 'Nothing taken back.'))) {
      ctx.out('Nothing taken back.');
      return;
    }
  }
  const record: RetractionLine = { type: 'retraction', at: now.toISOString(), retracts: { at: entry[0]!.at, types: [...new Set(entry.map((r) => r.type))] } };
  journal.append([record]);
  if (ctx.options.json) ctx.json({ retracted: entry, record });
  else ctx.out(`Taken back: ${what}. It stays in the journal, marked as taken back. Run back-relief undo again for the one before.`);
}

