/** The definitions of the timers (`ice`, `heat`, `contrast`) and the guided `routine`. */
import { Option, type Command } from 'commander';
import type { Kit } from '../cli/kit.js';

/** A --no-... flag's value when it was typed; undefined lets the setting decide. */
function given(self: Command, name: string): boolean | undefined {
  return self.getOptionValueSource(name) === 'cli' ? (self.getOptionValue(name) as boolean) : undefined;
}

export function defineTimers({ program, ctx, define, examples, notes }: Kit): void {
  for (const mode of ['ice', 'heat', 'contrast'] as const) {
    const what = {
      ice: 'a timed ice session (20 minutes at most), with the skin break after it',
      heat: 'a timed heat session (20 minutes at most), with the skin break after it; fine from the first hour',
      contrast: 'heat, then (after you swap packs) ice, each for --duration, with a break between rounds',
    }[mode];
    define(mode, () =>
      program
        .command(mode)
        .description(what)
        .option('--duration <d>', 'how long each session lasts: 90s, 5m, 1m30s or minutes (default and most 20m)')
        .option('--rounds <n>', 'repeat, with a break between (default 1)')
        .option('--break <d>', 'the break between rounds (default and least 20m)')
        .option('--no-bell', 'no bell at the end (the bell setting keeps it off for good)')
        .option('--no-notify', 'no desktop notification when a session or a break ends')
        .option('--force', 'start even if the skin break has not ended, or a precaution holds it back (only if a doctor or pharmacist said it is safe)')
        .addHelpText(
          'after',
          () => `${examples(`back-relief ${mode}`, `back-relief ${mode} --duration 15m`, `back-relief ${mode} --rounds 3 --no-bell`)}
${notes(
  'Keys: space or p pauses and resumes, q stops early, Ctrl+C stops. Without a terminal it prints a line a minute. Every session is recorded in the journal.',
  'With --json the countdown goes to stderr and the recorded session lines are printed on stdout at the end, as JSON.',
)}`,
        )
        .action(async (o: { duration?: string; rounds?: string; break?: string; force?: boolean }, self: Command) => {
          const { timerCommand } = await import('./timer.js');
          await timerCommand(await ctx(self), mode, { ...o, bell: given(self, 'bell'), notify: given(self, 'notify') });
        }),
    );
  }

  define('routine', () =>
    program
      .command('routine')
      .description('a guided stretch session: timed holds, paced breathing; stop if the pain gets worse')
      .option('--plan', 'print the steps and timings without running them')
      .addOption(new Option('--level <level>', 'gentle (default) or build: more breaths, longer holds, more glute bridges over sessions').choices(['gentle', 'build']))
      .option('--only <ids>', 'only these stretches, comma-separated')
      .option('--walk <duration>', 'how long to walk: 5m, 90s, or minutes (default: the walk\'s own dose)')
      .option('--auto', 'go on to the next stretch by itself after a short pause, instead of waiting for Enter')
      .option('--no-bell', 'no bell at each change (breathe in, breathe out, hold, next side, next stretch)')
      .option('--no-notify', 'with --auto, no desktop notification as each stretch ends')
      .addHelpText(
        'after',
        () => `${examples('back-relief routine', 'back-relief routine --walk 5m', 'back-relief routine --auto', 'back-relief routine --only cat-cow,childs-pose', 'back-relief routine --plan --json')}
${notes('Keys: Enter starts a stretch, s skips, q stops, h says the pain got worse (the routine ends with advice), space pauses, Ctrl+C quits. What was done is recorded in the journal.')}`,
      )
      .action(async (o: { plan?: boolean; level?: 'gentle' | 'build'; only?: string; walk?: string; auto?: boolean }, self: Command) => {
        const { routineCommand } = await import('./routine.js');
        await routineCommand(await ctx(self), { ...o, bell: given(self, 'bell'), notify: given(self, 'notify') });
      }),
  );
}
