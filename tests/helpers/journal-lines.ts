/** The journal lines of a state folder, parsed; none when the journal does not exist. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read lines of every type loosely
export function journalLines(stateDir: string): any[] {
  const file = join(stateDir, 'journal.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
}
