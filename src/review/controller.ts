/**
 * The side effects of a review session, kept out of the reducer and the components:
 * building the first state from a scan and the store, writing each decision to the
 * store, and saving the Markdown review.
 */
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type {Rule} from '../model/check.js';
import type {Decision, Finding} from '../model/finding.js';
import {renderMarkdown} from '../report/markdown.js';
import type {ReportInput, ReportMeta} from '../report/review-data.js';
import type {FileResult} from '../scan/scan-file.js';
import {initialState, itemKey, type ReviewAction, type ReviewFile, type ReviewState} from './session.js';
import {fromStored, type DecisionStore} from './store.js';

export interface ReviewEffects {
  persist(changes: readonly {key: string; decision: Decision}[], state: ReviewState): void;
  /** Writes the Markdown review; returns the path written. */
  save(state: ReviewState): string;
  /**
   * Opens the selected finding in the user's editor and scans the file again when the
   * editor exits; returns the action that replaces the file's findings (undefined when
   * nothing is selected).
   */
  edit?(state: ReviewState): Promise<ReviewAction | undefined>;
}

export interface LoadedReview {
  readonly state: ReviewState;
  readonly restored: number;
  readonly stale: number;
}

/** The first state of a review: unsuppressed findings, with the stored decisions that still match. */
export function loadReview(files: readonly FileResult[], store: DecisionStore, extraMessage = ''): LoadedReview {
  const reviewFiles: ReviewFile[] = files.map(f => ({
    path: f.path,
    absPath: f.absPath,
    lines: f.lines,
    parseErrors: f.parseErrors,
    ...(f.error ? {error: f.error} : {}),
    ...(f.source !== undefined ? {source: f.source} : {}),
    ...(f.highlights ? {highlights: f.highlights} : {}),
    suppressed: f.findings.filter(x => x.suppressed).length,
  }));
  const findings = files.flatMap((f, file) => f.findings.filter(x => !x.suppressed).map(finding => ({file, finding})));
  const decisions: Record<string, Decision> = {};
  let restored = 0;
  let stale = 0;
  files.forEach(f => {
    const stored = store.load(f.absPath);
    const present = new Set(f.findings.map(x => x.fingerprint));
    for (const [fp, d] of Object.entries(stored)) {
      if (!present.has(fp)) {
        stale++;
        continue;
      }
      decisions[itemKey(f.absPath, fp)] = fromStored(d);
      restored++;
    }
  });
  const parts: string[] = [];
  if (restored > 0) parts.push(`restored ${restored} ${restored === 1 ? 'decision' : 'decisions'}`);
  if (stale > 0) parts.push(`${stale} stored ${stale === 1 ? 'decision no longer matches' : 'decisions no longer match'} a finding`);
  if (extraMessage) parts.push(extraMessage);
  const state = initialState({files: reviewFiles, findings, decisions, message: parts.join('; ')});
  return {state, restored, stale};
}

/** Each finding's stored decision (undefined when none), for reports written without a session. */
export function storedDecisions(files: readonly Pick<FileResult, 'path' | 'absPath'>[], store: DecisionStore): (f: Finding) => Decision | undefined {
  const absOf = new Map(files.map(f => [f.path, f.absPath]));
  const loaded = new Map<string, ReturnType<DecisionStore['load']>>();
  return f => {
    const abs = absOf.get(f.path);
    if (!abs) return undefined;
    let stored = loaded.get(abs);
    if (!stored) {
      stored = store.load(abs);
      loaded.set(abs, stored);
    }
    const d = stored[f.fingerprint];
    return d ? fromStored(d) : undefined;
  };
}

export function reportInputFromState(state: ReviewState, rules: (id: string) => Rule | undefined, meta: ReportMeta): ReportInput {
  return {
    files: state.files.map(f => ({
      path: f.path,
      lines: f.lines,
      parseErrors: f.parseErrors,
      suppressed: f.suppressed,
      ...(f.error ? {error: f.error} : {}),
    })),
    entries: state.items.map(i => ({finding: i.finding, decision: state.decisions[i.key] ?? {kind: 'pending' as const}})),
    rules,
    meta,
  };
}

/** Where `s` saves when --output is not given: beside the working folder, named after what is reviewed. */
export function defaultOutputPath(files: readonly {path: string}[], dir: string): string {
  if (files.length === 1) {
    const base = path.basename(files[0]!.path).replace(/\.pyw?$/, '');
    return path.join(dir, `${base}.review.md`);
  }
  return path.join(dir, 'pyvet-review.md');
}

export function createEffects(opts: {
  store: DecisionStore;
  outputPath: string;
  rules: (id: string) => Rule | undefined;
  meta: () => ReportMeta;
}): ReviewEffects {
  return {
    persist(changes, state) {
      for (const {key, decision} of changes) {
        const item = state.items.find(i => i.key === key);
        if (!item) continue;
        const file = state.files[item.file]!;
        opts.store.put(file.absPath, item.finding.fingerprint, decision, {checkId: item.finding.checkId, line: item.finding.line});
      }
    },
    save(state) {
      const md = renderMarkdown(reportInputFromState(state, opts.rules, opts.meta()));
      writeFileAtomic.sync(opts.outputPath, md);
      return opts.outputPath;
    },
  };
}
