import {checks} from '../../checks/index.js';
import type {Finding} from '../../src/model/finding.js';
import {Registry} from '../../src/scan/registry.js';
import {scanText} from '../../src/scan/scan-file.js';

export const registry = new Registry(checks);

/** Scan a Python string as if it were the file `path` (production code unless the path says test). */
export function scanSource(
  source: string,
  opts: {path?: string; select?: string[]; ignore?: string[]; suppressions?: boolean} = {},
): Finding[] {
  const set = registry.checkSet(opts.select ?? [], opts.ignore ?? []);
  const p = opts.path ?? 'app.py';
  return [...scanText(set, source, p, `/virtual/${p}`, {suppressions: opts.suppressions}).findings];
}

/** `line id` strings of the unsuppressed findings, for compact assertions. */
export function lineIds(findings: readonly Finding[]): string[] {
  return findings.filter(f => !f.suppressed).map(f => `${f.line} ${f.checkId}`);
}
