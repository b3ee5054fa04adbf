/** The journal of this run's state directory, for the commands that use it (loaded only by them). */
import type { CommandContext } from '../context.js';
import { stateDirSource } from './paths.js';
import type { JournalRecord } from './records.js';
import { checkStateDir } from './state-dir.js';
import { Journal, type ReadOptions } from './store.js';

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
 * line of each kind before that); `since` reads further back. A line that had to be quarantined is
 * reported once, with the count; a quarantine that cannot be written is a warning, nothing more.
 */
export function readJournal(ctx: CommandContext, journal = openJournal(ctx), options: ReadOptions = { since: ctx.now().getTime() - RECENT_DAYS * 86_400_000 }): JournalRecord[] {
  const result = journal.read(options);
  const n = result.newlyQuarantined;
  if (n > 0) {
    ctx.err(
      `back-relief: warning: ${n} journal line${n === 1 ? '' : 's'} could not be read; copied to ${journal.quarantineFile}. The journal keeps ${n === 1 ? 'it' : 'them'}, and everything else still works.`,
    );
  }
  if (result.quarantineError) {
    const u = result.unreadable;
    ctx.err(
      `back-relief: warning: ${u} journal line${u === 1 ? '' : 's'} could not be read, and the copy in ${journal.quarantineFile} could not be written (${result.quarantineError}). The journal keeps ${u === 1 ? 'it' : 'them'}, and everything else still works.`,
    );
  }
  return result.records;
}
