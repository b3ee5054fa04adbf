/** `back-relief routine`: the stretches, guided, with timed holds and paced breathing; stop if the pain gets worse. */
import type { CommandContext } from '../context.js';
import { promptIo } from './prompt-io.js';
import { currentOnset, hoursSinceRecordedOnset } from '../decision/episode.js';
import type { LeftOut } from '../decision/precautions.js';
import { chooseRoutine, planRoutine, totalMs, type Level, type Phase, type RoutineStep } from '../decision/routine.js';
import { CancelledError, UsageError } from '../errors.js';
import { openJournal, readJournal } from '../journal/open.js';
import type { RoutineLine } from '../journal/records.js';
import { wrap } from '../render/layout.js';
import { sanitizeLine } from '../render/sanitize.js';
import { LEFT_OUT_WORDS, leftOutText, listWords, stretchNames } from '../render/verdict.js';
import { knownCare } from './care.js';
import { closest } from '../text/suggest.js';
import { count, lengthText } from '../text/durations.js';
import { parseDuration } from '../timer/duration.js';
import { drawingLines } from '../render/figures.js';
import { notify, wantsNotifications } from '../notify/desktop.js';
import { plainRoutineDisplay, routineDisplay, waitForKey } from '../timer/routine-view.js';
import { runTimer } from '../timer/run.js';
import { terminalControls } from '../timer/terminal.js';
import { canSuspend } from '../terminal/job-control.js';
import { exitCodeOf, STOP_WORDS, stopReceived, type Stop } from '../terminal/stops.js';

export interface RoutineCommandOptions {
  plan?: boolean;
  level?: Level;
  only?: string;
  walk?: string;
  /** Go on to the next stretch by itself after a short announced pause. */
  auto?: boolean;
  /** false with --no-bell; undefined: the bell setting decides. */
  bell?: boolean | undefined;
  /** false with --no-notify; undefined: the notify setting decides (used with --auto). */
  notify?: boolean | undefined;
}

/** How long --auto waits before the next stretch, announcing it. */
export const AUTO_PAUSE_MS = 5000;

type StepStatus = 'done' | 'skipped' | 'partial' | 'not-reached';
type Outcome = 'completed' | 'stopped' | 'pain' | 'interrupted';

const PAIN_ADVICE = [
  'Stop here and rest. Some discomfort is normal in a stretch, but pain that gets clearly worse is a sign to take it easier, not to push through.',
  'Try again tomorrow, gentler and with fewer repetitions (back-relief routine --level gentle).',
  'If the pain is severe, spreads down a leg, or comes with numbness or weakness, run back-relief triage or see a doctor. If it is no better within a week, book an appointment.',
];

function parseOnly(text: string | undefined, known: readonly string[]): string[] | undefined {
  if (text === undefined) return undefined;
  const ids = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0) throw new UsageError('--only: give stretch ids separated by commas, such as cat-cow,childs-pose.');
  for (const id of ids) {
    if (!known.includes(id)) {
      const guess = closest(id, known);
      throw new UsageError(`--only: there is no stretch "${sanitizeLine(id)}".${guess ? ` Did you mean "${guess}"?` : ''} Known: ${known.join(', ')}.`);
    }
  }
  return ids;
}

/** --walk takes a duration like --duration does (5m, 90s; a bare number is minutes), 10 s to 60 min. */
function parseWalk(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = parseDuration(text, '--walk');
  if (seconds < 10 || seconds > 3600) throw new UsageError(`--walk: "${sanitizeLine(text)}" must be from 10 seconds to 60 minutes, such as 5m.`);
  return seconds;
}

export async function routineCommand(ctx: CommandContext, options: RoutineCommandOptions): Promise<void> {
  const { stretches } = ctx.content(['stretches']);
  const level = options.level ?? 'gentle';
  const only = parseOnly(options.only, stretches.map((s) => s.id));
  const walkSeconds = parseWalk(options.walk);
  if (!options.plan && !ctx.interactive) {
    throw new UsageError(
      `routine guides you in a terminal and cannot here (${ctx.options.input ? 'no terminal' : '--no-input'}). To see the steps and timings, use: back-relief routine --plan`,
    );
  }
  const journal = openJournal(ctx);
  const records = readJournal(ctx, journal);
  const hours = hoursSinceRecordedOnset(currentOnset(records), ctx.now());
  // The plan only prints, so it does not ask; it says when the precautions are unknown.
  const care = await knownCare(ctx, journal, records, 'Routine cancelled.', !options.plan);
  const choice = chooseRoutine(stretches, hours, care, { only, walkSeconds });
  const name = stretchNames(stretches);
  if (choice.tooEarly.length) {
    throw new UsageError(
      `--only: ${listWords(choice.tooEarly.map(name))} ${choice.tooEarly.length === 1 ? 'is' : 'are'} for prevention, once the pain has settled; not in the first 72 hours of this episode. The routine for now: back-relief routine`,
    );
  }
  const chosen = [...choice.stretches];
  // The printed plan shows them, with a note; the guided routine runs them only after a yes.
  const cleared = options.plan ? choice.needsClearance.map((n) => n.id) : await clearance(ctx, choice.needsClearance, name);
  chosen.push(...stretches.filter((s) => cleared.includes(s.id)));
  chosen.sort((a, b) => stretches.indexOf(a) - stretches.indexOf(b));
  const steps = planRoutine(chosen, { level, walkSeconds }, records);
  const notes = [
    ...(choice.leftOut.length ? [`Left out for you: ${leftOutText(choice.leftOut, name)}.`] : []),
    ...(options.plan && choice.needsClearance.length ? [`Only if a physiotherapist has shown them to you: ${leftOutText(choice.needsClearance, name)}.`] : []),
  ];
  if (steps.length === 0) throw new UsageError(`The routine is empty: ${notes.join(' ') || '--only named no stretch of the routine.'}`);

  if (options.plan) {
    if (ctx.options.json) ctx.json(steps.map(planJson));
    else ctx.out([...planLines(steps, level, ctx.width), ...notes.flatMap((n) => ['', ...wrap(n, ctx.width)])].join('\n'));
    return;
  }
  for (const note of notes) ctx.out(wrap(note, ctx.width).join('\n'));
  await guide(ctx, steps, level, journal, options);
}

/**
 * Stretches named in --only that a precaution rules out: asked one by one in a terminal ("a
 * physiotherapist has shown me"), kept in the printed plan with a note, never run without a yes.
 */
async function clearance(ctx: CommandContext, needs: readonly LeftOut[], name: (id: string) => string): Promise<string[]> {
  const cleared: string[] = [];
  for (const n of needs) {
    const { askYesNo } = await import('../prompts/ask.js');
    const yes = await askYesNo(
      `${capitalise(name(n.id))} is left out for you (${LEFT_OUT_WORDS[n.because]}). Has a physiotherapist shown it to you?`,
      promptIo(ctx),
      'Routine cancelled.',
    );
    if (yes) cleared.push(n.id);
    else ctx.out(`Leaving out ${name(n.id)}.`);
  }
  return cleared;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function planJson(step: RoutineStep) {
  return {
    id: step.stretch.id,
    name: step.stretch.name,
    dose: step.dose,
    ...(step.reps !== undefined ? { reps: step.reps } : {}),
    totalSeconds: totalMs(step) / 1000,
    phases: step.phases.map((p) => ({ cue: p.cue, where: p.where, seconds: p.durationMs / 1000 })),
  };
}

function planLines(steps: RoutineStep[], level: Level, width: number): string[] {
  const total = steps.reduce((sum, s) => sum + totalMs(s), 0);
  const lines = [`Stretch routine (${level}), ${count(steps.length, 'stretch', 'stretches')}, about ${count(Math.ceil(total / 60_000), 'minute')} of timed work:`, ''];
  steps.forEach((step, i) => {
    // The walk's dose is its length: said once ("1 min", not "1 min, 1 min").
    const length = lengthText(totalMs(step) / 1000);
    lines.push(`${i + 1}. ${step.stretch.name}: ${step.dose === length ? length : `${step.dose}, ${length}`}`);
    const parts = summarise(step.phases);
    lines.push(...wrap(parts, width, '     ', '     '));
  });
  lines.push('', ...wrap('Some discomfort is normal; stop if the pain gets clearly worse or spreads down a leg. Run it, guided: back-relief routine', width));
  lines.push(...wrap(`To choose, give --only the ids, separated by commas: ${steps.map((s) => s.stretch.id).join(', ')}`, width));
  return lines;
}

/** "Breathe in 4s, Breathe out 4s (x5)"-style summary of a stretch's phases. */
function summarise(phases: Phase[]): string {
  const parts: string[] = [];
  for (const p of phases) {
    const text = `${p.cue.split(':')[0]} ${p.durationMs / 1000}s`;
    parts.push(text);
  }
  const counts = new Map<string, number>();
  for (const part of parts) counts.set(part, (counts.get(part) ?? 0) + 1);
  return [...counts].map(([part, n]) => (n > 1 ? `${part} x${n}` : part)).join(', ');
}

async function guide(ctx: CommandContext, steps: RoutineStep[], level: Level, journal: ReturnType<typeof openJournal>, options: RoutineCommandOptions): Promise<void> {
  const status = new Map<string, StepStatus>(steps.map((s) => [s.stretch.id, 'not-reached']));
  let outcome: Outcome = 'completed';
  const total = steps.reduce((sum, s) => sum + totalMs(s), 0);
  ctx.out(`Stretch routine (${level}): ${count(steps.length, 'stretch', 'stretches')}, about ${count(Math.ceil(total / 60_000), 'minute')}. Some discomfort is normal; stop if the pain gets clearly worse or spreads down a leg. Press h if it does.`);
  ctx.out(wrap('Keys: Enter starts, s skips, q stops, h says the pain got worse, space pauses, Ctrl+C quits.', ctx.width).map((l) => ctx.style.dim(l)).join('\n'));

  const record = () => {
    const line: RoutineLine = {
      type: 'routine',
      at: ctx.now().toISOString(),
      level,
      outcome,
      steps: steps.map((s) => ({ id: s.stretch.id, status: status.get(s.stretch.id), ...(s.reps !== undefined ? { reps: s.reps } : {}) })),
    };
    journal.append([line]);
  };

  // A stop from outside (SIGTERM, the window closed, the output gone) ends the routine with what was
  // done recorded; Ctrl+C is an interruption like any other.
  let stop: Stop | null = null;
  const suspendable = canSuspend(ctx.platform);
  const notifyOn = options.auto === true && wantsNotifications({ value: options.notify ?? ctx.settings.notify, source: options.notify === undefined ? ctx.settingSources.notify : 'flag' }, true);
  for (const [index, step] of steps.entries()) {
    const { stretch } = step;
    ctx.out('');
    ctx.out(ctx.style.heading(`${index + 1} of ${steps.length}: ${stretch.name}, ${step.dose}`));
    const drawing = drawingLines(stretch, { width: ctx.width, plain: ctx.mode.plain });
    if (drawing.length) ctx.out(drawing.join('\n'));
    stretch.steps.forEach((text, i) => ctx.out(wrap(text, ctx.width, `  ${i + 1}. `, '     ').join('\n')));
    ctx.out(wrap('Enter to start, s to skip, q to stop, h if the pain gets worse.', ctx.width).map((l) => ctx.style.dim(l)).join('\n'));
    // --auto: announced, then on its own after a short pause (a key still acts at once).
    if (options.auto) ctx.out(`Starting in ${AUTO_PAUSE_MS / 1000} seconds; Enter starts it now.`);
    const waited = await waitForKey(ctx.stdin, ['\r', ' ', 's', 'q', 'h'], {
      ...(options.auto ? { timeoutMs: AUTO_PAUSE_MS } : {}),
      out: ctx.stdout,
      suspendable,
      again: 'Back: Enter starts the stretch, s skips it, q stops, h if the pain got worse.',
    });
    if ('stop' in waited) {
      stop = waited.stop;
      outcome = 'interrupted';
      break;
    }
    const { key } = waited;
    if (key === '\u0003') {
      outcome = 'interrupted';
      break;
    }
    if (key === 's') {
      status.set(stretch.id, 'skipped');
      continue;
    }
    if (key === 'q') {
      outcome = 'stopped';
      break;
    }
    if (key === 'h') {
      outcome = 'pain';
      break;
    }
    const bell = options.bell ?? ctx.settings.bell;
    const display = ctx.mode.redraw ? routineDisplay(ctx.stdout, stretch.name, bell) : plainRoutineDisplay(ctx.stdout, stretch.name, bell, ctx.width);
    display.setup();
    const result = await runTimer<Phase>(step.phases, {
      now: () => ctx.now().getTime(),
      display,
      controls: terminalControls({ stdin: ctx.stdin, out: ctx.stdout, display, keys: true, suspendable, extraKeys: { s: 'skip', h: 'hurt' } }),
      record: () => {},
    });
    if (result === 'completed') {
      status.set(stretch.id, 'done');
      ctx.out(`Done: ${stretch.name}.`);
      // Hands-free (--auto), the change of stretch reaches a person who is not looking at the screen.
      if (notifyOn) {
        const next = steps[index + 1]?.stretch.name;
        notify(ctx.platform, ctx.env, { title: `back-relief: ${stretch.name} done`, body: next ? `Next: ${next}, in ${AUTO_PAUSE_MS / 1000} seconds.` : 'The routine is complete.' });
      }
      continue;
    }
    status.set(stretch.id, 'partial');
    if (result === 'skipped') continue;
    outcome = result === 'hurt' ? 'pain' : result === 'stopped' ? 'stopped' : 'interrupted';
    if (result === 'terminated') stop = stopReceived() ?? 'SIGTERM';
    break;
  }

  record();
  if (stop) throw new CancelledError(`Routine ${STOP_WORDS[stop]}; what was done is recorded.`, exitCodeOf(stop));
  if (outcome === 'interrupted') throw new CancelledError('Routine interrupted; what was done is recorded.', 130);
  ctx.out('');
  if (outcome === 'pain') {
    ctx.out(ctx.style.bold('Stopped because the pain got worse.'));
    for (const line of PAIN_ADVICE) ctx.out(wrap(line, ctx.width, '  ', '  ').join('\n'));
    return;
  }
  const done = [...status.values()].filter((s) => s === 'done').length;
  ctx.out(outcome === 'stopped' ? `Stopped after ${done} of ${steps.length}; recorded.` : `Routine complete: ${done} of ${steps.length} done. Well done.`);
}
