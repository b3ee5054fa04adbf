/**
 * Every prompt of the tool lives here, so Inquirer loads only when a prompt is really shown.
 *
 * The interactive triage: the emergency signs first (one that applies ends the questions at once),
 * then the signs to see a doctor today, the onset and a pain score, then the signs to book a doctor
 * (less what the onset and the score already settle), the precautions and the triggers. It only
 * gathers answers; the decision is made by src/decision/triage.ts, exactly as for `--answers`.
 * Loaded lazily: only `triage` in a terminal pays for Inquirer.
 */
import { checkbox, confirm, input, select, Separator } from '@inquirer/prompts';
import type { Precaution, RedFlag } from '../content/schema.js';
import { hoursSinceOnset } from '../decision/time.js';
import { answeredByOnset, derivedFlags, PREGNANCY, type FlagAnswer, type TriageAnswers, type Trigger } from '../decision/triage.js';
import { CancelledError } from '../errors.js';
import { canSuspend } from '../terminal/job-control.js';
import { promptInput } from '../terminal/prompt-input.js';
import { exitCodeOf, onInputLost, onStop, STOP_WORDS, stopReceived } from '../terminal/stops.js';
import * as plain from './plain.js';
import { openLines, type Lines } from './plain.js';
import { parseScore } from '../input/numbers.js';
import { parseWhen, WHEN_EXAMPLES } from '../input/when.js';
import type { InStream, OutStream } from '../context.js';

export interface PromptIo {
  input: InStream;
  output: OutStream;
  now: () => Date;
  platform?: NodeJS.Platform;
  /** Numbered questions answered on a line, no redrawn screen: --plain, TERM=dumb, LC_ALL=C. */
  plain?: boolean;
  /** The columns the plain questions wrap at (Inquirer measures the terminal itself). */
  width?: number;
}

export interface GatheredAnswers {
  answers: TriageAnswers;
  /** The onset came from a range ("2 to 3 days ago"), not an exact time. */
  onsetApproximate: boolean;
  /** The red flags that were asked; after an emergency sign the rest are not. */
  asked: RedFlag[];
}

const NONE = '__none__';
const UNSURE = '__unsure__';

const HOUR = 3_600_000;

/** Each choice stands for a time on the right side of every threshold it spans (content.md). */
const ONSET_CHOICES = [
  { name: 'In the last few hours', value: 'hours', hoursAgo: 2 },
  { name: 'Earlier today or yesterday (under 2 days)', value: 'day', hoursAgo: 24 },
  { name: '2 to 3 days ago', value: '2-3d', hoursAgo: 60 },
  { name: '3 days to a week ago', value: '3-7d', hoursAgo: 120 },
  { name: '1 to 4 weeks ago', value: '1-4w', hoursAgo: 14 * 24 },
  { name: '1 to 3 months ago', value: '1-3mo', hoursAgo: 56 * 24 },
  { name: 'More than 3 months ago', value: '3mo+', hoursAgo: 100 * 24 },
  { name: 'An exact date and time...', value: 'exact', hoursAgo: null },
  { name: "I don't know", value: 'unknown', hoursAgo: null },
] as const;

const TRIGGER_CHOICES: { name: string; value: Trigger }[] = [
  { name: 'Lifting something', value: 'lifting' },
  { name: 'Posture, such as long sitting', value: 'posture' },
  { name: 'A sudden movement or twist', value: 'sudden-movement' },
  { name: 'A workout', value: 'workout' },
  { name: 'Stress', value: 'stress' },
  { name: 'Not drinking enough, or heavy sweating', value: 'dehydration' },
];

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Runs a flow of prompts. Ctrl+C rejects with ExitPromptError (exit 130). A stop from outside
 * (SIGTERM, the window closed) aborts the prompt on screen, which lets Inquirer put the terminal back
 * (cooked, the cursor shown) before the run ends with that stop's exit code. Either way it becomes a
 * CancelledError with our message, and nothing is recorded.
 */
async function cancellable<T>(message: string, io: PromptIo, ask: (context: PromptContext) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const offStop = onStop(() => controller.abort());
  let context: PromptContext;
  let close: () => void;
  if (io.plain) {
    // Plain: numbered lines and an answer typed on a line, in the terminal's own line editing.
    const lines = openLines(io.input);
    const offLost = onInputLost(io.input);
    context = { input: io.input, output: io.output as NodeJS.WritableStream, clearPromptOnDone: false, signal: controller.signal, kit: plainKit(lines, io.width ?? 80) };
    close = () => {
      offLost();
      lines.close();
    };
  } else {
    const input = promptInput(io.input, canSuspend(io.platform ?? process.platform), io.output);
    context = { input: input.input, output: input.output as NodeJS.WritableStream, clearPromptOnDone: false, signal: controller.signal, kit: INQUIRER };
    close = () => input.close();
  }
  try {
    return await ask(context);
  } catch (error) {
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) {
      const stop = stopReceived();
      throw new CancelledError(stop && stop !== 'SIGINT' ? `${message.replace(/\.$/, '')}: ${STOP_WORDS[stop]}.` : message, exitCodeOf(stop));
    }
    throw error;
  } finally {
    offStop();
    close();
  }
}

/** Why a derived sign is not asked: it already counts. */
const ALREADY_COUNTED: Record<string, string> = {
  'pain-over-week': 'it started more than a week ago',
  'daily-life': 'your pain score is 8 or more',
};

/** An onset the journal already holds, offered before asking from scratch. */
export interface RecordedOnset {
  at: Date;
  approximate: boolean;
  /** How it is shown: "Wed 25 Nov, 12:26". */
  label: string;
}

export function askTriage(flags: readonly RedFlag[], precautions: readonly Precaution[], io: PromptIo, recorded?: RecordedOnset): Promise<GatheredAnswers> {
  const level = (l: RedFlag['level']) => flags.filter((f) => f.level === l);
  return cancellable('Triage cancelled.', io, async (context) => {
    const redFlags: Record<string, FlagAnswer> = {};
    const take = (answers: Record<string, FlagAnswer>) => {
      for (const [id, answer] of Object.entries(answers)) redFlags[id] = answer;
    };
    const asked: RedFlag[] = [...level('emergency')];
    take(await askGroup(level('emergency'), INTROS.emergency, context));
    // An emergency sign (or doubt about one) ends the questions: the verdict cannot get more serious.
    if (asked.some((f) => redFlags[f.id] !== false)) {
      return { answers: { onset: null, redFlags }, asked, onsetApproximate: false };
    }
    asked.push(...level('urgent'));
    take(await askGroup(level('urgent'), INTROS.urgent, context));

    // The onset and the pain score come before the doctor-level signs, which they can settle.
    const still = recorded && (await context.kit.confirm({ message: `Still the episode that started ${recorded.label}?`, default: true }, context));
    const { onset, approximate } = still ? { onset: recorded.at, approximate: recorded.approximate } : await askOnset(io, context);
    const painScore = await askPain(context);
    const hours = onset ? hoursSinceOnset(onset, io.now()) : null;
    const derived = derivedFlags(hours, painScore);
    const known = answeredByOnset(hours);
    take(known);
    const doctor = level('doctor');
    asked.push(...doctor);
    const counted = doctor.filter((f) => derived.has(f.id));
    const intro = counted.length
      ? `${INTROS.doctor.replace(/:.*$/, '')} (already counted: ${counted.map((f) => ALREADY_COUNTED[f.id] ?? f.summary).join('; ')}): do any others apply?`
      : INTROS.doctor;
    take(await askGroup(doctor.filter((f) => !derived.has(f.id) && !Object.hasOwn(known, f.id)), intro, context));

    const precautionAnswers = await askGroup(precautions, PRECAUTIONS_INTRO, context);
    const triggers = await context.kit.checkbox<Trigger>(
      { message: 'What might have set it off? (any that apply, or none)', choices: TRIGGER_CHOICES },
      context,
    );
    return { answers: { onset, redFlags, painScore, triggers, precautions: precautionAnswers }, asked, onsetApproximate: approximate };
  });
}

const INTROS = {
  emergency: 'Emergency signs (EMERGENCY): do any apply to you now?',
  urgent: 'Signs to see a doctor today: do any apply?',
  doctor: "Signs to book a doctor's appointment: do any apply?",
} as const;

const PRECAUTIONS_INTRO = 'Before heat, ice or stretches: do any of these apply to you?';

/**
 * For a timer or the routine when the journal has no answer: the precautions, and whether the person
 * is pregnant or gave birth recently (the pregnancy red flag, which triage asks among its signs).
 */
export function askPrecautions(
  precautions: readonly Precaution[],
  pregnancy: RedFlag | undefined,
  io: PromptIo,
  cancelled: string,
): Promise<{ precautions: Record<string, FlagAnswer>; pregnancy: FlagAnswer | undefined }> {
  return cancellable(cancelled, io, async (context) => {
    const items: Choosable[] = [...precautions, ...(pregnancy ? [pregnancy] : [])];
    const answers = await askGroup(items, PRECAUTIONS_INTRO, context);
    const result: Record<string, FlagAnswer> = {};
    for (const p of precautions) result[p.id] = answers[p.id]!;
    return { precautions: result, pregnancy: pregnancy ? answers[PREGNANCY] : undefined };
  });
}

/** "Have you asked a doctor or pharmacist?": the confirmation a held-back session needs, "no" by default. */
export function askCleared(message: string, io: PromptIo): Promise<boolean> {
  return askYesNo(message, io, 'Not started.');
}

/** check-in: the emergency signs again, then (unless one applies) a pain score. */
export function askCheckIn(flags: readonly RedFlag[], io: PromptIo): Promise<{ redFlags: Record<string, FlagAnswer>; painScore: number | undefined }> {
  return cancellable('Check-in cancelled.', io, async (context) => {
    const emergency = flags.filter((f) => f.level === 'emergency');
    const redFlags = await askGroup(emergency, INTROS.emergency, context);
    if (emergency.some((f) => redFlags[f.id] !== false)) return { redFlags, painScore: undefined };
    const painScore = await askPain(context);
    return { redFlags, painScore };
  });
}

/** After a verdict: keep the onset in the journal so status and plan can follow the clock? */
export function askSaveOnset(description: string, io: PromptIo): Promise<boolean> {
  return cancellable('Triage cancelled.', io, (context) =>
    context.kit.confirm({ message: `Save this onset (${description}) so status and plan follow it?`, default: true }, context),
  );
}

/** A yes/no question, "no" by default; Ctrl+C is a CancelledError with `cancelled` as its message. */
export function askYesNo(message: string, io: PromptIo, cancelled: string): Promise<boolean> {
  return cancellable(cancelled, io, (context) => context.kit.confirm({ message, default: false }, context));
}

/** `back-relief pain` in a terminal without a score: ask for it (Enter records nothing). */
export function askPainScore(io: PromptIo): Promise<number | undefined> {
  return cancellable('Nothing recorded.', io, (context) => askPain(context));
}

/** The same rule as `back-relief pain`: a whole number from 0 to 10, written plainly, or nothing. */
async function askPain(context: PromptContext): Promise<number | undefined> {
  const check = (text: string) => {
    if (text.trim() === '') return true;
    try {
      parseScore(text);
      return true;
    } catch {
      return 'A whole number from 0 (no pain) to 10 (the worst), or Enter to skip.';
    }
  };
  const text = await context.kit.input({ message: 'Pain right now, 0 (none) to 10 (worst)? (Enter to skip)', validate: check }, context);
  return text.trim() === '' ? undefined : parseScore(text);
}

/**
 * The four kinds of question, from Inquirer or, for --plain and a basic terminal, from
 * src/prompts/plain.ts: the same calls, so there is one flow of questions whichever answers them.
 */
interface PromptKit {
  checkbox: typeof checkbox;
  select: typeof select;
  confirm: typeof confirm;
  input: typeof input;
}

const INQUIRER: PromptKit = { checkbox, select, confirm, input };

/** The plain questions, reading from one line reader for the whole flow. */
function plainKit(lines: Lines, width: number): PromptKit {
  const ctx = (context: unknown) => ({ lines, output: (context as PromptContext).output, signal: (context as PromptContext).signal, width });
  return {
    checkbox: ((config: Parameters<typeof plain.checkbox>[0], context: unknown) => plain.checkbox(config, ctx(context))) as unknown as typeof checkbox,
    select: ((config: Parameters<typeof plain.select>[0], context: unknown) => plain.select(config, ctx(context))) as unknown as typeof select,
    confirm: ((config: Parameters<typeof plain.confirm>[0], context: unknown) => plain.confirm(config, ctx(context))) as unknown as typeof confirm,
    input: ((config: Parameters<typeof plain.input>[0], context: unknown) => plain.input(config, ctx(context))) as unknown as typeof input,
  };
}

type PromptContext = { input: InStream; output: NodeJS.WritableStream; clearPromptOnDone: boolean; signal: AbortSignal; kit: PromptKit };

/** A sign or a precaution: a line to tick, and the question asked on its own when not sure. */
type Choosable = Pick<RedFlag, 'id' | 'summary' | 'question'>;

/**
 * The rows a list needs on this terminal (a long choice wraps over two), at most what fits under
 * the question, the hint and the description of the choice under the cursor.
 */
function listRows(names: readonly string[], output: NodeJS.WritableStream): number {
  const { columns = 80, rows = 24 } = output as { columns?: number; rows?: number };
  const needed = names.reduce((sum, name) => sum + Math.max(1, Math.ceil((name.length + 3) / Math.max(1, columns))), 0);
  return Math.max(3, Math.min(needed, rows - 6));
}

/**
 * One checkbox for a group of signs, with "None of these" and "I'm not sure"; silence is refused, and
 * "not sure" asks each sign on its own so the answer can name it.
 */
async function askGroup(group: readonly Choosable[], intro: string, context: PromptContext): Promise<Record<string, FlagAnswer>> {
  if (group.length === 0) return {};
  const picked = await context.kit.checkbox<string>(
    {
      message: intro,
      // The ways out first, so they are on screen however short the terminal (a list longer than
      // the screen scrolls, and what is below the fold is easily missed).
      choices: [
        { name: 'None of these', value: NONE },
        { name: "I'm not sure", value: UNSURE },
        new Separator(),
        ...group.map((f) => ({ name: capitalise(f.summary), value: f.id, description: f.question })),
      ],
      pageSize: listRows(['None of these', "I'm not sure", '-', ...group.map((f) => capitalise(f.summary))], context.output),
      loop: false,
      // "Select all" would tick "None of these" together with every sign.
      shortcuts: { all: null, invert: null },
      // Never read silence as "no": an answer is needed, and "none" cannot go with a sign.
      validate: (choices) => {
        const values = choices.map((c) => c.value);
        if (values.length === 0) return 'Choose every sign that applies, or "None of these", or "I\'m not sure".';
        if (values.includes(NONE) && values.length > 1) return '"None of these" cannot go with another choice.';
        return true;
      },
    },
    context,
  );
  const answers: Record<string, FlagAnswer> = {};
  for (const f of group) answers[f.id] = picked.includes(f.id);
  if (!picked.includes(UNSURE)) return answers;
  // Not sure: ask each sign that was not ticked, one at a time, so the verdict can name it.
  for (const f of group) {
    if (answers[f.id] === true) continue;
    answers[f.id] = await context.kit.select<FlagAnswer>(
      {
        message: f.question,
        choices: [
          { name: 'Yes', value: true },
          { name: 'No', value: false },
          { name: 'Not sure', value: 'unsure' },
        ],
      },
      context,
    );
  }
  return answers;
}

async function askOnset(io: PromptIo, context: PromptContext): Promise<{ onset: Date | null; approximate: boolean }> {
  const choice = await context.kit.select(
    { message: 'When did this episode start?', choices: ONSET_CHOICES.map(({ name, value }) => ({ name, value })), pageSize: ONSET_CHOICES.length, loop: false },
    context,
  );
  const picked = ONSET_CHOICES.find((c) => c.value === choice)!;
  if (picked.hoursAgo !== null) return { onset: new Date(io.now().getTime() - picked.hoursAgo * HOUR), approximate: true };
  if (picked.value === 'unknown') return { onset: null, approximate: false };
  const text = await context.kit.input(
    {
      message: `When did it start? (${WHEN_EXAMPLES})`,
      validate: (value) => {
        try {
          parseWhen(value, io.now());
          return true;
        } catch (error) {
          return (error as Error).message;
        }
      },
    },
    context,
  );
  return { onset: parseWhen(text, io.now()), approximate: false };
}
