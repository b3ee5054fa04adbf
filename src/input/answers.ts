/**
 * The answers file of `triage --answers` (cli.md, "Triage without prompts"), validated strictly:
 * every red-flag id present and boolean, nothing unknown, the onset a past ISO time or null.
 */
import { isValid, parseISO } from 'date-fns';
import * as v from 'valibot';
import type { RedFlag } from '../content/schema.js';
import { TRIGGERS, type TriageAnswers, type Trigger } from '../decision/triage.js';
import { UsageError } from '../errors.js';
import { sanitizeLine } from '../render/sanitize.js';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const KEYS = ['onset', 'redFlags', 'painScore', 'triggers'];

const AnswersSchema = v.strictObject({
  onset: v.nullable(v.string('must be an ISO 8601 date-time string or null')),
  redFlags: v.record(v.string(), v.unknown()),
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

function fail(where: string, message: string): never {
  throw new UsageError(`answers file: ${where}: ${message}.`);
}

/** Parses and validates the text of an answers file; `now` decides what is "in the future". */
export function parseAnswers(text: string, flags: readonly RedFlag[], now: Date): TriageAnswers {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`answers file: not valid JSON (${sanitizeLine((error as Error).message)}).`);
  }
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

  const known = new Set(flags.map((f) => f.id));
  const redFlags: Record<string, boolean> = Object.create(null) as Record<string, boolean>;
  for (const [id, value] of Object.entries(parsed.redFlags)) {
    if (!known.has(id)) fail(`redFlags."${sanitizeLine(id)}"`, 'is not a red-flag id (see back-relief red-flags --json)');
    if (typeof value !== 'boolean') fail(`redFlags."${id}"`, `must be true or false, not ${sanitizeLine(JSON.stringify(value) ?? 'undefined')}`);
    redFlags[id] = value;
  }
  const missing = flags.filter((f) => !(f.id in redFlags)).map((f) => f.id);
  if (missing.length) fail('"redFlags"', `is missing ${missing.join(', ')} (every red flag needs an answer)`);

  let onset: Date | null = null;
  if (parsed.onset !== null) {
    const shown = sanitizeLine(parsed.onset);
    if (!ISO_DATE_TIME.test(parsed.onset)) fail('"onset"', `"${shown}" is not an ISO 8601 date-time such as 2026-11-22T09:00:00Z`);
    onset = parseISO(parsed.onset);
    if (!isValid(onset)) fail('"onset"', `"${shown}" is not a real date`);
    if (onset.getTime() > now.getTime()) fail('"onset"', `"${shown}" is in the future`);
  }
  return {
    onset,
    redFlags,
    painScore: parsed.painScore,
    triggers: parsed.triggers as Trigger[] | undefined,
  };
}
