/**
 * Colour decisions and the styles built on them. Colour only ever adds to words: every level, category
 * and evidence label is also written out, so the output reads the same with colour off.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { Category, Evidence, Level } from '../content/schema.js';

export interface ColourInputs {
  /** `--color` (true), `--no-color` (false), or neither. */
  flag: boolean | undefined;
  env: Record<string, string | undefined>;
  isTTY: boolean;
}

/** cli.md: the flag, then FORCE_COLOR, then a non-empty NO_COLOR, then TERM=dumb, then the terminal. */
export function colourEnabled({ flag, env, isTTY }: ColourInputs): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  if (env.NO_COLOR) return false;
  if (env.TERM === 'dumb') return false;
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

export function createStyle(enabled: boolean): Style {
  const c: ChalkInstance = new Chalk({ level: enabled ? 1 : 0 });
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
