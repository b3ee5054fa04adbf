/**
 * `back-relief` alone: what this is and where to start; with an episode recorded, one line about
 * it and the next useful command instead (the next session when the skin break ends, today's
 * check-in when it is not done yet).
 */
import type { CommandContext } from '../context.js';
import { episodeStatus, type EpisodeStatus } from '../decision/episode.js';
import { readJournal } from '../journal/open.js';
import { FUTURE_ONSET, when } from '../render/journal.js';
import { nextStepText } from '../render/journal.js';
import { wrap } from '../render/layout.js';
import { durationWords } from '../render/verdict.js';
import { emergencyOf, flagNames } from './names.js';
import { emergencyNumberWords } from '../render/emergency.js';

const START = [
  ['back-relief triage', 'check the warning signs, then get a plan for now'],
  ['back-relief heat', 'a timed 20-minute heat session (or back-relief ice)'],
  ['back-relief stretches', 'gentle stretches with their doses'],
] as const;

const ADULTS = 'For adults. Under 16 with back pain: see a doctor rather than use this tool.';

/** The episode, if the journal can be read and holds one; the overview never fails for it. */
function episode(ctx: CommandContext): EpisodeStatus | null {
  try {
    const status = episodeStatus(readJournal(ctx), ctx.now());
    return status.onset || status.verdict ? status : null;
  } catch {
    return null;
  }
}

export function overviewCommand(ctx: CommandContext, version: string): void {
  const now = ctx.now();
  const status = episode(ctx);
  const next = status ? nextStepText(status.next, now, flagNames(ctx), () => emergencyOf(ctx)) : null;
  const line = !status?.onset
    ? null
    : status.onsetInFuture
      ? `This episode's onset, ${when(status.onset.at, now)}, is ${FUTURE_ONSET}.`
      : status.hoursSinceOnset !== null
        ? `This episode started ${when(status.onset.at, now)}, ${durationWords(status.hoursSinceOnset)} ago (${status.phase}).`
        : null;
  if (ctx.options.json) {
    ctx.json({
      name: 'back-relief',
      version,
      forAdults: ADULTS,
      emergencyNumber: emergencyNumberWords(emergencyOf(ctx)),
      episode: line,
      next,
      start: START.map(([command, what]) => ({ command, what })),
      help: 'back-relief --help',
    });
    return;
  }
  const { style, width } = ctx;
  const command = (name: string, what: string) => wrap(what, width, `  ${style.command(name.padEnd(26))}`, ' '.repeat(28));
  const body = next
    ? [...(line ? wrap(line, width) : []), ...wrap(`Next: ${next}`, width, '', '  '), '', `Where things stand: ${style.command('back-relief status')}`]
    : ['Start here:', ...START.flatMap(([name, what]) => command(name, what))];
  ctx.out(
    [
      `${style.bold('back-relief')} ${version}: self-care for a back that has seized up.`,
      ...wrap(ADULTS, width),
      '',
      ...body,
      '',
      ...wrap(`Emergency: loss of bladder or bowel control, numbness around the groin or buttocks, or weakness in both legs: call ${emergencyNumberWords(emergencyOf(ctx))} now.`, width),
      '',
      `All commands: ${style.command('back-relief --help')}`,
    ].join('\n'),
  );
}
