/** Plain-text layout helpers. Everything is measured in columns and kept within the output width. */
import { eastAsianWidth } from 'get-east-asian-width';

export const MAX_WIDTH = 80;
/** The narrowest layout: below this, words no longer fit a line (a terminal narrower still gets lines this wide). */
const MIN_WIDTH = 10;
/** The fewest columns wrapped text keeps for its words, whatever the indent. */
const MIN_TEXT = 12;

/** The width to lay out for: the terminal's, capped at 80 so lines stay readable. */
export function outputWidth(columns: number | undefined): number {
  if (!columns || columns <= 0) return MAX_WIDTH;
  return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, columns));
}

/**
 * The width for a stream: a terminal's own columns; otherwise $COLUMNS when it holds a number (as ls
 * and git read it, so `COLUMNS=40 back-relief plan | less` lays out for 40); otherwise 80.
 */
export function streamWidth(stream: { isTTY?: boolean | undefined; columns?: number | undefined }, env: Record<string, string | undefined>): number {
  if (stream.isTTY && stream.columns) return outputWidth(stream.columns);
  const columns = /^\d{1,4}$/.test(env.COLUMNS ?? '') ? Number(env.COLUMNS) : undefined;
  return outputWidth(columns);
}

// Escape sequences that our own styles add; they take no columns.
const SGR = /\u001b\[[0-9;]*m/g;

// Text that is one column a character: printable ASCII, the common case, measured without a lookup.
const NARROW = /^[\x20-\x7e]*$/;
// Characters that take no column of their own: combining marks, joiners, variation selectors.
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\u200b-\u200f\u2060\ufe00-\ufe0f\u{e0100}-\u{e01ef}]$/u;

const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;

/** The columns one code point takes: 0, 1, or 2 for a wide one (CJK, most emoji). */
function columnsOfCodePoint(char: string): number {
  const code = char.codePointAt(0)!;
  if (code < 0x300) return 1;
  if (ZERO_WIDTH.test(char)) return 0;
  return eastAsianWidth(code);
}

/**
 * The columns a text takes on a terminal: our own colour escapes none, a wide character two. An
 * emoji asked for as an emoji (U+FE0F after it, as in ❤️) takes two, and the parts joined to an
 * emoji by a zero-width joiner (a family) take no more.
 */
export function visibleLength(text: string): number {
  const plain = text.replace(SGR, '');
  if (NARROW.test(plain)) return plain.length;
  let columns = 0;
  let previous = '';
  let joined = false;
  for (const char of plain) {
    let width = joined ? 0 : columnsOfCodePoint(char);
    if (char === '\ufe0f' && PICTOGRAPHIC.test(previous) && columnsOfCodePoint(previous) === 1) width = 1;
    joined = char === '\u200d';
    columns += width;
    previous = char;
  }
  return columns;
}

/** The longest start of `text` that fits in `columns` (at least one character, so a cut always moves on). */
export function takeColumns(text: string, columns: number): string {
  if (NARROW.test(text)) return text.slice(0, Math.max(1, columns));
  let used = 0;
  let end = 0;
  for (const char of text) {
    const width = columnsOfCodePoint(char);
    if (used + width > columns && end > 0) break;
    used += width;
    end += char.length;
  }
  return text.slice(0, end);
}

/** Options that take a value, so `--level gentle` stays one piece of a command. */
const VALUE_FLAGS = new Set(['--duration', '--rounds', '--break', '--level', '--only', '--walk', '--answers', '--signs', '--pain', '--note', '--days', '--format', '--output', '--category', '--data-dir']);
/** The words that can follow `back-relief` directly. */
const COMMANDS = new Set([
  'triage', 'ice', 'heat', 'contrast', 'stretches', 'routine', 'remedies', 'red-flags', 'sources', 'onset', 'pain', 'check-in', 'status', 'plan',
  'history', 'export', 'explain', 'completion', 'undo', 'help', 'config',
]);
/** Plain words that are arguments of a command (topics, shells, levels, times, formats). */
const ARGUMENT_WORDS = new Set([
  ...COMMANDS, 'precautions', 'causes', 'outlook', 'journal', 'walking', 'plank', 'bash', 'zsh', 'fish', 'immediate', 'prevention', 'professional',
  'gentle', 'build', 'none', 'unsure', 'now', 'yesterday', 'today', 'ago', 'md', 'json', 'html', 'list', 'get', 'set', 'unset', 'path',
]);
/** What ends a sentence or a clause after a word. */
const TRAILING = /[,.;:!?]+$/;
const CLOSERS: Record<string, string> = { '(': ')', '`': '`', '"': '"', "'": "'" };

/** The index of the last word of the command that starts at `words[start]`, or -1 if none starts there. */
function commandEnd(words: readonly string[], start: number): number {
  const head = /^([(`"']?)back-relief(\S*)$/.exec(words[start]!);
  if (!head) return -1;
  const [, opener = '', after = ''] = head;
  if (after !== '') return after.replace(TRAILING, '') === '' || after === CLOSERS[opener] || after.startsWith(CLOSERS[opener] ?? '\0') ? start : -1;
  // Written inside brackets or backticks: the command runs to the closing one.
  if (opener) {
    const closer = CLOSERS[opener]!;
    for (let j = start + 1; j < words.length && j <= start + 12; j++) {
      if (words[j]!.replace(TRAILING, '').endsWith(closer)) return j;
      // "(back-relief ice, back-relief heat)": a comma ends the first command.
      if (TRAILING.test(words[j]!)) return j;
    }
  }
  // Otherwise by its grammar: a command name, then options, their values and argument words.
  let end = start;
  let wantsValue = false;
  for (let j = start + 1; j < words.length; j++) {
    const word = words[j]!;
    const bare = word.replace(TRAILING, '').replace(/[)`]+$/, '');
    let take: boolean;
    if (j === start + 1) take = COMMANDS.has(bare) || /^--?[a-z]/.test(bare);
    else if (word.startsWith('"') || word.startsWith("'")) {
      // A quoted argument, however many words: up to its closing quote.
      const quote = word[0]!;
      let k = j;
      while (k < words.length && k < j + 8 && !(k === j ? word.slice(1) : words[k]!).replace(TRAILING, '').replace(/[)`]+$/, '').endsWith(quote)) k++;
      if (k >= words.length || k >= j + 8) return end;
      end = k;
      if (TRAILING.test(words[k]!) || /[)`]$/.test(words[k]!)) return end;
      j = k;
      wantsValue = false;
      continue;
    } else take = wantsValue || /^--?[a-z]/.test(bare) || ARGUMENT_WORDS.has(bare) || /^\d[\d:.]*[a-z]{0,3}$/.test(bare) || /^[a-z0-9]+(-[a-z0-9]+)+$/.test(bare);
    if (!take) return end;
    end = j;
    wantsValue = VALUE_FLAGS.has(bare);
    // A word that ends a sentence, a clause or a bracket ends the command with it.
    if (TRAILING.test(word) || /[)`]$/.test(word)) return end;
  }
  return end;
}

/** A short unit after a number, with what may end a clause after it. */
const UNIT = /^(?:s|ms|min|h|kB|MB|GB)[,.;:)]*$/;

/**
 * Where to cut a word too long for any line, within its first `fits` characters: after the last "/"
 * (a path; "\\" on Windows), else the last "-", if that keeps at least half of the room; else at the
 * room's end.
 */
function cutAt(word: string, fits: number): number {
  const head = takeColumns(word, fits);
  for (const mark of ['/', '\\', '-']) {
    const at = head.lastIndexOf(mark) + 1;
    if (at >= Math.ceil(head.length / 2) && at < word.length) return at;
  }
  return head.length;
}

/**
 * The words of a text grouped into pieces that are never broken: a command with its arguments
 * ("(back-relief routine --level gentle)", `back-relief onset "yesterday 18:00"`) is one piece;
 * every other word is its own.
 */
export function pieces(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const end = commandEnd(words, i);
    // A number and its short unit ("10 s", "20 min") stay on one line.
    if (end <= i && /^[(]?\d+(?:[.,]\d+)?$/.test(words[i]!) && i + 1 < words.length && UNIT.test(words[i + 1]!)) {
      out.push(`${words[i]!} ${words[i + 1]!}`);
      i++;
    } else if (end <= i) out.push(words[i]!);
    else {
      out.push(words.slice(i, end + 1).join(' '));
      i = end;
    }
  }
  return out;
}

/**
 * Word-wraps plain text to `width` columns. The first line starts with `first`, the rest with `rest`
 * (an indent that lines continuation text up under the first word). A command is never broken: it
 * moves to the next line whole, and one longer than a line is continued with a trailing " \", so it
 * still runs when copied. Any other word longer than a line is cut.
 */
export function wrap(text: string, width: number, first = '', rest = first): string[] {
  const lines: string[] = [];
  // A narrow screen keeps at least MIN_TEXT columns for the words: a long indent shrinks, and a long
  // label stands on a line of its own.
  const minText = Math.min(MIN_TEXT, Math.floor(width / 2));
  if (visibleLength(rest) > width - minText && rest.trim() === '') rest = ' '.repeat(Math.max(0, Math.min(4, width - minText)));
  let line = first;
  if (first && visibleLength(first) > width - minText) {
    lines.push(first.trimEnd());
    line = rest;
  }
  let lineHasWord = false;
  for (const word of pieces(text.split(/\s+/).filter(Boolean))) {
    const room = width - visibleLength(line) - (lineHasWord ? 1 : 0);
    if (visibleLength(word) <= room) {
      line += (lineHasWord ? ' ' : '') + word;
      lineHasWord = true;
      continue;
    }
    if (lineHasWord) {
      lines.push(line);
      line = rest;
      lineHasWord = false;
      if (visibleLength(line) + visibleLength(word) <= width) {
        line += word;
        lineHasWord = true;
        continue;
      }
    }
    if (word.includes(' ')) {
      // A command too long for any line: its arguments on continued lines, each ending " \\".
      const parts = continued(word, width - visibleLength(rest));
      parts.forEach((part, i) => {
        if (i > 0) line = part.flush ? '' : rest;
        if (i < parts.length - 1) lines.push(`${line}${part.text}`);
        else line += part.text;
      });
      lineHasWord = true;
      continue;
    }
    // A word longer than a line: cut, a line's worth at a time.
    let remaining = word;
    while (visibleLength(remaining) > width - visibleLength(line)) {
      if (visibleLength(line) >= width) {
        lines.push(line);
        line = '';
      }
      const fits = cutAt(remaining, Math.max(1, width - visibleLength(line)));
      lines.push(line + remaining.slice(0, fits));
      remaining = remaining.slice(fits);
      line = rest;
    }
    line += remaining;
    lineHasWord = remaining.length > 0;
  }
  if (lineHasWord || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * A command split into lines of at most `width`. Lines end " \\" where the command goes on; an
 * argument longer than a line (a long path) is cut with a bare "\\", which the shell also joins, and
 * the line after such a cut is marked `flush`: it must start at the margin, since spaces before it
 * would become part of the argument.
 */
export function continued(command: string, width: number): { text: string; flush: boolean }[] {
  // Split at spaces outside quotes: a quoted argument stays one argument.
  const args = command.match(/(?:[^\s"']+|"[^"]*"?|'[^']*'?)+/g) ?? [command];
  const parts: { text: string; flush: boolean }[] = [];
  let current = '';
  let flush = false;
  args.forEach((arg, i) => {
    const joined = current ? `${current} ${arg}` : arg;
    // Room for the " \\" that marks a line as continued, unless this is the command's last word.
    const limit = i === args.length - 1 ? width : width - 2;
    if (visibleLength(joined) <= limit) {
      current = joined;
      return;
    }
    if (current) {
      parts.push({ text: `${current} \\`, flush });
      flush = false;
    }
    current = arg;
    while (visibleLength(current) > (i === args.length - 1 ? width : width - 2)) {
      // After a "/" of a path where one is near the end of the room, as in prose.
      const cut = cutAt(current, Math.max(1, width - 1));
      parts.push({ text: `${current.slice(0, cut)}\\`, flush });
      current = current.slice(cut);
      flush = true;
    }
  });
  parts.push({ text: current, flush });
  return parts;
}

/**
 * The width for messages on stderr: wrapped for a person at a terminal, one line each otherwise (a
 * log or a script reads them line by line).
 */
export function messageWidth(stream: { isTTY?: boolean | undefined; columns?: number | undefined }, env: Record<string, string | undefined>): number {
  return stream.isTTY ? streamWidth(stream, env) : Number.POSITIVE_INFINITY;
}

/**
 * Lines laid out to fit: each line that fits is kept as it is; a longer one is wrapped, its indent
 * kept and a list marker ("- ", "! ", "> ", "1. ") hung, so "- text" goes on under "text".
 */
export function fitLines(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => {
      if (visibleLength(line) <= width) return [line];
      const [, indent = '', marker = ''] = /^(\s*)((?:[-!>*]|\d{1,2}\.)\s+)?/.exec(line) ?? [];
      return wrap(line.slice(indent.length + marker.length), width, `${indent}${marker}`, ' '.repeat(indent.length + marker.length));
    })
    .join('\n');
}

/** Turns "ice-or-heat" style ids into words. */
export function words(id: string): string {
  return id.replace(/-/g, ' ');
}
