/**
 * JSON as a person writes it, read strictly: JSON.parse keeps the last of two equal keys without a
 * word, so `"bladder-bowel": true, ..., "bladder-bowel": false` would quietly turn an emergency "yes"
 * into a "no". This scan finds the first key that appears twice in one object, and refuses nesting
 * deeper than any file of ours needs before anything recursive (a validator, an error message that
 * prints the value) can run out of stack on it. It walks the text once, without recursion.
 */

export interface StrictJsonProblem {
  kind: 'duplicate-key' | 'too-deep';
  /** Where: the keys and indexes from the top, such as ["redFlags", "fever"]. */
  path: (string | number)[];
}

interface Frame {
  /** null for an array. */
  keys: Set<string> | null;
  /** The current key (object) or index (array). */
  at: string | number;
  /** In an object: the next string is a key. */
  expectKey: boolean;
}

/** The first duplicate key or excess depth in the text, or null. Meant for text JSON.parse accepts. */
export function strictJsonProblem(text: string, maxDepth: number): StrictJsonProblem | null {
  const stack: Frame[] = [];
  const path = () => stack.map((f) => f.at);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= maxDepth) return { kind: 'too-deep', path: path() };
      stack.push(c === 0x7b ? { keys: new Set(), at: '', expectKey: true } : { keys: null, at: 0, expectKey: false });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      const top = stack.at(-1);
      if (top?.keys) top.expectKey = true;
      else if (top) top.at = (top.at as number) + 1;
    } else if (c === 0x22 /* " */) {
      let end = i + 1;
      while (end < text.length && text.charCodeAt(end) !== 0x22) end += text.charCodeAt(end) === 0x5c /* \ */ ? 2 : 1;
      const top = stack.at(-1);
      if (top?.keys && top.expectKey) {
        // Decoded, so "a" and "\u0061" are the same key, as they are to JSON.parse.
        let key: string;
        try {
          key = JSON.parse(text.slice(i, end + 1)) as string;
        } catch {
          return null; // not JSON at all: JSON.parse reports it
        }
        top.at = key;
        top.expectKey = false;
        if (top.keys.has(key)) return { kind: 'duplicate-key', path: path() };
        top.keys.add(key);
      }
      i = end;
    }
  }
  return null;
}

/** `redFlags."fever"`, `precautions`, `the top level`: a path as the error messages show it. */
export function describePath(path: readonly (string | number)[], show: (key: string) => string): string {
  if (path.length === 0) return 'the top level';
  if (path.length === 1) return typeof path[0] === 'number' ? `item ${path[0]}` : `"${show(path[0]!)}"`;
  return path.map((p, i) => (typeof p === 'number' ? `item ${p}` : i === 0 ? show(p) : `"${show(p)}"`)).join('.');
}
