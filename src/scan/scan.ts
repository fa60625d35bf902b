/**
 * A whole scan: discover files, scan each, apply the reporting thresholds.
 */
import {confidenceAtLeast, atLeast, type Confidence, type Finding, type Severity} from '../model/finding.js';
import {discover} from './discover.js';
import {compilePerPathIgnores, type PerPathIgnore} from './per-path.js';
import type {Registry} from './registry.js';
import {scanFile, type FileResult} from './scan-file.js';

export interface ScanOptions {
  readonly select?: readonly string[];
  readonly ignore?: readonly string[];
  /** Minimum severity reported. */
  readonly severity?: Severity;
  /** Minimum confidence reported. */
  readonly confidence?: Confidence;
  readonly exclude?: readonly string[];
  /** Checks left out for matching paths (`[tool.pyvet.per-path-ignores]`). */
  readonly perPathIgnores?: readonly PerPathIgnore[];
  /** Honour suppression comments (default true). */
  readonly suppressions?: boolean;
  /** Keep each file's text (the TUI shows excerpts). */
  readonly keepSource?: boolean;
  readonly cwd?: string;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ScanError {
  readonly path: string;
  readonly message: string;
}

export interface ScanWarning {
  readonly path: string;
  readonly line: number;
  readonly message: string;
}

export interface ScanResult {
  readonly root: string;
  /** Files that were read and parsed, in path order. */
  readonly files: readonly FileResult[];
  /** Every finding at or above the thresholds, suppressed ones included (flagged). */
  readonly findings: readonly Finding[];
  /** Paths that could not be reviewed at all. */
  readonly errors: readonly ScanError[];
  readonly warnings: readonly ScanWarning[];
}

export function passesThresholds(f: Finding, opts: Pick<ScanOptions, 'severity' | 'confidence'>): boolean {
  return (!opts.severity || atLeast(f.severity, opts.severity)) && (!opts.confidence || confidenceAtLeast(f.confidence, opts.confidence));
}

export async function scanPaths(paths: readonly string[], registry: Registry, opts: ScanOptions = {}): Promise<ScanResult> {
  const {targets, errors: discoverErrors, root} = discover(paths, {cwd: opts.cwd, exclude: opts.exclude});
  const set = registry.checkSet(opts.select ?? [], opts.ignore ?? []);
  const files: FileResult[] = [];
  const errors: ScanError[] = [...discoverErrors];
  const warnings: ScanWarning[] = [];
  const pathIgnored = compilePerPathIgnores(opts.perPathIgnores ?? []);
  let done = 0;
  for (const t of targets) {
    const r = scanFile(set, t.absPath, t.path, {keepSource: opts.keepSource, suppressions: opts.suppressions});
    if (r.error) errors.push({path: r.path, message: r.error});
    else {
      const findings = r.findings.filter(f => passesThresholds(f, opts) && !pathIgnored(f));
      files.push(findings.length === r.findings.length ? r : {...r, findings});
    }
    for (const w of r.warnings) warnings.push({path: r.path, line: w.line, message: w.message});
    done++;
    opts.onProgress?.(done, targets.length);
    // Let the event loop breathe (progress bars, Ctrl-C) on long scans.
    if (done % 50 === 0) await new Promise(resolve => setImmediate(resolve));
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {root, files, findings: files.flatMap(f => f.findings), errors, warnings};
}
