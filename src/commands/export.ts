/** `back-relief export`: a summary of this episode for a clinician, as Markdown or JSON, to stdout or a file. */
import { closeSync, fsyncSync, linkSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { CommandContext } from '../context.js';
import { currentOnset } from '../decision/episode.js';
import { FileError, UsageError } from '../errors.js';
import { relativeWithoutFolder } from '../input/files.js';
import { openJournal, readJournal } from '../journal/open.js';
import { exportJson, exportMarkdown } from '../render/export.js';
import { sanitizeLine } from '../render/sanitize.js';
import { describeFsError } from '../text/fs-errors.js';
import { flagNames, precautionNames } from './names.js';
import { timeZone } from './views.js';

const FORMATS = ['md', 'json'] as const;
type Format = (typeof FORMATS)[number];
const EXTENSIONS: Record<string, Format> = { '.md': 'md', '.markdown': 'md', '.json': 'json' };

/**
 * The format: --format, else the --output file's extension, else Markdown. A --format that
 * contradicts the extension is refused, so Markdown never lands in a .json file.
 */
export function exportFormat(format: string | undefined, output: string | undefined): Format {
  if (format !== undefined && !(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be md or json, not "${sanitizeLine(format)}".`);
  const fromName = output === undefined ? undefined : EXTENSIONS[extname(output).toLowerCase()];
  if (format !== undefined && fromName !== undefined && format !== fromName) {
    throw new UsageError(`--format ${format} does not match "${sanitizeLine(basename(output!))}"; name the file .${format}, or leave out --format.`);
  }
  return (format as Format | undefined) ?? fromName ?? 'md';
}

export function exportCommand(ctx: CommandContext, options: { format?: string; output?: string; force?: boolean }): void {
  const format = exportFormat(options.format, options.output);
  const gone = options.output === undefined ? null : relativeWithoutFolder(options.output, ctx.cwd);
  if (gone) throw new FileError(`--output: cannot write "${sanitizeLine(options.output!)}": ${gone}.`);
  const now = ctx.now();
  const records = episodeRecords(ctx, now);
  const summary = { records, now, flagName: flagNames(ctx), precautionName: precautionNames(ctx), timeZone: timeZone(now) };
  const text = format === 'json' ? `${JSON.stringify(exportJson(summary), null, 2)}\n` : exportMarkdown(summary);
  if (options.output === undefined) {
    ctx.stdout.write(text);
    return;
  }
  writeAtomically(options.output, text, options.force === true);
  ctx.err(`Summary written to ${options.output} (${format === 'json' ? 'JSON' : 'Markdown'}).`);
}

/** The export's scope: the current episode from its onset, and never less than the last 30 days. */
function episodeRecords(ctx: CommandContext, now: Date) {
  const journal = openJournal(ctx);
  const month = now.getTime() - EXPORT_DAYS * 86_400_000;
  const onset = currentOnset(readJournal(ctx, journal));
  const since = Math.min(month, onset ? onset.at.getTime() : month);
  return readJournal(ctx, journal, { since }).filter((r) => Date.parse(r.at) >= since || r.type === 'precautions');
}

const EXPORT_DAYS = 30;

/**
 * Temporary file, written whole and flushed, then moved into place: a reader never sees half a
 * summary, and on every failure the temporary file is removed. A folder that cannot take it is the
 * person's choice of path (exit 2); a write that fails part-way (a full disk) is exit 1.
 */
function writeAtomically(target: string, text: string, force: boolean): void {
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number;
  try {
    fd = openSync(temp, 'wx', 0o600);
  } catch (error) {
    throw new UsageError(`--output: cannot write in "${sanitizeLine(dirname(target))}" (${describeFsError(error)}).`);
  }
  const removeTemp = () => {
    try {
      unlinkSync(temp);
    } catch {
      // Already gone.
    }
  };
  try {
    const data = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < data.length) written += writeSync(fd, data, written);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    removeTemp();
    throw new FileError(`--output: cannot write "${sanitizeLine(target)}" (${describeFsError(error)}); nothing was written.`);
  }
  closeSync(fd);
  try {
    if (force) renameSync(temp, target);
    else {
      // link() fails if the target exists, so no file is ever replaced without --force.
      linkSync(temp, target);
      unlinkSync(temp);
    }
  } catch (error) {
    removeTemp();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UsageError(`--output: "${sanitizeLine(target)}" already exists; add --force to replace it.`);
    throw new UsageError(`--output: cannot write "${sanitizeLine(target)}" (${describeFsError(error)}).`);
  }
}
