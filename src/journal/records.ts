/**
 * The journal's lines (cli.md, "Files"): one JSON object each, with `type` and `at`. A line of a known
 * type must have that type's fields; a line of a type this version does not know is kept as it is.
 */
import * as v from 'valibot';

const iso = v.pipe(
  v.string(),
  v.check((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 time'),
);
const score = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10));
const answer = v.union([v.boolean(), v.literal('unsure')]);
const level = v.picklist(['emergency', 'urgent', 'doctor', 'self-care']);

const base = { at: iso };

export const SessionRecord = v.looseObject({
  ...base,
  type: v.literal('session'),
  kind: v.picklist(['ice', 'heat']),
  startedAt: iso,
  endedAt: iso,
  plannedSeconds: v.pipe(v.number(), v.minValue(0)),
  actualSeconds: v.pipe(v.number(), v.minValue(0)),
  outcome: v.picklist(['completed', 'interrupted']),
  /** Precautions the person confirmed a doctor or pharmacist had cleared (or --force). */
  precautionsConfirmed: v.optional(v.array(v.string())),
});
export const OnsetRecord = v.looseObject({ ...base, type: v.literal('onset'), onset: iso, approximate: v.optional(v.boolean()) });
export const OnsetClearedRecord = v.looseObject({ ...base, type: v.literal('onset-cleared') });
export const PainRecord = v.looseObject({
  ...base,
  type: v.literal('pain'),
  score,
  note: v.optional(v.string()),
  source: v.optional(v.picklist(['pain', 'triage', 'check-in'])),
});
export const TriageRecord = v.looseObject({
  ...base,
  type: v.literal('triage'),
  level,
  reasons: v.array(v.looseObject({ id: v.string(), level, because: v.picklist(['yes', 'unsure', 'derived']) })),
  redFlags: v.record(v.string(), answer),
  onset: v.nullable(iso),
  painScore: v.optional(v.nullable(score)),
  triggers: v.optional(v.array(v.string())),
  precautions: v.optional(v.nullable(v.record(v.string(), answer))),
});
export const CheckInRecord = v.looseObject({
  ...base,
  type: v.literal('check-in'),
  level,
  redFlags: v.record(v.string(), answer),
  painScore: v.optional(v.nullable(score)),
});
export const RoutineRecord = v.looseObject({
  ...base,
  type: v.literal('routine'),
  level: v.optional(v.picklist(['gentle', 'build'])),
  outcome: v.optional(v.picklist(['completed', 'stopped', 'pain', 'interrupted'])),
  steps: v.optional(
    v.array(v.looseObject({ id: v.string(), status: v.optional(v.picklist(['done', 'skipped', 'partial', 'not-reached'])), reps: v.optional(v.number()) })),
  ),
});
/** Precautions asked on their own (by a timer or the routine), with the pregnancy question beside them. */
export const PrecautionsRecord = v.looseObject({
  ...base,
  type: v.literal('precautions'),
  answers: v.record(v.string(), answer),
  pregnancy: v.optional(answer),
});
/**
 * `undo`: takes back an entry (the lines one command appended together, found by their time and
 * types) without rewriting anything. Every computation ignores what is taken back.
 */
export const RetractionRecord = v.looseObject({
  ...base,
  type: v.literal('retraction'),
  retracts: v.object({ at: iso, types: v.pipe(v.array(v.string()), v.minLength(1)) }),
});
const OtherRecord = v.looseObject({ ...base, type: v.string() });

const KNOWN = {
  session: SessionRecord,
  onset: OnsetRecord,
  'onset-cleared': OnsetClearedRecord,
  pain: PainRecord,
  triage: TriageRecord,
  'check-in': CheckInRecord,
  routine: RoutineRecord,
  precautions: PrecautionsRecord,
  retraction: RetractionRecord,
} as const;

export type SessionLine = v.InferOutput<typeof SessionRecord>;
export type OnsetLine = v.InferOutput<typeof OnsetRecord>;
export type OnsetClearedLine = v.InferOutput<typeof OnsetClearedRecord>;
export type PainLine = v.InferOutput<typeof PainRecord>;
export type TriageLine = v.InferOutput<typeof TriageRecord>;
export type CheckInLine = v.InferOutput<typeof CheckInRecord>;
export type RoutineLine = v.InferOutput<typeof RoutineRecord>;
export type PrecautionsLine = v.InferOutput<typeof PrecautionsRecord>;
export type RetractionLine = v.InferOutput<typeof RetractionRecord>;
export type JournalRecord = SessionLine | OnsetLine | OnsetClearedLine | PainLine | TriageLine | CheckInLine | RoutineLine | PrecautionsLine | RetractionLine;

/** The key a retraction names a line by: its time and its type. */
export const lineKey = (at: string, type: string) => `${at}|${type}`;

/** The record if the value is a well-formed journal line, otherwise null. */
export function asRecord(value: unknown): JournalRecord | null {
  const type = (value as { type?: unknown } | null)?.type;
  const schema = typeof type === 'string' && Object.hasOwn(KNOWN, type) ? KNOWN[type as keyof typeof KNOWN] : OtherRecord;
  const result = v.safeParse(schema, value);
  return result.success ? (result.output as JournalRecord) : null;
}
