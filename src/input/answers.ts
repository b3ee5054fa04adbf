/**
 * The answers file of `triage --answers` (cli.md, "Triage without prompts"), validated strictly:
 * every red-flag id present and boolean, nothing unknown, the onset a past ISO time or null, no key
 * given twice, the optional precautions under the same rules as the red flags.
 */
import { isValid, parseISO } from 'date-fns';
import * as v from 'valibot';
import type { RedFlag } from '../content/schema.js';
import { PRECAUTION_IDS } from '../decision/precautions.js';
import { TRIGGERS, type TriageAnswers, type Trigger } from '../decision/triage.js';
import { UsageError } from '../errors.js';
import { sanitizeLine } from '../render/sanitize.js';
import { describePath, strictJsonProblem } from '../text/strict-json.js';
import { EARLIEST_YEAR, offsetProblem } from './when.js';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const KEYS = ['onset', 'redFlags', 'painScore', 'triggers', 'precautions'];
/** The deepest an answers file needs is 2 (an object of objects); anything much deeper is not one. */
const MAX_DEPTH = 8;

const AnswersSchema = v.strictObject({
  onset: v.nullable(v.string('must be an ISO 8601 date-time string or null')),
  // Checked key by key below: a record schema would drop "__proto__" and the like without a word.
  redFlags: v.custom<Record<string, unknown>>(isPlainObject, 'must be an object of red-flag ids'),
  precautions: v.optional(v.custom<Record<string, unknown>>(isPlainObject, 'must be an object of precaution ids')),
  painScore: v.optional(
    v.pipe(
      v.number('must be a whole number from 0 to 10'),
      v.integer('must be a whole number from 0 to 10'),
      v.minValue(0, 'must be a whole number from 0 to 10'),
      v.maxValue(10, 'must be a whole number from 0 to 10'),
    ),
  ),
  triggers: v.optional(v.array(v.picklist(TRIGGERS, `must each be one of ${TRIGGERS.join(', ')}`), 'must be an array of strings')),
});

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(where: string, message: string): never {
  throw new UsageError(`answers file: ${where}: ${message}.`);
}

/**
 * Every key of `given` must be one of `ids` and every value a boolean; every id must be there. Own
 * keys are read as they are, so `__proto__` or `constructor` is an unknown id like any other.
 */
function booleanAnswers(given: Record<string, unknown>, ids: readonly string[], field: string, what: string, hint: string): Record<string, boolean> {
  const known = new Set(ids);
  const answers: Record<string, boolean> = Object.create(null) as Record<string, boolean>;
  for (const id of Object.keys(given)) {
    const value = given[id];
    if (!known.has(id)) fail(`${field}."${sanitizeLine(id)}"`, `is not a ${what} id (${hint})`);
    if (typeof value !== 'boolean') fail(`${field}."${id}"`, `must be true or false, not ${sanitizeLine(JSON.stringify(value) ?? 'undefined')}`);
    answers[id] = value;
  }
  const missing = ids.filter((id) => !Object.hasOwn(answers, id));
  if (missing.length) fail(`"${field}"`, `is missing ${missing.join(', ')} (every ${what} needs an answer)`);
  return answers;
}

/** Parses and validates the text of an answers file; `now` decides what is "in the future". */
export function parseAnswers(text: string, flags: readonly RedFlag[], now: Date): TriageAnswers {
  const json = text.replace(/^\uFEFF/, '');
  const problem = strictJsonProblem(json, MAX_DEPTH);
  if (problem?.kind === 'too-deep') fail(describePath(problem.path, sanitizeLine), `is nested more than ${MAX_DEPTH} levels deep; that cannot be an answers file`);
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new UsageError(`answers file: not valid JSON (${sanitizeLine((error as Error).message)}).`);
  }
  // A key given twice would let the later value win without a word: an emergency "yes" could vanish.
  if (problem?.kind === 'duplicate-key') fail(describePath(problem.path, sanitizeLine), 'is given more than once; give each answer once');
  if (typeof data !== 'object' || data === null || Array.isArray(data)) fail('the top level', 'must be one JSON object');

  for (const key of Object.keys(data)) {
    if (!KEYS.includes(key)) fail(`"${sanitizeLine(key)}"`, `is not a known key (known: ${KEYS.join(', ')})`);
  }
  for (const key of ['onset', 'redFlags']) {
    if (!Object.hasOwn(data, key)) fail(`"${key}"`, 'is missing');
  }
  const result = v.safeParse(AnswersSchema, data);
  if (!result.success) {
    const issue = result.issues[0];
    const path = v.getDotPath(issue) ?? '';
    const where = path ? `"${path.split('.')[0]}"${path.includes('.') ? ` item ${path.split('.')[1]}` : ''}` : 'the top level';
    fail(where, issue.message.startsWith('Invalid') ? `${issue.message.replace(/^Invalid (type|key): /, '').toLowerCase()}` : issue.message);
  }
  const parsed = result.output;

  const redFlags = booleanAnswers(parsed.redFlags, flags.map((f) => f.id), 'redFlags', 'red-flag', 'see back-relief red-flags --json');
  const precautions =
    parsed.precautions === undefined ? null : booleanAnswers(parsed.precautions, PRECAUTION_IDS, 'precautions', 'precaution', `known: ${PRECAUTION_IDS.join(', ')}`);

  let onset: Date | null = null;
  if (parsed.onset !== null) {
    const shown = sanitizeLine(parsed.onset);
    if (!ISO_DATE_TIME.test(parsed.onset)) fail('"onset"', `"${shown}" is not an ISO 8601 date-time such as 2026-11-22T09:00:00Z`);
    const offset = offsetProblem(parsed.onset);
    if (offset) fail('"onset"', `"${shown}": ${offset}`);
    onset = parseISO(parsed.onset);
    if (!isValid(onset)) fail('"onset"', `"${shown}" is not a real date`);
    if (onset.getTime() > now.getTime()) fail('"onset"', `"${shown}" is in the future`);
    if (onset.getFullYear() < EARLIEST_YEAR) fail('"onset"', `"${shown}" is too long ago (from ${EARLIEST_YEAR} on)`);
  }
  return {
    onset,
    redFlags,
    painScore: parsed.painScore,
    triggers: parsed.triggers as Trigger[] | undefined,
    precautions,
  };
}
