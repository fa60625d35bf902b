/**
 * Per-path ignores (`[tool.pyvet.per-path-ignores]`): a glob over root-relative paths and
 * the check ids, id prefixes or themes left out for the files it matches. Plain data in the
 * scan options, compiled where findings are produced.
 */
import type {Finding} from '../model/finding.js';
import {compileExcludes} from './discover.js';
import {matchesSelector} from './registry.js';

export interface PerPathIgnore {
  /** A glob over root-relative '/'-separated paths (`tests/**`, `migrations`, `*_pb2.py`). */
  readonly pattern: string;
  /** Check ids, id prefixes or themes. */
  readonly selectors: readonly string[];
}

/** A predicate that is true for findings a per-path ignore leaves out. */
export function compilePerPathIgnores(entries: readonly PerPathIgnore[]): (f: Pick<Finding, 'path' | 'checkId' | 'category'>) => boolean {
  if (entries.length === 0) return () => false;
  const compiled = entries.map(e => ({matches: compileExcludes([e.pattern]), selectors: e.selectors}));
  return f =>
    compiled.some(c => c.matches(f.path) && c.selectors.some(s => matchesSelector({id: f.checkId, category: f.category}, s)));
}
