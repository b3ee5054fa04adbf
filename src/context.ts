/**
 * What a command may touch. Built once per run from the process (or from a test), so commands never
 * reach for globals: the clock, the streams, the environment and the content all come from here.
 */
import type { Content, ContentDirs } from './content/load.js';
import type { Kind } from './content/schema.js';
import type { Effective, Source as SettingSource } from './config/resolve.js';
import type { SettingKey } from './config/settings.js';
import type { OutputMode } from './render/mode.js';
import type { Style } from './render/style.js';

export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean | undefined;
  columns?: number | undefined;
  /** A terminal's height, for the pager's "longer than the screen". */
  rows?: number | undefined;
  /** A terminal tells when its window is resized. */
  on?(event: 'resize', listener: () => void): unknown;
  off?(event: 'resize', listener: () => void): unknown;
  /** Standard output written straight to its descriptor (a pipe, a file) gives its real stream here. */
  stream?(): NodeJS.WritableStream;
}

export interface InStream extends NodeJS.ReadableStream {
  isTTY?: boolean | undefined;
  /** A terminal's stdin can be put in raw mode, so keys arrive one by one. */
  setRawMode?(raw: boolean): unknown;
}

/** The process-level inputs to one run. */
export interface Environment {
  env: Record<string, string | undefined>;
  stdin: InStream;
  stdout: OutStream;
  stderr: OutStream;
  now: () => Date;
  /** The folder holding the built-in data/*.json. */
  builtinDataDir: string;
  /** The folder the command was started in; null when it has been deleted since (src/main.ts). */
  cwd: string | null;
  platform: NodeJS.Platform;
  /** A function: os.homedir() is only needed by commands that use the journal. */
  homedir: () => string;
}

/** The global options, after parsing. */
export interface GlobalOptions {
  json: boolean;
  color: boolean | undefined;
  input: boolean;
  dataDir: string | undefined;
  /** `--plain` / `--no-plain`, if given (BACK_RELIEF_PLAIN otherwise). */
  plain?: boolean | undefined;
}

/** What a command receives. */
export interface CommandContext {
  readonly options: GlobalOptions;
  readonly env: Record<string, string | undefined>;
  readonly stdin: InStream;
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly now: () => Date;
  /** Null when the current folder has been deleted: only a relative path cannot work then. */
  readonly cwd: string | null;
  /** Styles for stdout and for stderr, each coloured only if its own stream may be. */
  readonly style: Style;
  readonly errStyle: Style;
  /** Columns to lay text out in (80 at most). */
  readonly width: number;
  /** What stdout can show: plain words, Unicode, redrawn lines (src/render/mode.ts). */
  readonly mode: OutputMode;
  /** The same for another stream (the timer draws on stderr with --json). */
  modeOf(stream: OutStream): OutputMode;
  /** One line (or several) to stdout / stderr. */
  out(text?: string): void;
  err(text: string): void;
  /** Prints a value as JSON on stdout. */
  json(value: unknown): void;
  /** Whether prompts may be shown: both ends are terminals and --no-input was not given. */
  readonly interactive: boolean;
  content<K extends Kind>(kinds: readonly K[]): Pick<Content, K | 'sources'>;
  readonly platform: NodeJS.Platform;
  readonly homedir: () => string;
  readonly contentDirs: ContentDirs;
  /** The settings in force: flags, then environment variables, then the settings file, then defaults. */
  readonly settings: Effective;
  readonly settingSources: Record<SettingKey, SettingSource>;
  /** Where the settings file is, or would be; null when there is no home folder to put it in. */
  readonly configPath: string | null;
}
