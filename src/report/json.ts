/**
 * The JSON report (DESIGN.md): stable field names and order. Text from reviewed files is
 * JSON-escaped (control, bidi and invisible characters become \uXXXX), so nothing raw
 * reaches a terminal that prints it, and a JSON reader still gets the exact text.
 */
import type {Finding} from '../model/finding.js';
import type {ScanResult} from '../scan/scan.js';
import {VERSION} from '../version.js';
import {escapeJsonText} from './safe-text.js';

export interface JsonFinding extends Finding {
  readonly suppressed: boolean;
}

export interface JsonReport {
  readonly tool: {readonly name: 'pyvet'; readonly version: string};
  readonly files: readonly {readonly path: string; readonly lines: number; readonly parseErrors: number}[];
  readonly findings: readonly JsonFinding[];
  readonly errors: readonly {readonly path: string; readonly message: string}[];
  readonly warnings: readonly {readonly path: string; readonly line: number; readonly message: string}[];
}

export function toJsonFinding(f: Finding): JsonFinding {
  return {
    checkId: f.checkId,
    title: f.title,
    category: f.category,
    severity: f.severity,
    confidence: f.confidence,
    cwe: f.cwe,
    path: f.path,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    message: f.message,
    snippet: f.snippet,
    fingerprint: f.fingerprint,
    context: f.context,
    suppressed: !!f.suppressed,
    ...(f.suppressed ? {suppressionReason: f.suppressionReason ?? ''} : {}),
    ...(f.source ? {source: f.source} : {}),
  };
}

export function buildJsonReport(result: ScanResult, findings: readonly Finding[]): JsonReport {
  return {
    tool: {name: 'pyvet', version: VERSION},
    files: result.files.map(f => ({path: f.path, lines: f.lines, parseErrors: f.parseErrors})),
    findings: findings.map(toJsonFinding),
    errors: result.errors.map(e => ({path: e.path, message: e.message})),
    warnings: result.warnings.map(w => ({path: w.path, line: w.line, message: w.message})),
  };
}

export function renderJson(result: ScanResult, findings: readonly Finding[]): string {
  return `${escapeJsonText(JSON.stringify(buildJsonReport(result, findings), null, 2))}\n`;
}
