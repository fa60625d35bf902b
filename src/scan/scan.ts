/**
 * A whole scan: discover files, scan each, apply the reporting thresholds.
 */
import fs from 'node:fs';
import {confidenceAtLeast, atLeast, type Confidence, type Finding, type Severity} from '../model/finding.js';
import {discover} from './discover.js';
import {compilePerPathIgnores, type PerPathIgnore} from './per-path.js';
import type {Registry} from './registry.js';
import type {Target} from './discover.js';
import {TreeBudget, yieldOnce} from './memory.js';
import {defaultJobs, scanInWorkers} from './pool.js';
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
  /** Worker threads (default: one per core); 1 scans in this thread. */
  readonly jobs?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Below this many files, starting workers costs more than it saves. */
const WORKER_THRESHOLD = 16;

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

/**
 * Target indices, largest file first: the threads then end on small files and finish
 * together, instead of one thread parsing a large file that came last while the others wait.
 */
function largestFirst(targets: readonly Target[]): number[] {
  const size = targets.map(t => {
    try {
      return fs.statSync(t.absPath).size;
    } catch {
      return 0; // reading it will report the error
    }
  });
  return targets.map((_, i) => i).sort((a, b) => size[b]! - size[a]! || a - b);
}

export async function scanPaths(paths: readonly string[], registry: Registry, opts: ScanOptions = {}): Promise<ScanResult> {
  const {targets, errors: discoverErrors, root} = discover(paths, {cwd: opts.cwd, exclude: opts.exclude});
  const results: FileResult[] = new Array(targets.length);
  let done = 0;
  const jobs = opts.jobs ?? defaultJobs();
  const set = registry.checkSet(opts.select ?? [], opts.ignore ?? []);
  const budget = new TreeBudget();
  const scanHere = (t: Target) => scanFile(set, t.absPath, t.path, {keepSource: opts.keepSource, suppressions: opts.suppressions});
  // Release parsed trees now and then, and let the event loop breathe (workers' results,
  // progress, Ctrl-C).
  const afterHere = async (r: FileResult) => {
    if (!(await budget.afterFile(r.lines))) await yieldOnce();
  };
  const record = (i: number, r: FileResult) => {
    results[i] = r;
    opts.onProgress?.(++done, targets.length);
  };
  if (jobs > 1 && targets.length >= WORKER_THRESHOLD) {
    await scanInWorkers(
      targets,
      largestFirst(targets),
      jobs,
      {select: opts.select ?? [], ignore: opts.ignore ?? [], suppressions: opts.suppressions !== false, keepSource: !!opts.keepSource},
      record,
      scanHere,
      afterHere,
    );
  } else {
    for (let i = 0; i < targets.length; i++) {
      const r = scanHere(targets[i]!);
      record(i, r);
      if (!(await budget.afterFile(r.lines)) && done % 50 === 0) await yieldOnce();
    }
  }
  const files: FileResult[] = [];
  const errors: ScanError[] = [...discoverErrors];
  const warnings: ScanWarning[] = [];
  const pathIgnored = compilePerPathIgnores(opts.perPathIgnores ?? []);
  for (const r of results) {
    if (r.error) errors.push({path: r.path, message: r.error});
    else {
      const findings = r.findings.filter(f => passesThresholds(f, opts) && !pathIgnored(f));
      files.push(findings.length === r.findings.length ? r : {...r, findings});
    }
    for (const w of r.warnings) warnings.push({path: r.path, line: w.line, message: w.message});
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {root, files, findings: files.flatMap(f => f.findings), errors, warnings};
}
