/** `back-relief export`: a summary of this episode for a clinician, as Markdown or JSON, to stdout or a file. */
import { closeSync, fsyncSync, linkSync, lstatSync, openSync, renameSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { CommandContext } from '../context.js';
import { currentOnset } from '../decision/episode.js';
import { FileError, UsageError } from '../errors.js';
import { relativeWithoutFolder } from '../input/files.js';
import { openJournal, readJournal } from '../journal/open.js';
import { exportJson, exportMarkdown, type SummaryInput } from '../render/export.js';
import { exportHtml } from '../render/html.js';
import { jsonChunks } from '../text/json-chunks.js';
import { PLAN_SOURCES, stretchNames } from '../render/verdict.js';
import type { Source } from '../content/schema.js';
import { sanitizeLine } from '../render/sanitize.js';
import { describeFsError } from '../text/fs-errors.js';
import { flagNames, precautionNames } from './names.js';
import { timeZone } from './views.js';

const FORMATS = ['md', 'json', 'html'] as const;
type Format = (typeof FORMATS)[number];
const EXTENSIONS: Record<string, Format> = { '.md': 'md', '.markdown': 'md', '.json': 'json', '.html': 'html', '.htm': 'html' };
const FORMAT_NAMES: Record<Format, string> = { md: 'Markdown', json: 'JSON', html: 'HTML' };

/**
 * The format: --format, else the --output file's extension, else Markdown. A --format that
 * contradicts the extension is refused, so Markdown never lands in a .json file.
 */
export function exportFormat(format: string | undefined, output: string | undefined): Format {
  if (format !== undefined && !(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be md, json or html, not "${sanitizeLine(format)}".`);
  const fromName = output === undefined || output === '-' ? undefined : EXTENSIONS[extensionOf(output)];
  if (format !== undefined && fromName !== undefined && format !== fromName) {
    throw new UsageError(`--format ${format} does not match "${sanitizeLine(basename(output!))}"; name the file .${format}, or leave out --format.`);
  }
  return (format as Format | undefined) ?? fromName ?? 'md';
}

/** ".html" of "report.html", and of a file called ".html" too (where extname sees a hidden file). */
function extensionOf(path: string): string {
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
}

export function exportCommand(ctx: CommandContext, options: { format?: string; output?: string; force?: boolean }): void {
  // `--output -` is standard output, as `--answers -` is standard input.
  if (options.output === '-') options = { ...options, output: undefined };
  const format = exportFormat(options.format, options.output);
  const gone = options.output === undefined ? null : relativeWithoutFolder(options.output, ctx.cwd);
  if (gone) throw new FileError(`--output: cannot write "${sanitizeLine(options.output!)}": ${gone}.`);
  const now = ctx.now();
  const records = episodeRecords(ctx, now);
  const summary = { records, now, flagName: flagNames(ctx), precautionName: precautionNames(ctx), timeZone: timeZone(now) };
  const text: Iterable<string> =
    format === 'json' ? jsonChunks(exportJson(summary)) : format === 'html' ? htmlReport(ctx, summary) : exportMarkdown(summary);
  if (options.output === undefined) {
    for (const chunk of typeof text === 'string' ? [text] : text) ctx.stdout.write(chunk);
    return;
  }
  writeAtomically(options.output, text, options.force === true);
  ctx.err(`Summary written to ${options.output} (${FORMAT_NAMES[format]}).`);
}

/**
 * The sources behind what the report shows: the guidelines behind the care, every sign reported in
 * a screen (yes, not sure, or derived), and the precautions that apply.
 */
function reportSources(ctx: CommandContext, s: ReturnType<typeof exportJson>): Source[] {
  const { 'red-flags': flags, precautions, sources } = ctx.content(['red-flags', 'precautions']);
  const ids = new Set<string>(PLAN_SOURCES);
  const reported = new Set(s.redFlagScreens.flatMap((r) => [...r.yes, ...r.unsure, ...r.derived]));
  for (const f of flags) if (reported.has(f.id)) for (const id of f.sources) ids.add(id);
  const applying = new Set<string>(s.precautions.applying ?? []);
  for (const p of precautions) if (applying.has(p.id)) for (const id of p.sources) ids.add(id);
  return sources.filter((source) => ids.has(source.id));
}

/** The HTML report: the summary computed once, for the page and for the sources behind it. */
function htmlReport(ctx: CommandContext, summary: SummaryInput): string {
  const json = exportJson(summary);
  return exportHtml({ ...summary, json, sources: reportSources(ctx, json), stretchName: stretchNames(ctx.content(['stretches']).stretches) });
}

/** The export's scope: the current episode from its onset, and never less than the last 30 days. */
function episodeRecords(ctx: CommandContext, now: Date) {
  const journal = openJournal(ctx);
  const month = now.getTime() - EXPORT_DAYS * 86_400_000;
  const onset = currentOnset(readJournal(ctx, journal));
  // From the onset, or from when it was recorded if that is earlier (an onset ahead of the clock).
  const since = Math.min(month, onset ? Math.min(onset.at.getTime(), onset.recordedAt.getTime()) : month);
  return readJournal(ctx, journal, { since }).filter((r) => Date.parse(r.at) >= since || r.type === 'precautions');
}

const EXPORT_DAYS = 30;

/**
 * Temporary file, written whole and flushed, then moved into place: a reader never sees half a
 * summary, and on every failure the temporary file is removed. Every way the file cannot be written
 * (a folder that is missing or read-only, a name too long, a full disk) is exit 1, as the README's
 * table says of an output file; a file that exists without --force is a usage mistake (exit 2).
 * --force replaces only a regular file: never a folder, a link (/proc/self/fd/1...), a device or a
 * FIFO, which a rename would silently swap for a plain file.
 */
function writeAtomically(target: string, text: Iterable<string>, force: boolean): void {
  const shown = sanitizeLine(target);
  const existing = existingEntry(target);
  if (existing) {
    if (!existing.isFile()) {
      throw new FileError(`--output: "${shown}" is ${entryKind(existing)}, not a regular file, and only a regular file is ever replaced; choose another name.`);
    }
    if (!force) throw new UsageError(`--output: "${shown}" already exists; add --force to replace it.`);
  }
  const dir = dirname(target);
  const { fd, temp } = openTemp(dir);
  const removeTemp = () => {
    try {
      unlinkSync(temp);
    } catch {
      // Already gone.
    }
  };
  try {
    for (const chunk of typeof text === 'string' ? [text] : text) {
      const data = Buffer.from(chunk, 'utf8');
      let written = 0;
      while (written < data.length) written += writeSync(fd, data, written);
    }
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    removeTemp();
    throw new FileError(`--output: cannot write "${shown}" (${describeFsError(error)}); nothing was written.`);
  }
  closeSync(fd);
  try {
    if (force) {
      // Looked at again just before: something other than a regular file put there meanwhile is
      // still refused (a rename never writes through a link, so what is left is only that window).
      const now = existingEntry(target);
      if (now && !now.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREGULAR' });
      renameSync(temp, target);
    } else {
      // link() fails if the target exists, so no file is ever replaced without --force.
      linkSync(temp, target);
      unlinkSync(temp);
    }
  } catch (error) {
    removeTemp();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UsageError(`--output: "${shown}" already exists; add --force to replace it.`);
    throw new FileError(`--output: cannot write "${shown}" (${describeFsError(error)}).`);
  }
}

/** What is at the path now, not following a link; null when nothing is. */
function existingEntry(target: string): Stats | null {
  try {
    return lstatSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new FileError(`--output: cannot write "${sanitizeLine(target)}" (${describeFsError(error)}).`);
  }
}

/** "a folder", "a symbolic link": what stands where the summary would go. */
export function entryKind(stat: Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  return 'something other than a file';
}

/**
 * The temporary file beside the target. Its name does not grow with the target's (at most 40
 * characters), so any name the file system accepts for the summary also fits its temporary file.
 */
function openTemp(dir: string): { fd: number; temp: string } {
  for (let attempt = 0; ; attempt++) {
    const temp = join(dir, tempName(process.pid, Date.now(), attempt));
    try {
      return { fd: openSync(temp, 'wx', 0o600), temp };
    } catch (error) {
      // A name left by a crashed run with the same process id: try the next.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 10) continue;
      throw new FileError(`--output: cannot write in "${sanitizeLine(dir)}" (${describeFsError(error)}).`);
    }
  }
}

export function tempName(pid: number, time: number, attempt: number): string {
  return `.back-relief-${pid.toString(36)}-${time.toString(36)}${attempt ? `-${attempt}` : ''}.tmp`;
}
