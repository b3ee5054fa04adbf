/** The definitions of the journal's commands: onset, pain, status, plan, history, export, undo. */
import type { Command } from 'commander';
import type { Kit } from '../cli/kit.js';

export function defineJournal({ program, ctx, define, examples, notes }: Kit): void {
  const journal = () => import('./journal.js');
  const views = () => import('./views.js');

  define('onset', () =>
    program
      .command('onset')
      .description('record when this episode started (now by default), or end it')
      .argument('[when...]', 'now, 08:00, today 08:00, this morning, last night, yesterday 18:00, 2026-11-20T09:00, 3 days ago, 5h ago, 2h')
      .option('--clear', 'end the current episode')
      .option('--yes', 'replace a recorded onset without asking')
      .addHelpText('after', () => `${examples('back-relief onset', 'back-relief onset 08:00', 'back-relief onset last night', 'back-relief onset yesterday 18:00', 'back-relief onset 3 days ago', 'back-relief onset --clear')}
${notes('"08:00" is today, or yesterday when today\'s is still to come; "this morning" is 08:00 today and "last night" 22:00 yesterday, both kept as approximate; "2h" means 2 hours ago.')}`)
      .action(async (words: string[], o: { clear?: boolean; yes?: boolean }, self: Command) => (await journal()).onsetCommand(await ctx(self), words, o)),
  );

  define('pain', () =>
    program
      .command('pain')
      .description('record a pain score from 0 (none) to 10 (the worst); asks for it in a terminal')
      .argument('[score]', 'a whole number from 0 to 10')
      .option('--note <text>', 'a short note to keep with it')
      .addHelpText('after', () => examples('back-relief pain 6', 'back-relief pain 3 --note "better after the walk"', 'back-relief pain'))
      .action(async (score: string | undefined, o: { note?: string }, self: Command) => (await journal()).painCommand(await ctx(self), score, o)),
  );

  define('status', () =>
    program
      .command('status')
      .description('this episode at a glance: how long, the last verdict, what suits now, the last session and pain')
      .addHelpText('after', () => examples('back-relief status', 'back-relief status --json'))
      .action(async (_o: unknown, self: Command) => (await views()).statusCommand(await ctx(self, 'safety'))),
  );

  define('plan', () =>
    program
      .command('plan')
      .description('a dated day-by-day plan for this episode')
      .option('--no-pager', 'print it all at once, even when it is longer than the screen')
      .addHelpText('after', () => examples('back-relief plan', 'back-relief plan --json', 'back-relief plan --no-pager'))
      .action(async (o: { pager?: boolean }, self: Command) => (await views()).planCommand(await ctx(self), o)),
  );

  define('history', () =>
    program
      .command('history')
      .description('everything recorded, with a pain trend chart; what was taken back is marked')
      .option('--days <n>', 'how many days back (default 30)')
      .option('--no-pager', 'print it all at once, even when it is longer than the screen')
      .addHelpText('after', () => examples('back-relief history', 'back-relief history --days 7', 'back-relief history --json'))
      .action(async (o: { days?: string; pager?: boolean }, self: Command) => (await views()).historyCommand(await ctx(self), o)),
  );

  define('export', () =>
    program
      .command('export')
      .description('a summary of this episode to take to a clinician')
      .option('--format <format>', 'md, json or html (default: from the --output name, else md)')
      .option('--output <file>', 'write to a file instead of stdout (- is stdout)')
      .option('--force', 'replace the output file if it exists')
      .addHelpText('after', () => examples('back-relief export', 'back-relief export --output summary.md', 'back-relief export --output report.html', 'back-relief export --output summary.json --force'))
      .action(async (o: { format?: string; output?: string; force?: boolean }, self: Command) => (await import('./export.js')).exportCommand(await ctx(self), o)),
  );

  define('undo', () =>
    program
      .command('undo')
      .description('take back the last entry (a pain score, an onset, a session, a check-in...)')
      .option('--yes', 'without asking (needed without a terminal)')
      .addHelpText('after', () => `${examples('back-relief undo', 'back-relief undo --yes')}
${notes('Nothing is erased: a line that takes the entry back is added to the journal, and history shows the entry as taken back. Run it again to take back the one before.')}`)
      .action(async (o: { yes?: boolean }, self: Command) => (await journal()).undoCommand(await ctx(self), o)),
  );
}
