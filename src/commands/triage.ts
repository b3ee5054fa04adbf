/** `back-relief triage`: interactive in a terminal, or scripted with `--answers FILE|-`. */
import { readFileSync } from 'node:fs';
import type { CommandContext } from '../context.js';
import { triage } from '../decision/triage.js';
import { UsageError } from '../errors.js';
import { parseAnswers } from '../input/answers.js';
import { sanitizeLine } from '../render/sanitize.js';
import { verdictJson, verdictLines } from '../render/verdict.js';

export interface TriageOptions {
  answers?: string | undefined;
}

const MAX_ANSWERS_BYTES = 1_000_000;

export async function triageCommand(ctx: CommandContext, options: TriageOptions): Promise<void> {
  const { 'red-flags': flags } = ctx.content(['red-flags']);
  let answers;
  let asked = flags;
  if (options.answers !== undefined) {
    answers = parseAnswers(await readAnswers(options.answers, ctx), flags, ctx.now());
  } else if (ctx.interactive) {
    const { askTriage } = await import('../prompts/triage.js');
    const gathered = await askTriage(flags, { input: ctx.stdin, output: ctx.stdout, now: ctx.now });
    answers = gathered.answers;
    asked = gathered.asked;
  } else {
    throw new UsageError(
      `triage needs answers and cannot ask here (${ctx.options.input ? 'no terminal' : '--no-input'}). Give them with --answers FILE, or --answers - to read them from stdin; see back-relief triage --help.`,
    );
  }
  const result = triage(answers, asked, ctx.now());
  if (ctx.options.json) {
    ctx.json(verdictJson(result, flags));
    return;
  }
  const unicode = ctx.stdout.isTTY === true && ctx.env.TERM !== 'dumb';
  ctx.out(['', ...verdictLines(result, flags, { style: ctx.style, width: ctx.width, unicode })].join('\n'));
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
  try {
    const text = readFileSync(source, 'utf8');
    if (text.length > MAX_ANSWERS_BYTES) throw new UsageError('answers file: larger than 1 MB; that cannot be an answers file.');
    return text;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new UsageError(`--answers: cannot read "${sanitizeLine(source)}" (${code}).`);
  }
}
