/**
 * A stretch's drawing: its positions (start and end) side by side where the screen has room, one
 * above the other where it has not, each under a label; in plain output, the words of drawingAlt
 * instead, since a screen reader cannot read a picture made of slashes.
 */
import { drawingPanels, type Stretch } from '../content/schema.js';
import { wrap } from './layout.js';

const GAP = 4;
const INDENT = '  ';

/** "Start" and "End" for two positions; no label for a pose held still. */
function labels(count: number): string[] {
  return count === 2 ? ['Start', 'End'] : [''];
}

export function drawingLines(stretch: Pick<Stretch, 'drawing' | 'drawingAlt'>, view: { width: number; plain: boolean }): string[] {
  const panels = drawingPanels(stretch.drawing);
  const alts = stretch.drawingAlt ?? [];
  const names = labels(Math.max(panels.length, alts.length));
  if (view.plain || panels.length === 0) {
    return alts.flatMap((alt, i) => wrap(`${names[i] || 'The pose'}: ${alt}`, view.width, INDENT, `${INDENT}  `));
  }
  const widths = panels.map((p) => Math.max(...p.map((row) => [...row].length), names[0]!.length));
  const sideBySide = INDENT.length + widths.reduce((a, b) => a + b, 0) + GAP * (panels.length - 1) <= Math.min(view.width, 80);
  if (!sideBySide) {
    // One above the other, each under its label, rows cut to the width (the drawing never wraps).
    return panels.flatMap((panel, i) => [...(i ? [''] : []), ...(names[i] ? [`${INDENT}${names[i]}`] : []), ...panel.map((row) => `${INDENT}${[...row].slice(0, Math.max(1, view.width - INDENT.length)).join('')}`.trimEnd())]);
  }
  // Side by side, the feet on one floor: shorter positions get empty rows on top.
  const height = Math.max(...panels.map((p) => p.length));
  const padded = panels.map((p) => [...Array<string>(height - p.length).fill(''), ...p]);
  const row = (cells: string[]) => `${INDENT}${cells.map((c, i) => (i < cells.length - 1 ? c.padEnd(widths[i]! + GAP) : c)).join('')}`.trimEnd();
  const head = names[0] ? [row(names.slice(0, panels.length))] : [];
  return [...head, ...Array.from({ length: height }, (_, r) => row(padded.map((p) => p[r]!)))];
}
