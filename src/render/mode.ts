/**
 * What a stream can show. Three questions, each answered from the environment so a screen reader,
 * a log file, a `TERM=dumb` console and an `LC_ALL=C` session each get output they can use:
 *
 * - plain: `--plain` or BACK_RELIEF_PLAIN=1. Words only: no redrawn lines, no boxes, no bars; the
 *   timer announces instead of redrawing. For screen readers and logs.
 * - unicode: box-drawing and block characters, only on a terminal whose locale is UTF-8 (and never
 *   when plain); ASCII otherwise.
 * - redraw: cursor and clear-line escapes, only on a terminal that is not `TERM=dumb` (and never
 *   when plain).
 */
export interface OutputMode {
  plain: boolean;
  unicode: boolean;
  redraw: boolean;
}

const OFF = /^(?:|0|false|no|off)$/i;

/** `--plain` (true), `--no-plain` (false), else BACK_RELIEF_PLAIN set to anything but 0/false/no/off. */
export function plainWanted(flag: boolean | undefined, env: Record<string, string | undefined>): boolean {
  if (flag !== undefined) return flag;
  return !OFF.test(env.BACK_RELIEF_PLAIN ?? '');
}

/**
 * Whether the locale's character set is UTF-8: the first of LC_ALL, LC_CTYPE and LANG that is set
 * decides, as the C library does. With none set, a terminal is taken as UTF-8 (as every current
 * terminal is), except on Linux where no locale means the C locale.
 */
export function utf8Locale(env: Record<string, string | undefined>, platform: NodeJS.Platform): boolean {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG;
  if (!locale) return platform !== 'linux';
  return /utf-?8/i.test(locale);
}

export function outputMode(stream: { isTTY?: boolean | undefined }, env: Record<string, string | undefined>, platform: NodeJS.Platform, plain: boolean): OutputMode {
  const terminal = stream.isTTY === true && env.TERM !== 'dumb';
  return { plain, unicode: terminal && !plain && utf8Locale(env, platform), redraw: terminal && !plain };
}
