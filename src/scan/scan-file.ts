/**
 * Scanning one file or one string: read, decode, parse once, run the checks.
 */
import {contextOf} from './context.js';
import {runChecks, type CheckSet, type EngineWarning} from './engine.js';
import {highlightExcerpts} from './highlight.js';
import {parsePython} from './parse.js';
import {countLines, readSource, SourceError} from './source.js';
import type {Finding} from '../model/finding.js';

export interface FileResult {
  /** Scan-root-relative, '/'-separated. */
  readonly path: string;
  readonly absPath: string;
  readonly lines: number;
  readonly parseErrors: number;
  readonly findings: readonly Finding[];
  /** The file could not be reviewed at all (it is still listed, with this message). */
  readonly error?: string;
  readonly warnings: readonly EngineWarning[];
  /** The decoded text (kept for the TUI's source view). */
  readonly source?: string;
  /** Syntax highlighting of the excerpt lines, with the source: [start, end, kind, ...] (src/scan/highlight.ts). */
  readonly highlights?: readonly number[];
}

/** Rows of context around a finding that highlighting covers (the most an excerpt shows). */
export const HIGHLIGHT_CONTEXT = 10;

export interface ScanFileOptions {
  readonly keepSource?: boolean;
  readonly suppressions?: boolean;
}

export function scanText(set: CheckSet, text: string, path: string, absPath: string, opts: ScanFileOptions = {}): FileResult {
  const tree = parsePython(text);
  const res = runChecks(set, {path, source: text, tree, context: contextOf(path), suppressions: opts.suppressions});
  const highlights = opts.keepSource ? highlightExcerpts(tree, res.findings.filter(f => !f.suppressed), HIGHLIGHT_CONTEXT) : undefined;
  return {
    path,
    absPath,
    lines: countLines(text),
    parseErrors: res.parseErrors,
    findings: res.findings,
    warnings: res.warnings,
    ...(opts.keepSource ? {source: text, highlights} : {}),
  };
}

export function scanFile(set: CheckSet, absPath: string, path: string, opts: ScanFileOptions = {}): FileResult {
  let text: string;
  let decodeWarnings: readonly string[] = [];
  try {
    const src = readSource(absPath);
    text = src.text;
    decodeWarnings = src.warnings;
  } catch (err) {
    const message = err instanceof SourceError ? err.message : (err as Error).message;
    return {path, absPath, lines: 0, parseErrors: 0, findings: [], warnings: [], error: message};
  }
  const res = scanText(set, text, path, absPath, opts);
  if (decodeWarnings.length === 0) return res;
  return {...res, warnings: [...decodeWarnings.map(message => ({line: 1, message})), ...res.warnings]};
}
