/** The definitions of `triage` and `check-in`; their code loads only when they run. */
import type { Command } from 'commander';
import type { Kit } from '../cli/kit.js';

export function defineAssessments({ program, ctx, define, examples, notes, preformatted }: Kit): void {
  define('triage', () =>
    program
      .command('triage')
      .description('check the warning signs, then get a verdict and a plan for now')
      .option('--answers <file>', 'answer from a JSON file instead of prompts ("-" reads stdin)')
      .option('--record', 'with --answers: record the verdict (and the onset) in the journal')
      .addHelpText(
        'after',
        () => `${examples('back-relief triage', 'back-relief triage --answers answers.json --json', 'cat answers.json | back-relief triage --answers -')}
${notes('The answers file (every red-flag id of back-relief red-flags --json is needed):')}
${preformatted(`  { "onset": "2026-11-22T09:00Z",
    "redFlags": { "bladder-bowel": false, "fever": false, ... },
    "painScore": 6, "triggers": ["lifting"],
    "precautions": { "skin-sensation": false, "circulation": false,
                     "broken-skin": false, "osteoporosis": false } }`)}
${notes('onset is an ISO 8601 date and time, or null when not known. painScore, triggers and precautions are optional; each key may appear once. Exit code 0 whatever the verdict; 2 for a bad answers file.')}`,
      )
      .action(async (o: { answers?: string; record?: boolean }, self: Command) => {
        // Loaded on use: the decision, the verdict and the prompts cost nothing to the other commands.
        const { triageCommand } = await import('./triage.js');
        await triageCommand(await ctx(self, 'safety'), o);
      }),
  );

  define('check-in', () =>
    program
      .command('check-in')
      .description('a short daily re-check: the emergency signs again, then a pain score')
      .option('--signs <answer>', 'without prompts: none, unsure, or emergency sign ids (comma-separated)')
      .option('--pain <score>', 'without prompts: a pain score from 0 to 10')
      .addHelpText('after', () => examples('back-relief check-in', 'back-relief check-in --signs none --pain 4'))
      .action(async (o: { signs?: string; pain?: string }, self: Command) => {
        const { checkInCommand } = await import('./check-in.js');
        await checkInCommand(await ctx(self, 'safety'), o);
      }),
  );
}
