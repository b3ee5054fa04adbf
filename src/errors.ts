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

/** The person cancelled (Ctrl+C: 130) or the process was asked to stop (SIGTERM: 143). */
export class CancelledError extends ExitCodeError {
  override name = 'CancelledError';
  constructor(
    message: string,
    readonly exitCode: 130 | 143 = 130,
  ) {
    super(message);
  }
}

export type ExitError = UsageError | ContentError | CancelledError;

export function isExitError(error: unknown): error is ExitError {
  return typeof error === 'object' && error !== null && (error as Record<string, unknown>)[BRAND] === true;
}

export function isCancelled(error: unknown): error is CancelledError {
  return isExitError(error) && error.name === 'CancelledError';
}
