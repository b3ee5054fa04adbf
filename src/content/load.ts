/**
 * Loading the content: the built-in data/*.json, then a `--data-dir` on top (same id replaces, new id
 * adds, a built-in red flag is never lowered), then a check that every cited source exists.
 * Any problem is a ContentError naming the file, the item and the field.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { ContentError, UsageError } from '../errors.js';
import { parseCleanJson, sanitizeLine } from '../render/sanitize.js';
import { BUILTIN_ONLY, LEVEL_RANK, SCHEMAS, type ContentByKind, type Kind } from './schema.js';

export interface ContentDirs {
  builtin: string;
  /** `--data-dir` or BACK_RELIEF_DATA_DIR: extra content on top of the built-in files. */
  extra?: string | undefined;
}

interface Loaded<T> {
  item: T;
  file: string;
  index: number;
}

export type Content = { [K in Kind]: ContentByKind[K][] };

/** Loads the kinds asked for, and always the sources they cite. */
export function loadContent<K extends Kind>(kinds: readonly K[], dirs: ContentDirs): Pick<Content, K | 'sources'> {
  if (dirs.extra !== undefined) checkExtraDir(dirs.extra);
  const sources = loadKind('sources', dirs);
  const sourceIds = new Set(sources.map((s) => s.item.id));
  const result: Partial<Content> = { sources: sources.map((s) => s.item) };
  for (const kind of kinds) {
    if (kind === 'sources') continue;
    const loaded = loadKind(kind, dirs);
    for (const { item, file, index } of loaded) {
      const cites = (item as { sources: string[] }).sources;
      cites.forEach((cited, at) => {
        if (!sourceIds.has(cited)) {
          throw itemError(file, index, item.id, `sources.${at}`, `cites "${cited}", which is not in sources.json`);
        }
      });
    }
    (result as Record<string, unknown>)[kind] = loaded.map((l) => l.item);
  }
  return result as Pick<Content, K | 'sources'>;
}

function checkExtraDir(dir: string): void {
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
  for (const added of extra) {
    const at = merged.findIndex((m) => m.item.id === added.item.id);
    if (at === -1) {
      merged.push(added);
      continue;
    }
    if (kind === 'red-flags') {
      const before = merged[at]!.item as ContentByKind['red-flags'];
      const after = added.item as ContentByKind['red-flags'];
      if (LEVEL_RANK[after.level] < LEVEL_RANK[before.level]) {
        throw itemError(
          added.file,
          added.index,
          after.id,
          'level',
          `a built-in red flag cannot be lowered (from "${before.level}" to "${after.level}")`,
        );
      }
    }
    merged[at] = added;
  }
  return merged;
}

function readItems<K extends Kind>(kind: K, file: string, required: boolean): Loaded<ContentByKind[K]>[] | null {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!required && code === 'ENOENT') return null;
    throw new ContentError(`${file}: cannot be read (${code ?? 'unknown error'}).`);
  }
  let parsed: unknown;
  try {
    // Every string is cleaned as it is parsed, before validation, so text made only of escape codes
    // counts as empty and nothing hostile survives into the content.
    parsed = parseCleanJson(raw.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ContentError(`${file}: is not valid JSON (${sanitizeLine((error as Error).message)}).`);
  }
  if (!Array.isArray(parsed)) throw new ContentError(`${file}: must be a JSON array of items.`);

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

function itemError(file: string, index: number, id: string | undefined, field: string, why: string): ContentError {
  const item = id === undefined ? `item ${index + 1}` : `item ${index + 1} ("${id.slice(0, 60)}")`;
  const where = field ? `field "${field}"` : 'the item';
  return new ContentError(`${file}: ${item}: ${where} ${why}.`);
}
