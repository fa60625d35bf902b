/**
 * Narrowing a finished scan to what is new: `--baseline` drops findings a previous report
 * already holds, `--diff` drops findings on lines that did not change. Both apply to every
 * output format, to the exit status and to the review.
 */
import type {Finding} from '../model/finding.js';
import {applyBaseline, type Baseline} from './baseline.js';
import type {ChangedLines} from './git-diff.js';
import type {ScanResult} from './scan.js';

export interface ScopeOptions {
  readonly baseline?: Baseline;
  readonly changed?: ChangedLines;
}

export interface ScopedResult {
  readonly result: ScanResult;
  /** Unsuppressed findings left out because the baseline holds them. */
  readonly baselined: number;
  /** Unsuppressed findings left out because their lines did not change. */
  readonly unchanged: number;
}

export function scopeResult(result: ScanResult, opts: ScopeOptions): ScopedResult {
  if (!opts.baseline && !opts.changed) return {result, baselined: 0, unchanged: 0};
  let baselined = 0;
  let unchanged = 0;
  let dropBaseline = new Set<Finding>();
  if (opts.baseline) {
    const {known} = applyBaseline(result.findings, opts.baseline);
    dropBaseline = new Set(known);
  }
  const files = result.files.map(file => {
    const findings = file.findings.filter(f => {
      if (dropBaseline.has(f)) {
        if (!f.suppressed) baselined++;
        return false;
      }
      if (opts.changed && !opts.changed.touches(file.absPath, firstFlaggedLine(f), f.endLine)) {
        if (!f.suppressed) unchanged++;
        return false;
      }
      return true;
    });
    return findings.length === file.findings.length ? file : {...file, findings};
  });
  return {result: {...result, files, findings: files.flatMap(f => f.findings)}, baselined, unchanged};
}

/**
 * The first of a finding's flagged lines. The reported line can be inside the flagged node
 * (B602 reports the `shell=` value, as Bandit does), while the snippet holds the flagged
 * lines through endLine: a change to any of them counts for --diff.
 */
export function firstFlaggedLine(f: Pick<Finding, 'line' | 'endLine' | 'snippet'>): number {
  const count = f.snippet.split('\n').length;
  return Math.max(1, Math.min(f.line, f.endLine - count + 1));
}

/** "2 in the baseline, 5 on unchanged lines" for the summary; '' when nothing was left out. */
export function scopeNote(s: ScopedResult, opts: ScopeOptions): string {
  const parts: string[] = [];
  if (s.baselined > 0) parts.push(`${s.baselined} in the baseline`);
  if (s.unchanged > 0) parts.push(`${s.unchanged} on lines unchanged since ${opts.changed?.revision ?? 'the revision'}`);
  return parts.length ? `not shown: ${parts.join(', ')}` : '';
}
