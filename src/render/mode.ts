/**
 * What a stream can show. Three questions, each answered from the environment so a screen reader,
 * a log file, a `TERM=dumb` console and an `LC_ALL=C` session each get output they can use:
 *
 * - plain: `--plain` or BACK_RELIEF_PLAIN=1. Words only: no redrawn lines, no boxes, no bars; the
 *   timer announces instead of redrawing. For screen readers and logs.
 * - unicode: box-drawing and block characters, only on a terminal whose locale is UTF-8 (and never
 *   when plain); ASCII otherwise.
 * - redraw: cursor and clear-line escapes, only on a terminal that is not basic (`TERM=dumb` or a
 *   non-UTF-8 locale such as `LC_ALL=C`) and never when plain.
 */
export interface OutputMode {
  plain: boolean;
  unicode: boolean;
  redraw: boolean;
}

/** The locale that decides the character set: the first of LC_ALL, LC_CTYPE and LANG that is set, as the C library reads them. */
const localeOf = (env: Record<string, string | undefined>) => env.LC_ALL || env.LC_CTYPE || env.LANG;

/**
 * Whether the locale's character set is UTF-8. With none set, a terminal is taken as UTF-8 (as every
 * current terminal is), except on Linux where no locale means the C locale.
 */
export function utf8Locale(env: Record<string, string | undefined>, platform: NodeJS.Platform): boolean {
  const locale = localeOf(env);
  if (!locale) return platform !== 'linux';
  return /utf-?8/i.test(locale);
}

/**
 * A basic terminal: `TERM=dumb`, or a locale set to a character set other than UTF-8 (`LC_ALL=C`, a
 * serial console, an old system). It gets no escape sequence at all: no colour, no cursor movement,
 * ASCII only. (No locale set at all is not taken as basic: many containers set none.)
 */
export function basicTerminal(env: Record<string, string | undefined>): boolean {
  const locale = localeOf(env);
  return env.TERM === 'dumb' || (!!locale && !/utf-?8/i.test(locale));
}

export function outputMode(stream: { isTTY?: boolean | undefined }, env: Record<string, string | undefined>, platform: NodeJS.Platform, plain: boolean): OutputMode {
  const terminal = stream.isTTY === true && !basicTerminal(env);
  return { plain, unicode: terminal && !plain && utf8Locale(env, platform), redraw: terminal && !plain };
}
