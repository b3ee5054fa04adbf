/**
 * JSON as JSON.stringify(value, null, 2) writes it, but in pieces: a history of a million entries
 * is written out entry by entry instead of as one string of hundreds of megabytes. The top levels
 * (the object and its arrays) are walked; each entry below them is stringified on its own.
 */

const skipped = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';
const walkable = (v: unknown): v is object => v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON !== 'function';

function* pieces(value: unknown, indent: string, depth: number): Generator<string> {
  if (depth >= 2 || !walkable(value)) {
    const text = JSON.stringify(value, null, 2);
    yield indent && text.includes('\n') ? text.replace(/\n/g, `\n${indent}`) : text;
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return yield '[]';
    yield '[\n';
    for (let i = 0; i < value.length; i++) {
      yield inner;
      if (skipped(value[i])) yield 'null';
      else yield* pieces(value[i], inner, depth + 1);
      yield i < value.length - 1 ? ',\n' : '\n';
    }
    return yield `${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => !skipped(v));
  if (entries.length === 0) return yield '{}';
  yield '{\n';
  for (const [i, [key, v]] of entries.entries()) {
    yield `${inner}${JSON.stringify(key)}: `;
    yield* pieces(v, inner, depth + 1);
    yield i < entries.length - 1 ? ',\n' : '\n';
  }
  yield `${indent}}`;
}

/** How many entries the top levels hold: below a few thousand, one JSON.stringify is faster. */
function entries(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (!walkable(value)) return 0;
  let n = 0;
  for (const v of Object.values(value)) n += Array.isArray(v) ? v.length : 1;
  return n;
}

/** The text of JSON.stringify(value, null, 2) and a newline, in chunks of about 64 kB. */
export function* jsonChunks(value: unknown): Generator<string> {
  if (entries(value) < 5000) {
    yield `${JSON.stringify(value, null, 2)}\n`;
    return;
  }
  let buffer: string[] = [];
  let size = 0;
  for (const piece of pieces(value, '', 0)) {
    buffer.push(piece);
    size += piece.length;
    if (size >= 65_536) {
      yield buffer.join('');
      buffer = [];
      size = 0;
    }
  }
  buffer.push('\n');
  yield buffer.join('');
}
