/** Plain-text layout helpers. Everything is measured in columns and kept within the output width. */

export const MAX_WIDTH = 80;
const MIN_WIDTH = 40;

/** The width to lay out for: the terminal's, capped at 80 so lines stay readable. */
export function outputWidth(columns: number | undefined): number {
  if (!columns || columns <= 0) return MAX_WIDTH;
  return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, columns));
}

// Escape sequences that our own styles add; they take no columns.
const SGR = /\u001b\[[0-9;]*m/g;

export function visibleLength(text: string): number {
  return [...text.replace(SGR, '')].length;
}

/**
 * Word-wraps plain text to `width` columns. The first line starts with `first`, the rest with `rest`
 * (an indent that lines continuation text up under the first word). A word longer than a line is cut.
 */
export function wrap(text: string, width: number, first = '', rest = first): string[] {
  const lines: string[] = [];
  let line = first;
  let lineHasWord = false;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const room = width - visibleLength(line) - (lineHasWord ? 1 : 0);
    if (visibleLength(word) <= room) {
      line += (lineHasWord ? ' ' : '') + word;
      lineHasWord = true;
      continue;
    }
    if (lineHasWord) {
      lines.push(line);
      line = rest;
      lineHasWord = false;
    }
    let remaining = word;
    while (visibleLength(remaining) > width - visibleLength(line)) {
      const fits = Math.max(1, width - visibleLength(line));
      lines.push(line + remaining.slice(0, fits));
      remaining = remaining.slice(fits);
      line = rest;
    }
    line += remaining;
    lineHasWord = remaining.length > 0;
  }
  if (lineHasWord || lines.length === 0) lines.push(line);
  return lines;
}

/** Turns "ice-or-heat" style ids into words. */
export function words(id: string): string {
  return id.replace(/-/g, ' ');
}
