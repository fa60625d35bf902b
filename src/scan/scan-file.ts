/**
 * Scanning one file or one string: read, decode, parse once, run the checks.
 */
import {contextOf} from './context.js';
import {runChecks, type CheckSet, type EngineWarning} from './engine.js';
import {highlightExcerpts} from './highlight.js';
import {parsePython} from './parse.js';
import {countLines, readSource, SourceError} from './source.js';
import type {SyntaxNode, Tree} from './syntax.js';
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

/** The first place the parser gave up on: an ERROR or MISSING node, found without recursion. */
function firstSyntaxError(tree: Tree): SyntaxNode | null {
  let n = tree.rootNode;
  if (!n.hasError) return null;
  for (;;) {
    if (n.type === 'ERROR' || n.isMissing) return n;
    let next: SyntaxNode | null = null;
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.hasError || c.isMissing) {
        next = c;
        break;
      }
    }
    if (!next) return n;
    n = next;
  }
}

/** Throws SourceError when the text cannot be parsed safely (see parsePython). */
export function scanText(set: CheckSet, text: string, path: string, absPath: string, opts: ScanFileOptions = {}): FileResult {
  // The tree is done with before this returns: its arrays may live in the thread's reusable buffer.
  const tree = parsePython(text, {reuseBuffer: true});
  const res = runChecks(set, {path, source: text, tree, context: contextOf(path), suppressions: opts.suppressions});
  const highlights = opts.keepSource ? highlightExcerpts(tree, res.findings.filter(f => !f.suppressed), HIGHLIGHT_CONTEXT) : undefined;
  let warnings = res.warnings;
  if (res.parseErrors > 0) {
    // Findings before and after a syntax error are reported; the user is told what was not checked.
    const at = firstSyntaxError(tree);
    const n = res.parseErrors;
    const message =
      n === 1
        ? 'syntax error: the code that does not parse here is not checked (the rest of the file is)'
        : `syntax errors in ${n} places, the first here: code that does not parse is not checked (the rest of the file is)`;
    warnings = [{line: at ? at.startPosition.row + 1 : 1, message}, ...warnings];
  }
  return {
    path,
    absPath,
    lines: countLines(text),
    parseErrors: res.parseErrors,
    findings: res.findings,
    warnings,
    ...(opts.keepSource ? {source: text, highlights} : {}),
  };
}

/**
 * Scan one file. Never throws: a file that cannot be read or parsed comes back with
 * `error` set (and no findings), so the files after it are still scanned.
 */
export function scanFile(set: CheckSet, absPath: string, path: string, opts: ScanFileOptions = {}): FileResult {
  const failed = (error: string): FileResult => ({path, absPath, lines: 0, parseErrors: 0, findings: [], warnings: [], error});
  try {
    const src = readSource(absPath);
    const res = scanText(set, src.text, path, absPath, opts);
    if (src.warnings.length === 0) return res;
    return {...res, warnings: [...src.warnings, ...res.warnings]};
  } catch (err) {
    if (err instanceof SourceError) return failed(err.message);
    // A bug in pyvet (or memory exhausted) must not end the whole scan: report it for this file.
    const e = err as Error;
    const where = process.env.PYVET_DEBUG && e?.stack ? `\n${e.stack}` : '';
    return failed(`internal error while scanning: ${e?.message ?? String(err)}${where}`);
  }
}
