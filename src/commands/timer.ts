/** `back-relief ice|heat|contrast`: a timed session that keeps time, survives interruptions, and is recorded. */
import type { CommandContext } from '../context.js';
import { promptIo } from './prompt-io.js';
import { currentOnset, hoursSinceRecordedOnset } from '../decision/episode.js';
import { breakConflicts, thermalNote, type Kind } from '../decision/sessions.js';
import { CancelledError, UsageError } from '../errors.js';
import { openJournal, readJournal } from '../journal/open.js';
import type { SessionLine } from '../journal/records.js';
import { thermalHolds, type Care } from '../decision/precautions.js';
import { streamWidth, wrap } from '../render/layout.js';
import { listWords } from '../render/verdict.js';
import { knownCare } from './care.js';
import { breakSeconds, parseRounds, sessionSeconds } from '../timer/duration.js';
import { planSteps, type TimerEvent, type TimerStep } from '../timer/engine.js';
import { swapParts, waitForSwap } from '../timer/swap.js';
import { lengthText } from '../text/durations.js';
import { acquire } from '../journal/lock.js';
import type { Journal } from '../journal/store.js';
import { clockAt } from '../render/dates.js';
import { canSuspend, inForeground } from '../terminal/job-control.js';
import { exitCodeOf, outputFailureMessage, STOP_WORDS, stopReceived, type Stop } from '../terminal/stops.js';
import { plainDisplay } from '../timer/plain.js';
import { notificationOf } from '../timer/messages.js';
import { notify, wantsNotifications } from '../notify/desktop.js';
import { runTimer, type TimerDisplay, type TimerOutcome } from '../timer/run.js';
import { terminalControls, terminalDisplay } from '../timer/terminal.js';

export type TimerMode = Kind | 'contrast';

export interface TimerOptions {
  duration?: string | undefined;
  rounds?: string | undefined;
  break?: string | undefined;
  /** false with --no-bell; undefined: the bell setting decides. */
  bell?: boolean | undefined;
  /** false with --no-notify; undefined: the notify setting decides. */
  notify?: boolean | undefined;
  force?: boolean | undefined;
}

const THERMAL_NOTE = {
  'heat-early': 'Heat in the first days is a good choice: it has the better evidence, while ice is only the usual habit.',
  'ice-late': 'After 72 hours heat usually suits tight muscles better; ice is still your choice, and the session will run.',
} as const;

const PREGNANT_HEAT = 'Pregnant or recently gave birth: never put heat on your belly, and keep it mild and short on the back.';

const SAFETY =
  'Safety: keep a cloth between the pack and your skin. Check the skin now and then, and stop at once if it burns, hurts or goes numb.';

export async function timerCommand(ctx: CommandContext, mode: TimerMode, options: TimerOptions): Promise<void> {
  // Every input is checked before anything is shown or recorded.
  const sessionMs = sessionSeconds(options.duration) * 1000;
  const rounds = parseRounds(options.rounds);
  const breakMs = breakSeconds(options.break) * 1000;
  const steps = planSteps(mode, sessionMs, rounds, breakMs);
  const kinds = [...new Set(steps.filter((s) => s.type === 'session').map((s) => s.kind))];

  const journal = openJournal(ctx);
  const records = readJournal(ctx, journal);
  const now = ctx.now();
  const planned = kinds.map((kind) => ({ kind, inMs: steps.findIndex((s) => s.kind === kind && s.type === 'session') * sessionMs }));
  // Every skin break still running that this run would cut into, each named.
  const conflicts = options.force ? [] : breakConflicts(records, planned, now);
  if (conflicts.length) {
    const why = conflicts.map((c) => `The skin break after your last ${c.kind} session (ended ${clockAt(c.lastEndedAt, now)}) lasts until ${clockAt(c.breakEndsAt, now)}.`).join(' ');
    const until = new Date(Math.max(...conflicts.map((c) => c.breakEndsAt.getTime())));
    if (!ctx.interactive) throw new UsageError(`${why} Wait until then, or add --force to start anyway.`);
    const { askYesNo } = await import('../prompts/ask.js');
    const start = await askYesNo(`${why} Start anyway?`, promptIo(ctx), 'Not started.');
    if (!start) {
      ctx.out(`Not started. Try again after ${clockAt(until, now)}.`);
      return;
    }
  }

  const care = await knownCare(ctx, journal, records, 'Not started.');
  const held = thermalHolds(care, kinds);
  if (held.length && !options.force) {
    const { precautions } = ctx.content(['precautions']);
    const said = listWords(held.map((id) => precautions.find((p) => p.id === id)?.summary ?? id));
    const what = listWords(kinds.filter((k) => thermalHolds(care, [k]).length));
    const why = `You said: ${said}. Ask a doctor or pharmacist before using ${what}.`;
    if (!ctx.interactive) throw new UsageError(`${why} If they have said it is safe for you, add --force.`);
    const { askCleared } = await import('../prompts/ask.js');
    const cleared = await askCleared(`${why} Have you asked, and did they say ${what} is safe for you?`, promptIo(ctx));
    if (!cleared) {
      ctx.out(wrap(`Not started. Ask a doctor or pharmacist first; back-relief explain precautions says why.${thermalHolds(care, ['heat']).length ? '' : ' Heat alone does not need this check: back-relief heat'}`, ctx.width).join('\n'));
      return;
    }
  }

  const onset = currentOnset(records);
  const note = thermalNote(hoursSinceRecordedOnset(onset, now), kinds);
  const intro = [...(note ? [THERMAL_NOTE[note]] : []), SAFETY, ...(care.pregnancy && kinds.includes('heat') ? [PREGNANT_HEAT] : [])];
  if (steps.length > 1) intro.push(planSummary(steps, now));
  const screen = ctx.options.json ? ctx.stderr : ctx.stdout;
  for (const line of intro) screen.write(`${wrap(line, ctx.width).join('\n')}\n`);

  // Nothing starts unless it can be kept, and one session of a kind at a time.
  journal.checkAppendable();
  const lock = lockKinds(journal.dir, kinds, now);
  try {
    await run(ctx, steps, breakMs, options, journal, care);
  } finally {
    lock.release();
  }
}

async function run(ctx: CommandContext, steps: TimerStep[], breakMs: number, options: TimerOptions, journal: Journal, care: Care): Promise<void> {
  // A session line names the precautions that held back its own kind (contrast: ice, not heat).
  const confirmed = (kind: Kind) => {
    const ids = thermalHolds(care, [kind]);
    return ids.length ? { precautionsConfirmed: ids } : {};
  };
  // With --json the countdown goes to stderr and stdout gets one JSON record at the end.
  const screen = ctx.options.json ? ctx.stderr : ctx.stdout;
  const mode = ctx.modeOf(screen);
  const tty = screen.isTTY === true;
  // Keys work in any terminal, plain or not; only the countdown line needs redrawing.
  const keys = tty && ctx.stdin.isTTY === true && ctx.options.input;
  const suspendable = canSuspend(ctx.platform);
  const bell = options.bell ?? ctx.settings.bell;
  const notifyOn = wantsNotifications({ value: options.notify ?? ctx.settings.notify, source: options.notify === undefined ? ctx.settingSources.notify : 'flag' }, tty);
  const style = ctx.options.json ? ctx.errStyle : ctx.style;
  const width = streamWidth(screen, ctx.env);
  const say = (text: string) => void screen.write(`${wrap(text, width).join('\n')}\n`);
  let display: TimerDisplay;
  let term: ReturnType<typeof terminalDisplay> | null = null;
  let controls;
  if (mode.redraw) {
    term = terminalDisplay({ out: screen, style, bell, env: ctx.env, breakMs, unicode: mode.unicode });
    display = term;
    controls = terminalControls({ stdin: ctx.stdin, out: screen, display: term, keys, suspendable });
  } else {
    // Announcements instead of a redrawn line: not a terminal, TERM=dumb, or --plain.
    const plain = plainDisplay(screen, breakMs, bell && tty, width);
    display = plain;
    controls = terminalControls({ stdin: ctx.stdin, out: screen, display: { restore() {}, setup() {}, note: plain.note }, keys, suspendable });
  }
  // Started in the background (&), the keys work only after fg: no promise of them now.
  if (keys && inForeground()) say(style.dim('Keys: space or p pauses and resumes, q stops early, Ctrl+C stops.'));
  // The end of a session or of a break between rounds reaches a person away from the terminal too.
  if (notifyOn) display = withNotifications(display, ctx, breakMs);

  // A journal that fails now (it was writable at the start) must not cut the session short: the end
  // message and the bell come first, then the error.
  let recordError: unknown = null;
  const recorded: SessionLine[] = [];
  // Where a stop found the run: in a session (recorded as interrupted), or between sessions (in a
  // skin break, or waiting for the swap), where what was recorded is all completed.
  let stoppedIn: StoppedIn = 'session';
  const record = (event: TimerEvent) => {
    if (event.type === 'interrupted') stoppedIn = event.step.type;
    if ((event.type !== 'ended' && event.type !== 'interrupted') || event.step.type !== 'session') return;
    const line: SessionLine = {
      type: 'session',
      at: new Date(event.endedAt).toISOString(),
      kind: event.step.kind,
      startedAt: new Date(event.startedAt).toISOString(),
      endedAt: new Date(event.endedAt).toISOString(),
      plannedSeconds: event.step.durationMs / 1000,
      actualSeconds: Math.round(event.activeMs / 100) / 10,
      outcome: event.type === 'ended' ? 'completed' : 'interrupted',
      ...confirmed(event.step.kind),
    };
    try {
      journal.append([line]);
      recorded.push(line);
    } catch (error) {
      recordError ??= error;
    }
  };

  // Contrast pauses between heat and ice for the swap: each part runs on its own.
  const parts = swapParts(steps);
  let outcome: TimerOutcome | 'swap-stopped' = 'completed';
  for (const [i, part] of parts.entries()) {
    if (i > 0) {
      const swapped = await waitForSwap(ctx.stdin, screen, wrap('Swap to the cold pack now, wrapped in a cloth, then press Enter to start the ice half (q stops here).', width).join('\n'), keys || ctx.stdin.isTTY === true, bell);
      if (swapped !== 'go') {
        stoppedIn = 'swap';
        outcome = swapped === 'stop' ? 'swap-stopped' : swapped === 'interrupt' ? 'interrupted' : 'terminated';
        break;
      }
    }
    term?.setup();
    // Only the last part's end is the end of it all ("All done...").
    const shown: TimerDisplay = i === parts.length - 1 ? display : { ...display, event: (e, now) => e.type !== 'finished' && display.event(e, now) };
    outcome = await runTimer(part, { now: () => ctx.now().getTime(), display: shown, controls, record });
    if (outcome !== 'completed') break;
  }

  if (recordError) throw recordError;
  if (outcome === 'interrupted') throw new CancelledError(stopMessage('SIGINT', stoppedIn, recorded), 130);
  if (outcome === 'terminated') {
    const stop = stopReceived() ?? 'SIGTERM';
    const why = stop === 'output-failed' ? ` ${outputFailureMessage().replace(/^back-relief: /, '')}` : '';
    throw new CancelledError(`${stopMessage(stop, stoppedIn, recorded)}${why}`, exitCodeOf(stop));
  }
  if (outcome === 'stopped') say('Stopped early; recorded. back-relief status shows when the next session may start.');
  if (outcome === 'swap-stopped') say('Stopped before the ice half; the heat session is recorded.');
  if (ctx.options.json) ctx.json({ outcome: outcome === 'swap-stopped' ? 'stopped' : outcome, sessions: recorded });
}

/** The display, with a desktop notification at each end of a session or a break (the words of its line). */
function withNotifications(display: TimerDisplay, ctx: CommandContext, breakMs: number): TimerDisplay {
  return {
    ...display,
    event(event, now) {
      display.event(event, now);
      const note = notificationOf(event, breakMs);
      if (note) notify(ctx.platform, ctx.env, note);
    },
  };
}

export type StoppedIn = 'session' | 'break' | 'swap';

/** A stop from outside, as the start of a sentence about where it found the run. */
const STOPPED: Record<Stop, string> = {
  SIGINT: 'Interrupted',
  SIGTERM: 'Stopped by a signal',
  SIGHUP: 'Stopped when the terminal was closed',
  'output-closed': 'Stopped when the output was closed',
  'output-failed': 'Stopped when the output could not be written',
};

/**
 * What a stop ended, and what that left in the journal. In a session, that session is recorded as
 * interrupted. Between sessions (the skin break, or contrast's wait for the swap) nothing was under
 * way: the sessions before are recorded as completed, and saying "recorded as interrupted" there
 * would be untrue.
 */
export function stopMessage(stop: Stop, where: StoppedIn, recorded: readonly SessionLine[]): string {
  if (where === 'session') return `Session ${STOP_WORDS[stop]}; recorded as interrupted.`;
  const during = where === 'break' ? 'the skin break' : 'the wait to swap packs';
  const done = recorded.filter((s) => s.outcome === 'completed');
  const before =
    done.length === 0
      ? 'nothing was recorded'
      : done.length === 1
        ? `the ${done[0]!.kind} session before it is recorded as completed`
        : `the ${done.length} sessions before it are recorded as completed`;
  return `${STOPPED[stop]} during ${during}; ${before}.`;
}

/** "Heat 20 min, then ice 20 min once you have swapped packs; all done about 14:45." */
export function planSummary(steps: readonly TimerStep[], now: Date): string {
  const sessions = steps.filter((s) => s.type === 'session');
  const total = steps.reduce((sum, s) => sum + s.durationMs, 0);
  const ends = clockAt(new Date(now.getTime() + total), now);
  const rounds = steps[0]!.rounds;
  const swaps = swapParts(steps).length - 1;
  const pair = sessions.some((s) => s.kind === 'ice') && sessions.some((s) => s.kind === 'heat');
  const what = pair ? `heat ${lengthText(sessions[0]!.durationMs / 1000)}, then ice ${lengthText(sessions[0]!.durationMs / 1000)} once you have swapped packs` : `${sessions[0]!.kind} ${lengthText(sessions[0]!.durationMs / 1000)}`;
  const breaks = rounds > 1 ? `, ${rounds} rounds with a ${lengthText(steps.find((s) => s.type === 'break')!.durationMs / 1000)} skin break between` : '';
  return `The plan: ${what}${breaks}. All done about ${ends}${swaps ? `, plus the time the swap${swaps > 1 ? 's take' : ' takes'}` : ''}.`;
}

/** Locks each kind the session uses (contrast: both), or refuses with who holds one. */
function lockKinds(dir: string, kinds: readonly Kind[], now: Date): { release(): void } {
  const held: { release(): void }[] = [];
  const release = () => held.splice(0).forEach((l) => l.release());
  for (const kind of kinds) {
    const lock = acquire(dir, kind, now);
    if ('heldBy' in lock) {
      release();
      const since = Number.isNaN(Date.parse(lock.heldBy.startedAt)) ? '' : `, since ${clockAt(new Date(lock.heldBy.startedAt), now)}`;
      throw new UsageError(`An ${kind === 'ice' ? 'ice' : 'heat'} session is already running (process ${lock.heldBy.pid}${since}). One at a time: wait for it to end, or stop it first.`);
    }
    held.push(lock);
  }
  return { release };
}
