/**
 * Contrast's pause between heat and ice: the person swaps packs, then says so. In a terminal that is
 * Enter (q stops there); without one, a newline on stdin, or its end (nothing more will come, so the
 * ice half starts at once), with a reminder line a minute. A stop from outside ends the wait too,
 * and so does a terminal that closes (its input ends: see waitForKey).
 */
import type { InStream, OutStream } from '../context.js';
import { onStop, type Stop } from '../terminal/stops.js';
import { waitForKey } from './routine-view.js';

export type SwapResult = 'go' | 'stop' | 'interrupt' | { stop: Stop };

const REMINDER_MS = 60_000;

export async function waitForSwap(stdin: InStream, out: OutStream, message: string, keys: boolean, bell: boolean): Promise<SwapResult> {
  out.write(`${bell && keys ? '\u0007' : ''}${message}\n`);
  if (keys) {
    // After Ctrl+Z and `fg` the question is said again.
    const waited = await waitForKey(stdin, ['\r', 'q'], { out, again: message });
    if ('stop' in waited) return waited;
    return waited.key === '\r' ? 'go' : waited.key === 'q' ? 'stop' : 'interrupt';
  }
  return new Promise((resolve) => {
    const reminder = setInterval(() => out.write(`Still waiting: ${message}\n`), REMINDER_MS);
    const done = (result: SwapResult) => {
      clearInterval(reminder);
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      offStop();
      stdin.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer | string) => {
      if (chunk.toString().includes('\n')) done('go');
    };
    const onEnd = () => done('go');
    const offStop = onStop((stop) => done({ stop }));
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.resume();
  });
}

/** The steps in parts that run without a pause: a heat session followed at once by ice is cut there. */
export function swapParts<S extends { type: string; kind: string }>(steps: readonly S[]): S[][] {
  const parts: S[][] = [[]];
  steps.forEach((step, i) => {
    const before = steps[i - 1];
    if (before && before.type === 'session' && before.kind === 'heat' && step.type === 'session' && step.kind === 'ice') parts.push([]);
    parts.at(-1)!.push(step);
  });
  return parts;
}
