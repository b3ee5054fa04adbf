/**
 * The error types a command may throw. `run()` in cli.ts is the one place that turns them into exit
 * codes; anything else that reaches it is a bug (exit 1, stack only with BACK_RELIEF_DEBUG=1).
 *
 * They are recognised by a brand, not by `instanceof`: the commands that load on demand are bundled
 * separately (see scripts/build.mjs), each with its own copy of this file.
 */

const BRAND = 'backReliefExitCode';

abstract class ExitCodeError extends Error {
  abstract readonly exitCode: number;
  readonly [BRAND] = true;
}

/** The user's input or usage is wrong: exit 2. The message says what to do instead. */
export class UsageError extends ExitCodeError {
  readonly exitCode = 2;
  override name = 'UsageError';
}

/** A content file is unreadable or invalid: exit 1, naming the file, the item and the field. */
export class ContentError extends ExitCodeError {
  readonly exitCode = 1;
  override name = 'ContentError';
}

/**
 * The run was stopped: Ctrl+C (130), SIGTERM (143), the terminal closed (129), the output closed
 * (141) or could not be written (1). What was under way has been recorded before this is thrown.
 */
export class CancelledError extends ExitCodeError {
  override name = 'CancelledError';
  constructor(
    message: string,
    readonly exitCode: number = 130,
  ) {
    super(message);
  }
}

/** A file the tool needs cannot be read or written (the journal, an output file): exit 1, in words. */
export class FileError extends ExitCodeError {
  readonly exitCode = 1;
  override name = 'FileError';
}

export type ExitError = UsageError | ContentError | CancelledError | FileError;

export function isExitError(error: unknown): error is ExitError {
  return typeof error === 'object' && error !== null && (error as Record<string, unknown>)[BRAND] === true;
}

export function isCancelled(error: unknown): error is CancelledError {
  return isExitError(error) && error.name === 'CancelledError';
}
