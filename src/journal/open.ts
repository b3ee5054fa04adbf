/** The journal of this run's state directory, for the commands that use it (loaded only by them). */
import type { CommandContext } from '../context.js';
import { stateDirSource } from './paths.js';
import type { JournalRecord } from './records.js';
import { checkStateDir } from './state-dir.js';
import { sanitizeLine } from '../render/sanitize.js';
import { modeText } from '../text/fs-errors.js';
import { Journal, QUARANTINE_MAX, type ReadOptions, type ReadResult } from './store.js';

/** The journal of the state folder, checked first: a bad folder setting is exit 2 naming it. */
export function openJournal(ctx: CommandContext): Journal {
  const { dir, variable } = stateDirSource({ env: ctx.env, platform: ctx.platform, homedir: ctx.homedir, cwd: ctx.cwd });
  checkStateDir(dir, variable, ctx.platform);
  return new Journal(dir, ctx.now);
}

/** How far back the commands about the current episode look, beyond the latest line of each kind. */
export const RECENT_DAYS = 8;

/**
 * Reads the journal: by default what a command about now needs (the last 8 days, and the latest
 * line of each kind before that); `since` reads further back. Lines that could not be read are
 * reported once, with the count; a quarantine that cannot be written is a warning, nothing more.
 */
export function readJournal(ctx: CommandContext, journal = openJournal(ctx), options: ReadOptions = { since: ctx.now().getTime() - RECENT_DAYS * 86_400_000 }): JournalRecord[] {
  const result = journal.read(options);
  for (const warning of readWarnings(result, journal.file, journal.quarantineFile)) ctx.err(warning);
  return result.records;
}

const lines = (n: number) => `${n} journal line${n === 1 ? '' : 's'}`;
const them = (n: number) => (n === 1 ? 'it' : 'them');

/** The warnings a read gives, in words (pure). */
export function readWarnings(result: ReadResult, file: string, quarantineFile: string): string[] {
  const out: string[] = [];
  const q = sanitizeLine(quarantineFile);
  if (result.looseMode !== undefined) {
    const f = sanitizeLine(file);
    out.push(
      `back-relief: warning: the journal ${f} can be read by other users (mode ${modeText(result.looseMode)}) and could not be made private (${result.looseWhy}). Once it can be changed: chmod 600 ${f}`,
    );
  }
  const n = result.newlyQuarantined;
  const k = result.notCopied ?? 0;
  if (n > 0 && k === 0) {
    out.push(`back-relief: warning: ${lines(n)} could not be read; copied to ${q}. The journal keeps ${them(n)}, and everything else still works.`);
  } else if (n > 0) {
    out.push(
      `back-relief: warning: ${lines(n + k)} could not be read; copied to ${q}: ${n} of them (it keeps at most ${QUARANTINE_MAX}). The journal keeps them all, and everything else still works.`,
    );
  } else if (k > 0) {
    out.push(
      `back-relief: warning: ${lines(k)} could not be read and ${k === 1 ? 'was' : 'were'} not copied to ${q}, which holds the most it keeps (${QUARANTINE_MAX} lines). The journal keeps ${them(k)}, and everything else still works.`,
    );
  }
  if (result.quarantineError) {
    const u = result.unreadable;
    out.push(
      `back-relief: warning: ${lines(u)} could not be read, and the copy in ${q} could not be written (${result.quarantineError}). The journal keeps ${them(u)}, and everything else still works.`,
    );
  }
  return out;
}
