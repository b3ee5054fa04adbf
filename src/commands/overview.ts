/** `back-relief` alone: what this is and where to start. */
import type { CommandContext } from '../context.js';
import { wrap } from '../render/layout.js';

const START = [
  ['back-relief triage', 'check the warning signs, then get a plan for now'],
  ['back-relief heat', 'a timed 20-minute heat session (or back-relief ice)'],
  ['back-relief stretches', 'gentle stretches with their doses'],
] as const;

const ADULTS = 'For adults. Under 16 with back pain: see a doctor rather than use this tool.';

export function overview(ctx: CommandContext, version: string): void {
  if (ctx.options.json) {
    ctx.json({ name: 'back-relief', version, forAdults: ADULTS, start: START.map(([command, what]) => ({ command, what })), help: 'back-relief --help' });
    return;
  }
  const { style, width } = ctx;
  const command = (name: string, what: string) => wrap(what, width, `  ${style.command(name.padEnd(26))}`, ' '.repeat(28));
  ctx.out(
    [
      `${style.bold('back-relief')} ${version}: self-care for a back that has seized up.`,
      ...wrap(ADULTS, width),
      '',
      'Start here:',
      ...START.flatMap(([name, what]) => command(name, what)),
      '',
      ...wrap(
        'Emergency: loss of bladder or bowel control, numbness around the groin or buttocks, or weakness in both legs: call emergency services now.',
        width,
      ),
      '',
      `All commands: ${style.command('back-relief --help')}`,
    ].join('\n'),
  );
}
