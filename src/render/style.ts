/**
 * Colour decisions and the styles built on them. Colour only ever adds to words: every level, category
 * and evidence label is also written out, so the output reads the same with colour off.
 */
import type { ChalkInstance } from 'chalk';
import type { Category, Evidence, Level } from '../content/schema.js';
import { basicTerminal } from './mode.js';

export interface ColourInputs {
  /** `--color` (true), `--no-color` (false), or neither. */
  flag: boolean | undefined;
  env: Record<string, string | undefined>;
  isTTY: boolean;
}

/**
 * cli.md: the flag, then FORCE_COLOR, then a non-empty NO_COLOR, then a basic terminal (TERM=dumb, or
 * since version 2 a non-UTF-8 locale such as LC_ALL=C: no escape sequence at all), then the terminal.
 */
export function colourEnabled({ flag, env, isTTY }: ColourInputs): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  if (env.NO_COLOR) return false;
  if (basicTerminal(env)) return false;
  return isTTY;
}

export interface Style {
  readonly enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  heading(text: string): string;
  command(text: string): string;
  level(level: Level, text: string): string;
  category(category: Category, text: string): string;
  evidence(evidence: Evidence, text: string): string;
}

const same = (text: string) => text;

/** No colour: every style returns its text as it is. */
export const PLAIN_STYLE: Style = {
  enabled: false,
  bold: same,
  dim: same,
  heading: same,
  command: same,
  level: (_l, t) => t,
  category: (_k, t) => t,
  evidence: (_e, t) => t,
};

/**
 * The style for a stream. chalk is loaded only when colour is on: piped and NO_COLOR runs, the ones
 * scripts make, do not pay for it.
 */
export async function createStyle(enabled: boolean): Promise<Style> {
  if (!enabled) return PLAIN_STYLE;
  const { Chalk } = await import('chalk');
  const c: ChalkInstance = new Chalk({ level: 1 });
  const levels: Record<Level, ChalkInstance> = {
    emergency: c.bold.red,
    urgent: c.bold.yellow,
    doctor: c.bold.cyan,
    'self-care': c.bold.green,
  };
  const categories: Record<Category, ChalkInstance> = {
    immediate: c.magenta,
    prevention: c.blue,
    professional: c.cyan,
  };
  const evidence: Record<Evidence, ChalkInstance> = {
    guideline: c.green,
    research: c.cyan,
    'common-practice': c.yellow,
    'not-recommended': c.red,
  };
  return {
    enabled,
    bold: (t) => c.bold(t),
    dim: (t) => c.dim(t),
    heading: (t) => c.bold.underline(t),
    command: (t) => c.bold(t),
    level: (l, t) => levels[l](t),
    category: (k, t) => categories[k](t),
    evidence: (e, t) => evidence[e](t),
  };
}
