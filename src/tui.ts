/**
 * Starting and ending the interactive review: the alternate screen, the scan progress,
 * the store, the editor round trip, Ink. Loaded by `pyvet review` only, so `scan` never
 * pays for React.
 */
import {spawnSync} from 'node:child_process';
import path from 'node:path';
import React from 'react';
import {render, type Instance} from 'ink';
import {App} from '../components/App.js';
import {Scanning} from '../components/Scanning.js';
import type {ReportMeta} from './report/review-data.js';
import {escapeControls} from './report/safe-text.js';
import {mark, markRender, timingEnabled} from './timing.js';
import {createEffects, defaultOutputPath, loadReview, type ReviewEffects} from './review/controller.js';
import {editorCommand} from './review/editor.js';
import {counts, selectedItem, type ReviewAction, type ReviewState} from './review/session.js';
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
  /** Scan one file again, with the options of this review (after the editor). */
  readonly rescan?: (absPath: string, relPath: string) => Promise<FileResult>;
}

export interface TuiSession {
  /** Scan progress for the first screen. */
  progress(done: number, total: number): void;
  /** Show the review; resolves with the exit status when the reviewer quits. */
  review(opts: TuiOptions): Promise<number>;
  /** Leave the screen without a review (nothing to show). */
  close(): void;
}

const ENTER_ALT = '\x1b[?1049h\x1b[H';
const LEAVE_ALT = '\x1b[?1049l';

function inkOptions() {
  return {
    exitOnCtrlC: true,
    patchConsole: true,
    // Ink's default of 30 frames a second delays a key press that follows a redraw.
    maxFps: 240,
    ...(timingEnabled ? {onRender: ({renderTime}: {renderTime: number}) => markRender(renderTime)} : {}),
  };
}

/** Enter the alternate screen and show scan progress until the review is ready. */
export function startTui(what: string): TuiSession {
  process.stdout.write(ENTER_ALT);
  const leave = () => process.stdout.write(LEAVE_ALT);
  process.once('exit', leave);
  const columns = () => Math.max(40, process.stdout.columns || 80);
  const scanning = (done: number, total: number) => React.createElement(Scanning, {done, total, what: escapeControls(what), width: columns()});
  const app: Instance = render(scanning(0, 0), inkOptions());
  let reviewing = false;
  let closed = false;
  // Ctrl-C while scanning: Ink unmounts; stop at once.
  void app.waitUntilExit().then(() => {
    if (!reviewing && !closed) {
      leave();
      process.exit(130);
    }
  });
  let lastProgress = 0;
  return {
    progress(done, total) {
      const now = performance.now();
      if (done < total && now - lastProgress < 50) return;
      lastProgress = now;
      app.rerender(scanning(done, total));
    },
    close() {
      closed = true;
      app.unmount();
      process.off('exit', leave);
      leave();
    },
    async review(opts) {
      reviewing = true;
      let summary = '';
      try {
        summary = await runReview(app, opts);
      } finally {
        process.off('exit', leave);
        leave();
      }
      // After leaving the alternate screen, so that the line stays in the terminal.
      process.stdout.write(summary);
      return 0;
    },
  };
}

/** Runs the review until the reviewer quits; returns the summary line to print afterwards. */
async function runReview(app: Instance, opts: TuiOptions): Promise<string> {
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
  let saved: string | null = null;
  const base = createEffects({store, outputPath, rules: id => opts.registry.rule(id), meta: opts.meta});
  const effects: ReviewEffects = {
    persist(changes, s) {
      last = s;
      base.persist(changes, s);
    },
    save(s) {
      last = s;
      saved = base.save(s);
      return saved;
    },
    edit: opts.rescan ? s => editAndRescan(app, s, opts.rescan!) : undefined,
  };
  mark('review ready');
  app.rerender(
    React.createElement(App, {
      initial: state,
      effects,
      rule: id => opts.registry.rule(id),
      contextLines: prefs.contextLines ?? 2,
    }),
  );
  await app.waitUntilExit();
  const c = counts(last);
  const where = opts.files.length === 1 ? opts.files[0]!.path : `${opts.files.length} files`;
  return (
    `${escapeControls(`Reviewed ${where}: ${c.accepted} accepted, ${c.dismissed} dismissed, ${c.pending} pending.`)}` +
    (saved ? ` Review saved to ${escapeControls(saved)}.` : ' Decisions are stored; press s in a review to write the Markdown.') +
    '\n'
  );
}

/** Hand the terminal to the editor, then scan the file again. */
async function editAndRescan(
  app: Instance,
  state: ReviewState,
  rescan: (absPath: string, relPath: string) => Promise<FileResult>,
): Promise<ReviewAction | undefined> {
  const item = selectedItem(state);
  if (!item) return undefined;
  const file = state.files[item.file]!;
  const {command, args} = editorCommand(process.env, file.absPath, item.finding.line);
  const stdin = process.stdin;
  const raw = stdin.isTTY && stdin.isRaw;
  process.stdout.write(LEAVE_ALT);
  if (raw) stdin.setRawMode(false);
  let failure: string | null = null;
  try {
    // The editor owns the terminal until it exits; pyvet's event loop waits.
    const r = spawnSync(command, args, {stdio: 'inherit'});
    if (r.error) failure = `${command}: ${(r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found (set $VISUAL or $EDITOR)' : r.error.message}`;
  } finally {
    if (raw) stdin.setRawMode(true);
    process.stdout.write(`${ENTER_ALT}\x1b[2J`);
    app.clear();
  }
  if (failure) return {type: 'set-message', message: `could not run the editor: ${failure}`};
  const fresh = await rescan(file.absPath, file.path);
  return {
    type: 'replace-file',
    file: item.file,
    findings: fresh.findings.filter(f => !f.suppressed),
    ...(fresh.source !== undefined ? {source: fresh.source} : {}),
    ...(fresh.highlights ? {highlights: fresh.highlights} : {}),
    lines: fresh.lines,
    parseErrors: fresh.parseErrors,
    suppressed: fresh.findings.filter(f => f.suppressed).length,
    ...(fresh.error ? {error: fresh.error} : {}),
  };
}
