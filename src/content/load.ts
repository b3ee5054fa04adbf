/**
 * Loading the content: the built-in data/*.json, then a `--data-dir` on top (same id replaces, new id
 * adds, a built-in red flag is never lowered), then a check that every cited source exists.
 * Any problem is a ContentError naming the file, the item and the field.
 */
import { lstatSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { ContentError, UsageError } from '../errors.js';
import { FileTooLarge, readCappedFile, relativeWithoutFolder, sizeWords } from '../input/files.js';
import { describeFsError } from '../text/fs-errors.js';
import { describePath, strictJsonProblem } from '../text/strict-json.js';
import { parseCleanJson, sanitizeLine } from '../render/sanitize.js';
import { BUILTIN_ONLY, LEVEL_RANK, SCHEMAS, STAGE_RANK, type ContentByKind, type Kind } from './schema.js';

/** The built-in files are a few tens of kB; a --data-dir file a thousand times that is not content. */
const MAX_CONTENT_BYTES = 5_000_000;
/** Items in one file: more than any content needs, few enough that every command stays fast. */
const MAX_ITEMS = 2000;

export interface ContentDirs {
  builtin: string;
  /** `--data-dir` or BACK_RELIEF_DATA_DIR: extra content on top of the built-in files. */
  extra?: string | undefined;
  /** The current folder, which a relative `extra` is taken from; null when it has been deleted. */
  cwd?: string | null | undefined;
}

interface Loaded<T> {
  item: T;
  file: string;
  index: number;
}

export type Content = { [K in Kind]: ContentByKind[K][] };

/**
 * Loads the kinds asked for, and always the sources they cite. The emergency numbers' sources are a
 * file of their own (forty pages, one or two a country), read only with the numbers or when every
 * source is asked for (`'emergency-sources'`), so the common commands do not pay for them; either
 * way they are in `sources`.
 */
export function loadContent<K extends Kind>(kinds: readonly K[], dirs: ContentDirs): Pick<Content, K | 'sources'> {
  if (dirs.extra !== undefined) checkExtraDir(dirs.extra, dirs.cwd);
  const withNumbers = kinds.some((k) => k === 'emergency-numbers' || k === 'emergency-sources');
  const sources = [...loadKind('sources', dirs), ...(withNumbers ? loadKind('emergency-sources', dirs) : [])];
  const sourceIds = new Set(sources.map((s) => s.item.id));
  const result: Partial<Content> = { sources: sources.map((s) => s.item) };
  for (const kind of kinds) {
    if (kind === 'sources' || kind === 'emergency-sources') continue;
    const loaded = loadKind(kind, dirs);
    for (const { item, file, index } of loaded) {
      const cites = (item as { sources: string[] }).sources;
      cites.forEach((cited, at) => {
        if (!sourceIds.has(cited)) {
          throw itemError(file, index, item.id, `sources.${at}`, `cites "${cited}", which is not in sources.json${withNumbers ? ' or emergency-sources.json' : ''}`);
        }
      });
    }
    (result as Record<string, unknown>)[kind] = loaded.map((l) => l.item);
  }
  return result as Pick<Content, K | 'sources'>;
}

function checkExtraDir(dir: string, cwd: string | null | undefined): void {
  const gone = cwd === undefined ? null : relativeWithoutFolder(dir, cwd);
  if (gone) throw new UsageError(`--data-dir: "${sanitizeLine(dir)}" cannot be used: ${gone}.`);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new UsageError(`--data-dir: "${sanitizeLine(dir)}" is not a folder.`);
}

function loadKind<K extends Kind>(kind: K, dirs: ContentDirs): Loaded<ContentByKind[K]>[] {
  const builtinFile = join(dirs.builtin, `${kind}.json`);
  const builtin = readItems(kind, builtinFile, true)!;
  if (dirs.extra === undefined || BUILTIN_ONLY.has(kind)) return builtin;
  const extraFile = join(dirs.extra, `${kind}.json`);
  const extra = readItems(kind, extraFile, false);
  return extra ? merge(kind, builtin, extra) : builtin;
}

function merge<K extends Kind>(
  kind: K,
  builtin: Loaded<ContentByKind[K]>[],
  extra: Loaded<ContentByKind[K]>[],
): Loaded<ContentByKind[K]>[] {
  const merged = [...builtin];
  // By id, so merging stays linear however many items a file adds.
  const index = new Map(merged.map((m, i) => [m.item.id, i]));
  for (const added of extra) {
    const at = index.get(added.item.id);
    if (at === undefined) {
      index.set(added.item.id, merged.length);
      merged.push(added);
      continue;
    }
    merged[at] = { ...added, item: safeReplacement(kind, merged[at]!.item, added) };
  }
  return merged;
}

/**
 * A replacement may reword an item, never make it less safe: a red flag is never lowered nor taken
 * off the emergency watch list; a stretch keeps the precautions its movements meet and is never moved
 * to an earlier stage. What a replacement leaves out is taken from the item it replaces.
 */
function safeReplacement<K extends Kind>(kind: K, before: ContentByKind[K], added: Loaded<ContentByKind[K]>): ContentByKind[K] {
  const fail = (field: string, why: string) => itemError(added.file, added.index, added.item.id, field, why);
  if (kind === 'red-flags') {
    const [was, now] = [before as ContentByKind['red-flags'], added.item as ContentByKind['red-flags']];
    if (LEVEL_RANK[now.level] < LEVEL_RANK[was.level]) throw fail('level', `a built-in red flag cannot be lowered (from "${was.level}" to "${now.level}")`);
    if (was.watch !== false && now.watch === false) throw fail('watch', 'a built-in emergency sign cannot be taken off the watch list');
    return { ...now, watch: now.watch ?? was.watch } as ContentByKind[K];
  }
  if (kind === 'stretches') {
    const [was, now] = [before as ContentByKind['stretches'], added.item as ContentByKind['stretches']];
    const stage = now.stage ?? was.stage;
    if (stage && was.stage && STAGE_RANK[stage] < STAGE_RANK[was.stage]) throw fail('stage', `a built-in stretch cannot be moved earlier (from "${was.stage}" to "${stage}")`);
    const movements = [...new Set([...(was.movements ?? []), ...(now.movements ?? [])])];
    return { ...now, ...(stage ? { stage } : {}), ...(movements.length ? { movements } : {}) } as ContentByKind[K];
  }
  return added.item;
}

function readItems<K extends Kind>(kind: K, file: string, required: boolean): Loaded<ContentByKind[K]>[] | null {
  let raw: string;
  try {
    raw = readCappedFile(file, MAX_CONTENT_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A --data-dir file may be left out; one that is there by name but cannot be read is an error.
    if (!required && code === 'ENOENT') {
      const target = linkTarget(file);
      if (target === null) return null;
      throw new ContentError(`${sanitizeLine(file)}: cannot be read (it is a symbolic link to "${sanitizeLine(target)}", which leads to no file).`);
    }
    if (code === 'ELOOP') throw new ContentError(`${sanitizeLine(file)}: cannot be read (it is a symbolic link that leads back to itself).`);
    if (error instanceof FileTooLarge) throw new ContentError(`${sanitizeLine(file)}: is larger than ${sizeWords(MAX_CONTENT_BYTES)}; a content file is far smaller.`);
    throw new ContentError(`${sanitizeLine(file)}: cannot be read (${describeFsError(error)}).`);
  }
  // A file a person wrote: a key given twice would let the later value win without a word.
  const problem = required ? null : strictJsonProblem(raw, 16);
  if (problem) {
    const where = describePath(problem.path, sanitizeLine);
    throw new ContentError(`${sanitizeLine(file)}: ${where} ${problem.kind === 'duplicate-key' ? 'is given more than once' : 'is nested too deeply'}.`);
  }
  let parsed: unknown;
  try {
    // Every string is cleaned as it is parsed, before validation, so text made only of escape codes
    // counts as empty and nothing hostile survives into the content.
    parsed = parseCleanJson(raw.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ContentError(`${sanitizeLine(file)}: is not valid JSON (${sanitizeLine((error as Error).message)}).`);
  }
  if (!Array.isArray(parsed)) throw new ContentError(`${sanitizeLine(file)}: must be a JSON array of items.`);
  if (parsed.length > MAX_ITEMS) throw new ContentError(`${sanitizeLine(file)}: holds ${parsed.length} items; at most ${MAX_ITEMS}.`);

  const schema = SCHEMAS[kind];
  const seen = new Set<string>();
  return parsed.map((candidate: unknown, index) => {
    const result = v.safeParse(schema, candidate);
    const rawId = (candidate as { id?: unknown } | null)?.id;
    const shownId = typeof rawId === 'string' ? rawId : undefined;
    if (!result.success) {
      const issue = result.issues[0];
      const field = v.getDotPath(issue) ?? '';
      const received = issue.received === 'undefined' ? 'missing' : `got ${issue.received}`;
      const why = issue.message.startsWith('Invalid') ? `${issue.expected ? `expected ${issue.expected}` : 'invalid'}, ${received}` : issue.message;
      throw itemError(file, index, shownId, field, why);
    }
    const item = result.output as ContentByKind[K];
    if (seen.has(item.id)) throw itemError(file, index, item.id, 'id', `"${item.id}" appears more than once in this file`);
    seen.add(item.id);
    return { item, file, index };
  });
}

/** Where a symbolic link at `file` points, or null when there is nothing at all by that name. */
function linkTarget(file: string): string | null {
  try {
    return lstatSync(file).isSymbolicLink() ? readlinkSync(file) : null;
  } catch {
    return null;
  }
}

function itemError(file: string, index: number, id: string | undefined, field: string, why: string): ContentError {
  const item = id === undefined ? `item ${index + 1}` : `item ${index + 1} ("${id.slice(0, 60)}")`;
  const where = field ? `field "${field}"` : 'the item';
  return new ContentError(`${sanitizeLine(file)}: ${item}: ${where} ${why}.`);
}
