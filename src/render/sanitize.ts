/**
 * Text that came from a file is printed only after this: a hostile `--data-dir` file must not be able
 * to move the cursor, retitle the window, hide text, write hyperlinks or ring the bell.
 */

// Order matters: whole escape sequences first, then the lone control characters they would leave.
const PATTERNS: RegExp[] = [
  // OSC, DCS, SOS, PM, APC (7-bit ESC ] P X ^ _ or 8-bit 0x9D 0x90 0x98 0x9E 0x9F): a string up to
  // BEL or ST (ESC \ or 0x9C). An unterminated one swallows the rest of the text, as a terminal would.
  /(?:\u001b[\]PX^_]|[\u009d\u0090\u0098\u009e\u009f])[\s\S]*?(?:\u0007|\u001b\\|\u009c|$)/g,
  // CSI (ESC [ or 0x9B): parameter and intermediate bytes, then one final byte.
  /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?/g,
  // Any other escape: ESC, optional intermediates, one final byte.
  /\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g,
  // C0 controls except newline and tab, DEL, C1 controls.
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
  // Bidirectional overrides and isolates, which can make text display in an order other than its own.
  /[\u202a-\u202e\u2066-\u2069]/g,
];

// Everything any pattern above needs to find; text without one of these is already clean.
const SUSPECT = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Removes escape sequences and control characters; keeps newlines and turns tabs into spaces. */
export function sanitize(text: string): string {
  if (!SUSPECT.test(text)) return text;
  let clean = text;
  for (const pattern of PATTERNS) clean = clean.replace(pattern, '');
  return clean.replace(/\t/g, ' ');
}

/**
 * A name a person typed or a file holds, shown so that what is hidden in it can be seen: each control
 * or bidi character as its \u escape ("clo\u001b]0;x\u0007ck"), never as itself and never dropped
 * (a dropped one would make "clo\u001bck" read as the valid "clock").
 */
export function visibleName(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** For one-line fields: also folds newlines into spaces. */
export function sanitizeLine(text: string): string {
  return sanitize(text).replace(/\s*\n\s*/g, ' ');
}

// A control character, a bidi control, or a JSON \u escape that could spell one. Tab, newline and
// carriage return are left out: between tokens they are only layout (every pretty-printed file has
// them), and inside a string JSON.parse refuses them itself.
const JSON_SUSPECT = /\\u|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * JSON.parse with every string passed through sanitizeLine: the values, and the keys too (a journal
 * line's keys are printed as well, so a crafted key must not carry an escape either). The reviver is
 * slow on large input (a journal of years), so text with nothing to clean is parsed plainly.
 */
export function parseCleanJson(text: string): unknown {
  if (!JSON_SUSPECT.test(text)) return JSON.parse(text);
  return JSON.parse(text, (_key, value: unknown) => {
    if (typeof value === 'string') return sanitizeLine(value);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const keys = Object.keys(value);
    if (!keys.some((k) => SUSPECT.test(k))) return value;
    // A new object: own keys only, cleaned; a key that cleans to nothing is dropped.
    const clean: Record<string, unknown> = {};
    for (const key of keys) {
      const name = sanitizeLine(key);
      if (name) Object.defineProperty(clean, name, { value: (value as Record<string, unknown>)[key], enumerable: true, writable: true, configurable: true });
    }
    return clean;
  });
}
