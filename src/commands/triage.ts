/** `back-relief triage`: interactive in a terminal, or scripted with `--answers FILE|-`. */
import { emergencyOf } from './names.js';
import type { CommandContext } from '../context.js';
import { promptIo } from './prompt-io.js';
import { currentOnset, onsetInFuture } from '../decision/episode.js';
import { triage, type TriageAnswers, type TriageResult } from '../decision/triage.js';
import { openJournal, readJournal } from '../journal/open.js';
import type { JournalRecord } from '../journal/records.js';
import { day } from '../render/dates.js';
import { when } from '../render/journal.js';
import { UsageError } from '../errors.js';
import { parseAnswers } from '../input/answers.js';
import { FileTooLarge, readCappedFile, relativeWithoutFolder } from '../input/files.js';
import { describeFsError } from '../text/fs-errors.js';
import { sanitizeLine } from '../render/sanitize.js';
import { verdictJson, verdictText } from '../render/verdict.js';

export interface TriageOptions {
  answers?: string | undefined;
  record?: boolean | undefined;
}

const MAX_ANSWERS_BYTES = 1_000_000;

export async function triageCommand(ctx: CommandContext, options: TriageOptions): Promise<void> {
  const loaded = ctx.content(['red-flags', 'stretches', 'precautions']);
  // The verdict names the person's own emergency number where it is known.
  const content = { ...loaded, emergency: emergencyOf(ctx) };
  const flags = content['red-flags'];
  let answers;
  let asked = flags;
  let onsetApproximate = false;
  const interactive = options.answers === undefined && ctx.interactive;
  if (options.answers !== undefined) {
    answers = parseAnswers(await readAnswers(options.answers, ctx), flags, ctx.now());
  } else if (interactive) {
    const { askTriage } = await import('../prompts/ask.js');
    // An episode already recorded is offered first: "Still the episode that started ...?"
    // Not one ahead of the clock: it cannot be this episode's start, and triage would refuse it.
    const recorded = currentOnset(readJournal(ctx));
    const still = recorded && !onsetInFuture(recorded, ctx.now()) ? { at: recorded.at, approximate: recorded.approximate, label: when(recorded.at, ctx.now()) } : undefined;
    const gathered = await askTriage(flags, content.precautions, promptIo(ctx), still);
    answers = gathered.answers;
    asked = gathered.asked;
    onsetApproximate = gathered.onsetApproximate;
  } else {
    throw new UsageError(
      `triage needs answers and cannot ask here (${ctx.options.input ? 'no terminal' : '--no-input'}). Give them with --answers FILE, or --answers - to read them from stdin; see back-relief triage --help.`,
    );
  }
  const now = ctx.now();
  const result = triage(answers, asked, now, content.stretches);
  if (ctx.options.json) ctx.json(verdictJson(result, content, now));
  else {
    ctx.out(verdictText(result, content, { style: ctx.style, width: ctx.width, mode: ctx.mode, now }));
  }

  if (!interactive && !options.record) return;
  const journal = openJournal(ctx);
  // --record keeps the onset it was given; in a terminal the person is asked first. Never in an
  // emergency: nothing should stand between the verdict and the phone.
  const current = currentOnset(readJournal(ctx, journal));
  const changes = answers.onset !== null && current !== null && current.at.getTime() !== answers.onset.getTime();
  let saveOnset = answers.onset !== null && !interactive;
  if (interactive && answers.onset !== null && result.level !== 'emergency') {
    if (current?.at.getTime() !== answers.onset.getTime()) {
      const { askSaveOnset } = await import('../prompts/ask.js');
      // A range ("2 to 3 days ago") gives a day, not a minute.
      const description = onsetApproximate ? `about ${day(answers.onset, now)}` : when(answers.onset, now);
      saveOnset = await askSaveOnset(description, promptIo(ctx));
    }
  }
  journal.append(triageRecords(answers, result, now, saveOnset, onsetApproximate));
  const replaced = saveOnset && changes && current ? ` (it replaces the onset of ${when(current.at, now)})` : '';
  ctx.err(`Recorded in your journal${saveOnset ? `, with the onset${replaced}` : ''}: back-relief status`);
}


/** The journal lines of one triage: the verdict, and the onset and pain score when there are. */
function triageRecords(answers: TriageAnswers, result: TriageResult, now: Date, saveOnset: boolean, approximate: boolean): JournalRecord[] {
  const at = now.toISOString();
  const records: JournalRecord[] = [
    {
      type: 'triage',
      at,
      level: result.level,
      reasons: result.reasons.map((r) => ({ ...r })),
      redFlags: { ...answers.redFlags } as Record<string, boolean | 'unsure'>,
      onset: answers.onset?.toISOString() ?? null,
      painScore: result.painScore,
      triggers: result.triggers,
      precautions: answers.precautions ? { ...answers.precautions } : null,
    },
  ];
  if (saveOnset && answers.onset) records.push({ type: 'onset', at, onset: answers.onset.toISOString(), ...(approximate ? { approximate } : {}) });
  if (result.painScore !== null) records.push({ type: 'pain', at, score: result.painScore, source: 'triage' });
  return records;
}

async function readAnswers(source: string, ctx: CommandContext): Promise<string> {
  if (source === '-') {
    if (ctx.stdin.isTTY) throw new UsageError('--answers -: stdin is a terminal; pipe the answers file in, or give its path.');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of ctx.stdin) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += buffer.length;
      if (size > MAX_ANSWERS_BYTES) throw new UsageError('answers file: larger than 1 MB; that cannot be an answers file.');
      chunks.push(buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
  const gone = relativeWithoutFolder(source, ctx.cwd);
  if (gone) throw new UsageError(`--answers: cannot read "${sanitizeLine(source)}": ${gone}.`);
  try {
    return readCappedFile(source, MAX_ANSWERS_BYTES);
  } catch (error) {
    if (error instanceof FileTooLarge) throw new UsageError('answers file: larger than 1 MB; that cannot be an answers file.');
    throw new UsageError(`--answers: cannot read "${sanitizeLine(source)}" (${describeFsError(error)}).`);
  }
}
