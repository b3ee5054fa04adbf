/**
 * Tests that need a program from outside (tmux for a real terminal, zsh and bash for the completion
 * scripts, the npm registry for other Node versions) skip with a visible reason where it is missing,
 * so `npm test` passes on a bare machine. `.ci/run` installs them, so CI runs everything.
 */
import { spawnSync } from 'node:child_process';

const seen = new Map<string, boolean>();

/** Debian's package for each program, for the hint a skipped test prints. */
const PACKAGES: Record<string, string> = {
  Xvfb: 'xvfb',
  'dbus-run-session': 'dbus',
  'notify-send': 'libnotify-bin',
  dunstctl: 'dunst',
  pdftoppm: 'poppler-utils',
  pdftotext: 'poppler-utils',
  pdfinfo: 'poppler-utils',
  script: 'bsdutils',
};

/** Programs whose version option is not --version; null: none at all, so only the PATH is searched. */
const VERSION_ARGS: Record<string, string | null> = { tmux: '-V', Xvfb: null, dunstctl: '--help', pdftotext: '-v', pdftoppm: '-v', pdfinfo: '-v' };

/** Whether a program runs here (its version option answers, or it is on the PATH when it has none). */
export function has(program: string, versionArg = VERSION_ARGS[program] ?? '--version'): boolean {
  let found = seen.get(program);
  if (found === undefined) {
    found =
      VERSION_ARGS[program] === null
        ? spawnSync('sh', ['-c', 'command -v "$1"', 'sh', program], { stdio: 'ignore' }).status === 0
        : spawnSync(program, [versionArg], { stdio: 'ignore', timeout: 10_000 }).status === 0;
    seen.set(program, found);
  }
  return found;
}

export interface Need {
  skip: boolean;
  /** The block's title, with " (skipped: tmux is not installed ...)" when it is skipped. */
  title(title: string): string;
}

/**
 * For blocks that need these programs: whether to skip, and a title that says why. The reason is
 * also written once on stderr, so a skip is seen, not silent.
 */
export function needs(...programs: string[]): Need {
  const missing = programs.filter((p) => !has(p));
  if (missing.length === 0) return { skip: false, title: (t) => t };
  const packages = [...new Set(missing.map((p) => PACKAGES[p] ?? p))];
  const reason = `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not installed (apt-get install ${packages.join(' ')}; .ci/run installs ${missing.length === 1 ? 'it' : 'them'})`;
  process.stderr.write(`back-relief tests: skipping the tests that need ${missing.join(' and ')}: ${reason}\n`);
  return { skip: true, title: (t) => `${t} (skipped: ${reason})` };
}
