/** The journal of this run's state directory, for the commands that use it (loaded only by them). */
import type { CommandContext } from '../context.js';
import { stateDir } from './paths.js';
import type { JournalRecord } from './records.js';
import { Journal } from './store.js';

export function openJournal(ctx: CommandContext): Journal {
  return new Journal(stateDir({ env: ctx.env, platform: ctx.platform, homedir: ctx.homedir(), cwd: ctx.cwd }), ctx.now);
}

/** Reads the journal; a line that had to be quarantined is reported once, with the count. */
export function readJournal(ctx: CommandContext, journal = openJournal(ctx)): JournalRecord[] {
  const result = journal.read();
  const n = result.newlyQuarantined;
  if (n > 0) {
    ctx.err(
      `back-relief: warning: ${n} journal line${n === 1 ? '' : 's'} could not be read; copied to ${journal.quarantineFile}. The journal keeps ${n === 1 ? 'it' : 'them'}, and everything else still works.`,
    );
  }
  return result.records;
}
