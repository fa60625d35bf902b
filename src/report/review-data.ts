/**
 * What every report writer takes: the files, each finding with its decision, and the
 * rule catalogue for the docs. Built from a scan (no decisions) or a review session.
 */
import type {Rule} from '../model/check.js';
import {PENDING, type Decision, type Finding} from '../model/finding.js';

export interface ReportFile {
  readonly path: string;
  readonly lines: number;
  readonly parseErrors: number;
  readonly error?: string;
  readonly suppressed: number;
}

export interface ReportEntry {
  readonly finding: Finding;
  readonly decision: Decision;
}

export interface ReportMeta {
  readonly reviewer: string;
  /** YYYY-MM-DD */
  readonly date: string;
  readonly version: string;
}

export interface ReportInput {
  readonly files: readonly ReportFile[];
  readonly entries: readonly ReportEntry[];
  readonly rules: (id: string) => Rule | undefined;
  readonly meta: ReportMeta;
}

export function entriesFromFindings(findings: readonly Finding[]): ReportEntry[] {
  return findings.filter(f => !f.suppressed).map(finding => ({finding, decision: PENDING}));
}

/** The report date: SOURCE_DATE_EPOCH when set (reproducible output), else today (local time). */
export function reportDate(now: Date = new Date()): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const d = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : now;
  const useUtc = !!epoch;
  const y = useUtc ? d.getUTCFullYear() : d.getFullYear();
  const m = (useUtc ? d.getUTCMonth() : d.getMonth()) + 1;
  const day = useUtc ? d.getUTCDate() : d.getDate();
  return `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
