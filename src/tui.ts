/**
 * Starting and ending the interactive review: the alternate screen, the store, Ink.
 * Loaded by `pyvet review` only, so `scan` never pays for React.
 */
import path from 'node:path';
import React from 'react';
import {render} from 'ink';
import {App} from '../components/App.js';
import type {ReportMeta} from './report/review-data.js';
import {escapeControls} from './report/safe-text.js';
import {markRender, timingEnabled} from './timing.js';
import {createEffects, defaultOutputPath, loadReview} from './review/controller.js';
import {counts} from './review/session.js';
import {ConfDecisionStore, readPreferences, type DecisionStore} from './review/store.js';
import type {Registry} from './scan/registry.js';
import type {FileResult} from './scan/scan-file.js';
import type {ScanResult} from './scan/scan.js';

export interface TuiOptions {
  readonly result: ScanResult;
  readonly files: readonly FileResult[];
  readonly registry: Registry;
  readonly output?: string;
  readonly meta: () => ReportMeta;
  /** Where decisions are read and written (default: the conf store). */
  readonly store?: DecisionStore;
  /** Shown in the status line at the start (what --baseline or --diff left out, the state file). */
  readonly notes?: readonly string[];
}

const ENTER_ALT = '\x1b[?1049h\x1b[H';
const LEAVE_ALT = '\x1b[?1049l';

export async function runTui(opts: TuiOptions): Promise<number> {
  const warnings: string[] = [];
  const store = opts.store ?? new ConfDecisionStore(m => warnings.push(m));
  const prefs = readPreferences(m => warnings.push(m));
  const errors = opts.result.errors.length;
  const errorNote = errors ? `${errors} ${errors === 1 ? 'path' : 'paths'} could not be read (listed on exit)` : '';
  const problems = opts.result.warnings.length;
  const warningNote = problems ? `${problems} ${problems === 1 ? 'warning' : 'warnings'} about the files (listed on exit)` : '';
  const {state} = loadReview(opts.files, store, [errorNote, warningNote, ...(opts.notes ?? []), ...warnings].filter(Boolean).join('; '));
  const outputPath = path.resolve(opts.output ?? defaultOutputPath(opts.files, prefs.saveDir ?? process.cwd()));
  let last = state;
  const effects = createEffects({
    store,
    outputPath,
    rules: id => opts.registry.rule(id),
    meta: opts.meta,
  });
  const tracking = {
    ...effects,
    persist: (changes: Parameters<typeof effects.persist>[0], s: typeof state) => {
      last = s;
      effects.persist(changes, s);
    },
    save: (s: typeof state) => {
      last = s;
      const written = effects.save(s);
      saved = written;
      return written;
    },
  };
  let saved: string | null = null;
  process.stdout.write(ENTER_ALT);
  const leave = () => process.stdout.write(LEAVE_ALT);
  process.once('exit', leave);
  try {
    const app = render(
      React.createElement(App, {
        initial: state,
        effects: tracking,
        rule: id => opts.registry.rule(id),
        contextLines: prefs.contextLines ?? 2,
      }),
      {exitOnCtrlC: true, patchConsole: true, ...(timingEnabled ? {onRender: ({renderTime}: {renderTime: number}) => markRender(renderTime)} : {})},
    );
    await app.waitUntilExit();
  } finally {
    process.off('exit', leave);
    leave();
  }
  const c = counts(last);
  // Paths come from the reviewed tree: shown with their control characters escaped.
  const where = opts.files.length === 1 ? escapeControls(opts.files[0]!.path) : `${opts.files.length} files`;
  process.stdout.write(
    `Reviewed ${where}: ${c.accepted} accepted, ${c.dismissed} dismissed, ${c.pending} pending.` +
      (saved ? ` Review saved to ${escapeControls(saved)}.` : ' Decisions are stored; press s in a review to write the Markdown.') +
      '\n',
  );
  return 0;
}
