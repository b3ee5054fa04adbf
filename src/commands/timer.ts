/** `back-relief ice|heat|contrast`: a timed session that keeps time, survives interruptions, and is recorded. */
import type { CommandContext } from '../context.js';
import { currentOnset, hoursSinceRecordedOnset } from '../decision/episode.js';
import { breakConflict, thermalNote, type Kind } from '../decision/sessions.js';
import { CancelledError, UsageError } from '../errors.js';
import { openJournal, readJournal } from '../journal/open.js';
import type { SessionLine } from '../journal/records.js';
import { thermalHolds, type Care } from '../decision/precautions.js';
import { wrap } from '../render/layout.js';
import { listWords } from '../render/verdict.js';
import { knownCare } from './care.js';
import { breakSeconds, parseRounds, sessionSeconds } from '../timer/duration.js';
import { planSteps, type TimerEvent, type TimerStep } from '../timer/engine.js';
import { acquire } from '../journal/lock.js';
import type { Journal } from '../journal/store.js';
import { clockAt } from '../render/dates.js';
import { canSuspend } from '../terminal/job-control.js';
import { exitCodeOf, outputFailureMessage, STOP_WORDS, stopReceived } from '../terminal/stops.js';
import { plainDisplay } from '../timer/plain.js';
import { runTimer, type TimerDisplay } from '../timer/run.js';
import { terminalControls, terminalDisplay } from '../timer/terminal.js';

export type TimerMode = Kind | 'contrast';

export interface TimerOptions {
  duration?: string | undefined;
  rounds?: string | undefined;
  break?: string | undefined;
  bell?: boolean | undefined;
  force?: boolean | undefined;
}

const THERMAL_NOTE = {
  'heat-early': 'Heat in the first days is a good choice: it has the better evidence, while ice is only the usual habit.',
  'ice-late': 'After 72 hours heat usually suits tight muscles better; ice is still your choice, and the session will run.',
} as const;

const PREGNANT_HEAT = 'Pregnant or recently gave birth: never put heat on your belly.';

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
  const conflict = options.force ? null : breakConflict(records, planned, now);
  if (conflict) {
    const why = `The skin break after your last ${conflict.kind} session (ended ${clockAt(conflict.lastEndedAt, now)}) lasts until ${clockAt(conflict.breakEndsAt, now)}.`;
    if (!ctx.interactive) throw new UsageError(`${why} Wait until then, or add --force to start anyway.`);
    const { askYesNo } = await import('../prompts/ask.js');
    const start = await askYesNo(`${why} Start anyway?`, { input: ctx.stdin, output: ctx.stdout, now: ctx.now, platform: ctx.platform }, 'Not started.');
    if (!start) {
      ctx.out(`Not started. Try again after ${clockAt(conflict.breakEndsAt, now)}.`);
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
    const cleared = await askCleared(`${why} Have you asked, and did they say ${what} is safe for you?`, { input: ctx.stdin, output: ctx.stdout, now: ctx.now, platform: ctx.platform });
    if (!cleared) {
      ctx.out(wrap(`Not started. Ask a doctor or pharmacist first; back-relief explain precautions says why.${thermalHolds(care, ['heat']).length ? '' : ' Heat alone does not need this check: back-relief heat'}`, ctx.width).join('\n'));
      return;
    }
  }

  const onset = currentOnset(records);
  const note = thermalNote(hoursSinceRecordedOnset(onset, now), kinds);
  const intro = [...(note ? [THERMAL_NOTE[note]] : []), SAFETY, ...(care.pregnancy && kinds.includes('heat') ? [PREGNANT_HEAT] : [])];
  for (const line of intro) ctx.out(wrap(line, ctx.width).join('\n'));

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
  const tty = ctx.stdout.isTTY === true;
  const keys = tty && ctx.stdin.isTTY === true && ctx.options.input;
  const suspendable = canSuspend(ctx.platform);
  let display: TimerDisplay;
  let controls;
  if (tty) {
    const term = terminalDisplay({ out: ctx.stdout, style: ctx.style, bell: options.bell !== false, env: ctx.env, breakMs });
    term.setup();
    display = term;
    if (keys) ctx.out(ctx.style.dim('Space or p: pause and resume.  q: stop early.  Ctrl+C: stop.'));
    controls = terminalControls({ stdin: ctx.stdin, out: ctx.stdout, display: term, keys, suspendable });
  } else {
    display = plainDisplay(ctx.stdout, breakMs);
    controls = terminalControls({ stdin: ctx.stdin, out: ctx.stdout, display: { restore() {}, setup() {} }, keys: false, suspendable });
  }

  // A journal that fails now (it was writable at the start) must not cut the session short: the end
  // message and the bell come first, then the error.
  let recordError: unknown = null;
  const record = (event: TimerEvent) => {
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
    } catch (error) {
      recordError ??= error;
    }
  };

  const outcome = await runTimer(steps, { now: () => ctx.now().getTime(), display, controls, record });
  if (recordError) throw recordError;
  if (outcome === 'interrupted') throw new CancelledError('Session interrupted; recorded as interrupted.', 130);
  if (outcome === 'terminated') {
    const stop = stopReceived() ?? 'SIGTERM';
    const why = stop === 'output-failed' ? ` ${outputFailureMessage().replace(/^back-relief: /, '')}` : '';
    throw new CancelledError(`Session ${STOP_WORDS[stop]}; recorded as interrupted.${why}`, exitCodeOf(stop));
  }
  if (outcome === 'stopped') ctx.out('Stopped early; recorded. back-relief status shows when the next session may start.');
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
