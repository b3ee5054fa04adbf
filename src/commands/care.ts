/**
 * The precautions as the timers and the routine need them: from the journal, or asked once in a
 * terminal and recorded, or (with no terminal) a warning that they are unknown. Never a silent skip.
 */
import type { CommandContext } from '../context.js';
import { promptIo } from './prompt-io.js';
import { currentCare } from '../decision/episode.js';
import { careOf, type Care } from '../decision/precautions.js';
import { PREGNANCY } from '../decision/triage.js';
import type { Journal } from '../journal/store.js';
import type { JournalRecord } from '../journal/records.js';
import { listWords } from '../render/verdict.js';
import { wrap } from '../render/layout.js';

/** `ask`: whether this command may ask (a timer or the guided routine); otherwise it only warns. */
export async function knownCare(ctx: CommandContext, journal: Journal, records: readonly JournalRecord[], cancelled: string, ask = true): Promise<Care> {
  const care = currentCare(records);
  if (care.precautions !== null) return care;
  const { precautions, 'red-flags': flags } = ctx.content(['precautions', 'red-flags']);
  if (!ask || !ctx.interactive) {
    const list = listWords(precautions.map((p) => p.name));
    ctx.err(
      wrap(
        `back-relief: warning: the precautions have not been answered yet (${list}). If one applies, ask a doctor or pharmacist before heat or ice, and see back-relief explain precautions. Answer them once with back-relief triage in a terminal.`,
        ctx.width,
      ).join('\n'),
    );
    return care;
  }
  const { askPrecautions } = await import('../prompts/ask.js');
  const pregnancy = flags.find((f) => f.id === PREGNANCY);
  const answers = await askPrecautions(precautions, pregnancy, promptIo(ctx), cancelled);
  journal.append([
    { type: 'precautions', at: ctx.now().toISOString(), answers: answers.precautions, ...(answers.pregnancy !== undefined ? { pregnancy: answers.pregnancy } : {}) },
  ]);
  return careOf(answers.precautions, answers.pregnancy);
}
