/**
 * Honest framing (content.md, version 2): heat is an equal choice from the first hour with the better
 * evidence; ice first is "the usual habit", never "the guidance"; no sentence anywhere discourages
 * heat before 72 hours. Every place a person reads is searched: the content, the code's own words,
 * the README.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run-bin.js';

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, ext) : ext.test(name) ? [path] : [];
  });
}

const TEXTS = [...files(join(ROOT, 'src'), /\.ts$/), ...files(join(ROOT, 'data'), /\.json$/), join(ROOT, 'README.md')];

/** Sentences that call ice-first the guidance, or tell a person to wait for heat. */
const DISCOURAGING = [
  /guidance (suggests|says|is) (ice|to use ice)/i,
  /\bthe guidance\b[^.]*\bice\b/i,
  /heat \(after 72 hours\)/i,
  /\(heat after 72 hours\)/i,
  /switch to heat/i,
  /(avoid|no|not) heat (in|before|during|for) the first/i,
  /heat only (after|from) (48|72)/i,
  /wait (\d+ hours |until [^.]*)?(before|for) (using )?heat/i,
  /ice (for|in) the first (48|72|2|3)[^.]*(then|and) heat after/i,
];

describe('no sentence discourages heat early', () => {
  it.each(TEXTS.map((f) => [f.slice(ROOT.length + 1), f]))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    for (const pattern of DISCOURAGING) expect(text, String(pattern)).not.toMatch(pattern);
  });

  it('the patterns catch the sentences version 1 had', () => {
    const old = [
      'The guidance suggests ice for the first 48-72 hours and heat after; heat now is your choice.',
      'a timed 20-minute ice session (heat after 72 hours)',
      'heat (after 72 hours)',
    ];
    for (const sentence of old) expect(DISCOURAGING.some((p) => p.test(sentence)), sentence).toBe(true);
  });
});
