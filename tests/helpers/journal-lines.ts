/** The journal lines of a state folder, parsed; none when the journal does not exist. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read lines of every type loosely
export function journalLines(stateDir: string): any[] {
  const file = join(stateDir, 'journal.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
}

/** The precautions answered "none", so a timer or the routine starts without asking them. */
export const NO_PRECAUTIONS = {
  type: 'precautions',
  at: '2026-01-01T00:00:00.000Z',
  answers: { 'skin-sensation': false, circulation: false, 'broken-skin': false, osteoporosis: false },
  pregnancy: false,
};

/** Writes a journal as the tool would (a private folder and file), for a test to start from. */
export function seedJournal(stateDir: string, records: readonly object[]): void {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  writeFileSync(join(stateDir, 'journal.jsonl'), records.map((r) => `${JSON.stringify(r)}\n`).join(''), { mode: 0o600 });
}
