/**
 * The plain-text report of `pyvet scan`: one line per finding (path:line:column), the
 * flagged line beneath it, then a summary. Colour only when asked for.
 */
import {Chalk, type ChalkInstance} from 'chalk';
import {SEVERITIES, type Finding, type Severity} from '../model/finding.js';
import type {ScanResult} from '../scan/scan.js';
import {displayLine, escapeControls} from './safe-text.js';

function severityColor(c: ChalkInstance, s: Severity): ChalkInstance {
  return s === 'high' ? c.red.bold : s === 'medium' ? c.yellow : s === 'low' ? c.cyan : c.gray;
}

export interface TextOptions {
  readonly color: boolean;
  /** Lines after the summary (what --baseline or --diff left out). */
  readonly notes?: readonly string[];
}

export function renderText(result: ScanResult, findings: readonly Finding[], opts: TextOptions): string {
  const c = new Chalk({level: opts.color ? 1 : 0});
  const out: string[] = [];
  const shown = findings.filter(f => !f.suppressed);
  for (const f of shown) {
    const loc = `${escapeControls(f.path)}:${f.line}:${f.column}`;
    out.push(`${c.bold(loc)}: ${c.bold(f.checkId)} ${severityColor(c, f.severity)(f.severity)} ${escapeControls(f.message)}`);
    const first = f.snippet.split('\n')[0] ?? '';
    out.push(c.dim(`    ${displayLine(first).trim()}`));
  }
  for (const e of result.errors) out.push(c.red(`error: ${escapeControls(e.path)}: ${escapeControls(e.message)}`));
  for (const w of result.warnings) out.push(c.yellow(`warning: ${escapeControls(w.path)}:${w.line}: ${escapeControls(w.message)}`));
  const suppressed = findings.length - shown.length;
  const bySev = SEVERITIES.map(s => [s, shown.filter(f => f.severity === s).length] as const).filter(([, n]) => n > 0);
  const files = result.files.length;
  if (shown.length === 0) {
    out.push(`No findings in ${files} ${files === 1 ? 'file' : 'files'}${suppressed ? ` (${suppressed} suppressed)` : ''}.`);
  } else {
    out.push(
      `Found ${shown.length} ${shown.length === 1 ? 'finding' : 'findings'} (${bySev.map(([s, n]) => `${n} ${s}`).join(', ')}) in ${files} ${files === 1 ? 'file' : 'files'}` +
        `${suppressed ? `; ${suppressed} suppressed` : ''}.`,
    );
  }
  for (const n of opts.notes ?? []) out.push(c.dim(n));
  return `${out.join('\n')}\n`;
}
