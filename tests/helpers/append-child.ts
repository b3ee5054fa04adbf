/** A child process for the concurrency test: appends COUNT records, tagged with WRITER, as fast as it can. */
import { Journal } from '../../src/journal/store.js';

const [dir, writer, count] = process.argv.slice(2) as [string, string, string];
const journal = new Journal(dir, () => new Date());
for (let i = 0; i < Number(count); i++) {
  journal.append([{ type: 'pain', at: new Date().toISOString(), score: i % 11, note: `${writer}-${i}` }]);
}
