/** Whole numbers the person types: a pain score, a number of days. */
import { UsageError } from '../errors.js';
import { sanitizeLine } from '../render/sanitize.js';

export function parseScore(text: string, flag = 'SCORE'): number {
  if (!/^(?:10|[0-9])$/.test(text.trim())) {
    throw new UsageError(`${flag} must be a whole number from 0 (no pain) to 10 (the worst), not "${sanitizeLine(text)}".`);
  }
  return Number(text.trim());
}

export function parseDays(text: string): number {
  if (!/^[1-9]\d{0,4}$/.test(text.trim())) throw new UsageError(`--days must be a whole number of days from 1, not "${sanitizeLine(text)}".`);
  return Number(text.trim());
}
