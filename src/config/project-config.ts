/**
 * Project configuration: `[tool.pyvet]` in pyproject.toml at the project root.
 *
 *   [tool.pyvet]
 *   select = ["B", "R7"]          # ids, id prefixes or themes (a list, or one comma-separated string)
 *   ignore = ["B101"]
 *   exclude = ["migrations", "build/**"]
 *   severity = "medium"           # minimum reported
 *   confidence = "low"
 *   fail-on = "high"              # scan's exit status
 *
 *   [tool.pyvet.per-path-ignores]
 *   "tests/**" = ["B101", "secrets"]
 *
 * The command line wins: an option given there replaces the file's value. Unknown keys
 * are reported as warnings; a file that is not valid TOML, or a value of the wrong kind,
 * is a UsageError (exit 2).
 */
import fs from 'node:fs';
import path from 'node:path';
import {parse, TomlError} from 'smol-toml';
import {CONFIDENCES, SEVERITIES, type Confidence, type Severity} from '../model/finding.js';
import {describeFsError} from '../scan/source.js';
import type {PerPathIgnore} from '../scan/per-path.js';
import {UsageError} from '../usage-error.js';

export interface ProjectConfig {
  readonly select?: readonly string[];
  readonly ignore?: readonly string[];
  readonly exclude?: readonly string[];
  readonly severity?: Severity;
  readonly confidence?: Confidence;
  readonly failOn?: Severity | 'none';
  readonly perPathIgnores?: readonly PerPathIgnore[];
}

export interface LoadedProjectConfig {
  readonly config: ProjectConfig;
  /** The pyproject.toml read, when it has a [tool.pyvet] table. */
  readonly file?: string;
  readonly warnings: readonly string[];
}

export const PROJECT_KEYS = ['select', 'ignore', 'exclude', 'severity', 'confidence', 'fail-on', 'per-path-ignores'] as const;

function stringList(value: unknown, where: string, splitCommas: boolean): string[] {
  const items = typeof value === 'string' ? [value] : Array.isArray(value) ? value : null;
  if (!items || items.some(v => typeof v !== 'string')) {
    throw new UsageError(`${where}: expected a list of strings, got ${describe(value)}`);
  }
  return (items as string[]).flatMap(v => (splitCommas ? v.split(',') : [v])).map(v => v.trim()).filter(Boolean);
}

function level<T extends string>(value: unknown, allowed: readonly T[], where: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value.toLowerCase())) {
    throw new UsageError(`${where}: expected one of ${allowed.join(', ')}, got ${describe(value)}`);
  }
  return value.toLowerCase() as T;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value && typeof value === 'object') return 'a table';
  return JSON.stringify(value) ?? String(value);
}

/** Check a `[tool.pyvet]` table; `unknownSelectors` names ids/themes that match no check. */
export function parseProjectTable(
  table: Record<string, unknown>,
  where: string,
  unknownSelectors: (list: readonly string[]) => string[] = () => [],
): {config: ProjectConfig; warnings: string[]} {
  const warnings: string[] = [];
  const known = new Set<string>(PROJECT_KEYS);
  const unknown = Object.keys(table).filter(k => !known.has(k));
  if (unknown.length > 0) {
    const hints = unknown.map(k => {
      const near = PROJECT_KEYS.find(p => p === k.replace(/_/g, '-').toLowerCase());
      return near ? `${k} (did you mean ${near}?)` : k;
    });
    warnings.push(`${where}: unknown ${unknown.length === 1 ? 'key' : 'keys'} ignored: ${hints.join(', ')} (known: ${PROJECT_KEYS.join(', ')})`);
  }
  const selectors = (key: string): string[] | undefined => {
    if (!(key in table)) return undefined;
    const list = stringList(table[key], `${where} ${key}`, true);
    const bad = unknownSelectors(list);
    if (bad.length) throw new UsageError(`${where} ${key}: unknown check id or theme: ${bad.join(', ')} (see pyvet checks)`);
    return list;
  };
  const config: {-readonly [K in keyof ProjectConfig]: ProjectConfig[K]} = {};
  const select = selectors('select');
  if (select) config.select = select;
  const ignore = selectors('ignore');
  if (ignore) config.ignore = ignore;
  if ('exclude' in table) config.exclude = stringList(table.exclude, `${where} exclude`, false);
  if ('severity' in table) config.severity = level(table.severity, SEVERITIES, `${where} severity`);
  if ('confidence' in table) config.confidence = level(table.confidence, CONFIDENCES, `${where} confidence`);
  if ('fail-on' in table) config.failOn = level(table['fail-on'], [...SEVERITIES, 'none'] as const, `${where} fail-on`);
  if ('per-path-ignores' in table) {
    const raw = table['per-path-ignores'];
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      throw new UsageError(`${where} per-path-ignores: expected a table of "glob" = ["ID", ...], got ${describe(raw)}`);
    }
    config.perPathIgnores = Object.entries(raw as Record<string, unknown>).map(([pattern, ids]) => {
      const list = stringList(ids, `${where} per-path-ignores "${pattern}"`, true);
      const bad = unknownSelectors(list);
      if (bad.length) throw new UsageError(`${where} per-path-ignores "${pattern}": unknown check id or theme: ${bad.join(', ')} (see pyvet checks)`);
      if (!pattern.trim()) throw new UsageError(`${where} per-path-ignores: an empty glob`);
      return {pattern, selectors: list};
    });
  }
  return {config, warnings};
}

/** A path as messages show it: relative to the working folder when inside it. */
function shown(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** Read `[tool.pyvet]` from `<root>/pyproject.toml`; nothing when the file or the table is absent. */
export function loadProjectConfig(root: string, unknownSelectors?: (list: readonly string[]) => string[]): LoadedProjectConfig {
  const file = path.join(root, 'pyproject.toml');
  const name = shown(file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {config: {}, warnings: []};
    throw new UsageError(`cannot read ${name}: ${describeFsError(err)}`);
  }
  let doc: Record<string, unknown>;
  try {
    doc = parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof TomlError) {
      const first = err.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '');
      throw new UsageError(`${name} is not valid TOML: ${first} (line ${err.line}, column ${err.column})`);
    }
    throw new UsageError(`${name} is not valid TOML: ${(err as Error).message}`);
  }
  const tool = doc.tool as Record<string, unknown> | undefined;
  const table = tool && typeof tool === 'object' ? tool.pyvet : undefined;
  if (table === undefined) return {config: {}, warnings: []};
  if (!table || typeof table !== 'object' || Array.isArray(table)) {
    throw new UsageError(`${name}: [tool.pyvet] must be a table, got ${describe(table)}`);
  }
  const {config, warnings} = parseProjectTable(table as Record<string, unknown>, `${name} [tool.pyvet]`, unknownSelectors);
  return {config, file, warnings};
}
