/**
 * The review session as a pure reducer: `reduce(state, action) → state`.
 * Decisions are keyed by `absPath \0 fingerprint`; everything the TUI shows derives from
 * this state, and persistence is a side effect of comparing two states (see
 * `changedDecisions`), never done here.
 */
import {
  atLeast,
  DISMISS_REASONS,
  PENDING,
  type Decision,
  type DismissReason,
  type Finding,
  type Severity,
} from '../model/finding.js';

export interface ReviewFile {
  readonly path: string;
  readonly absPath: string;
  readonly lines: number;
  readonly parseErrors: number;
  readonly error?: string;
  /** Decoded source, for the excerpt in the detail pane. */
  readonly source?: string;
  readonly suppressed: number;
}

export interface ReviewItem {
  readonly key: string;
  readonly file: number;
  readonly finding: Finding;
}

export type Mode = 'list' | 'dismiss' | 'note' | 'search' | 'help' | 'confirm-quit';

export const DECISION_FILTERS = ['all', 'pending', 'accepted', 'dismissed'] as const;
export type DecisionFilter = (typeof DECISION_FILTERS)[number];

export interface Filters {
  readonly decision: DecisionFilter;
  readonly minSeverity: Severity;
  readonly text: string;
}

interface Snapshot {
  readonly decisions: Readonly<Record<string, Decision>>;
  /** The finding the change was about, so undo and redo can show it. */
  readonly focus: string;
}

export interface ReviewState {
  readonly files: readonly ReviewFile[];
  readonly items: readonly ReviewItem[];
  readonly decisions: Readonly<Record<string, Decision>>;
  /** Key of the selected finding ('' when nothing is visible). */
  readonly selected: string;
  readonly mode: Mode;
  /** The note or search text being typed. */
  readonly draft: string;
  readonly filters: Filters;
  readonly past: readonly Snapshot[];
  readonly future: readonly Snapshot[];
  /** Decisions changed since the last save. */
  readonly dirty: boolean;
  /** One-line status message (saved, restored, nothing to undo, …). */
  readonly message: string;
  readonly quitting: boolean;
  /** Rows of the finding list the screen can show (for page moves). */
  readonly pageSize: number;
}

export type ReviewAction =
  | {readonly type: 'move'; readonly by: number}
  | {readonly type: 'move-to'; readonly where: 'first' | 'last'}
  | {readonly type: 'move-page'; readonly by: 1 | -1}
  | {readonly type: 'select'; readonly key: string}
  | {readonly type: 'accept'}
  | {readonly type: 'start-dismiss'}
  | {readonly type: 'dismiss'; readonly reason: DismissReason}
  | {readonly type: 'reset'}
  | {readonly type: 'start-note'}
  | {readonly type: 'edit-draft'; readonly text: string}
  | {readonly type: 'type-text'; readonly text: string}
  | {readonly type: 'delete-char'}
  | {readonly type: 'commit-note'}
  | {readonly type: 'cancel'}
  | {readonly type: 'undo'}
  | {readonly type: 'redo'}
  | {readonly type: 'toggle-help'}
  | {readonly type: 'request-quit'}
  | {readonly type: 'confirm-quit'}
  | {readonly type: 'saved'; readonly path: string}
  | {readonly type: 'set-message'; readonly message: string}
  | {readonly type: 'set-page-size'; readonly rows: number};

export const HISTORY_LIMIT = 500;

export function itemKey(absPath: string, fingerprint: string): string {
  return `${absPath}\0${fingerprint}`;
}

export interface InitOptions {
  readonly files: readonly ReviewFile[];
  readonly findings: readonly {readonly file: number; readonly finding: Finding}[];
  readonly decisions?: Readonly<Record<string, Decision>>;
  readonly message?: string;
  readonly pageSize?: number;
}

export function initialState(opts: InitOptions): ReviewState {
  const items = opts.findings.map(({file, finding}) => ({
    key: itemKey(opts.files[file]!.absPath, finding.fingerprint),
    file,
    finding,
  }));
  const state: ReviewState = {
    files: opts.files,
    items,
    decisions: opts.decisions ?? {},
    selected: '',
    mode: 'list',
    draft: '',
    filters: {decision: 'all', minSeverity: 'info', text: ''},
    past: [],
    future: [],
    dirty: false,
    message: opts.message ?? '',
    quitting: false,
    pageSize: opts.pageSize ?? 10,
  };
  const visible = visibleItems(state);
  // Start on the first pending finding, else the first one.
  const first = visible.find(i => decisionOf(state, i.key).kind === 'pending') ?? visible[0];
  return {...state, selected: first?.key ?? ''};
}

export function decisionOf(state: ReviewState, key: string): Decision {
  return state.decisions[key] ?? PENDING;
}

// The visible list is derived; memoise it on the inputs that affect it.
let memo: {items: unknown; decisions: unknown; filters: unknown; out: readonly ReviewItem[]} | null = null;

export function visibleItems(state: ReviewState): readonly ReviewItem[] {
  if (memo && memo.items === state.items && memo.decisions === state.decisions && memo.filters === state.filters) {
    return memo.out;
  }
  const {decision, minSeverity, text} = state.filters;
  const needle = text.toLowerCase();
  const out = state.items.filter(i => {
    const f = i.finding;
    if (decision !== 'all' && decisionOf(state, i.key).kind !== decision) return false;
    if (!atLeast(f.severity, minSeverity)) return false;
    if (needle) {
      const hay = `${f.checkId} ${f.title} ${f.message} ${f.path} ${f.snippet}`.toLowerCase();
      if (!hay.includes(needle)) return false;
    }
    return true;
  });
  memo = {items: state.items, decisions: state.decisions, filters: state.filters, out};
  return out;
}

/** Index of the selected item in the visible list (0 when it is hidden or absent). */
export function selectedIndex(state: ReviewState): number {
  const visible = visibleItems(state);
  const i = visible.findIndex(v => v.key === state.selected);
  return i < 0 ? 0 : i;
}

export function selectedItem(state: ReviewState): ReviewItem | undefined {
  const visible = visibleItems(state);
  return visible.find(v => v.key === state.selected) ?? visible[0];
}

export interface Counts {
  readonly total: number;
  readonly pending: number;
  readonly accepted: number;
  readonly dismissed: number;
}

let countsMemo: {items: unknown; decisions: unknown; out: Counts} | null = null;

export function counts(state: ReviewState): Counts {
  if (countsMemo && countsMemo.items === state.items && countsMemo.decisions === state.decisions) return countsMemo.out;
  let accepted = 0;
  let dismissed = 0;
  for (const i of state.items) {
    const k = decisionOf(state, i.key).kind;
    if (k === 'accepted') accepted++;
    else if (k === 'dismissed') dismissed++;
  }
  const total = state.items.length;
  const out = {total, pending: total - accepted - dismissed, accepted, dismissed};
  countsMemo = {items: state.items, decisions: state.decisions, out};
  return out;
}

function moveTo(state: ReviewState, index: number): ReviewState {
  const visible = visibleItems(state);
  if (visible.length === 0) return state;
  const i = Math.max(0, Math.min(visible.length - 1, index));
  const key = visible[i]!.key;
  return key === state.selected && state.message === '' ? state : {...state, selected: key, message: ''};
}

/** The next pending finding after the selected one (wrapping), or the selected one when none is left. */
function nextPending(state: ReviewState): string {
  const visible = visibleItems(state);
  const start = selectedIndex(state);
  for (let step = 1; step <= visible.length; step++) {
    const item = visible[(start + step) % visible.length]!;
    if (decisionOf(state, item.key).kind === 'pending') return item.key;
  }
  return state.selected;
}

function decide(state: ReviewState, key: string, decision: Decision): ReviewState {
  if (!key) return state;
  const prev = state.decisions[key];
  const same =
    (prev ?? PENDING).kind === decision.kind &&
    (prev ?? PENDING).reason === decision.reason &&
    (prev ?? PENDING).note === decision.note;
  if (same) return {...state, mode: 'list', draft: ''};
  const decisions = {...state.decisions};
  if (decision.kind === 'pending' && !decision.note) delete decisions[key];
  else decisions[key] = decision;
  const past = [...state.past, {decisions: state.decisions, focus: key}].slice(-HISTORY_LIMIT);
  return {...state, decisions, past, future: [], dirty: true, mode: 'list', draft: '', message: ''};
}

function current(state: ReviewState): ReviewItem | undefined {
  return state.selected ? state.items.find(i => i.key === state.selected) : undefined;
}

export function reduce(state: ReviewState, action: ReviewAction): ReviewState {
  switch (action.type) {
    case 'move':
      return moveTo(state, selectedIndex(state) + action.by);
    case 'move-page':
      return moveTo(state, selectedIndex(state) + action.by * Math.max(1, state.pageSize - 1));
    case 'move-to':
      return moveTo(state, action.where === 'first' ? 0 : visibleItems(state).length - 1);
    case 'select':
      return state.items.some(i => i.key === action.key) ? {...state, selected: action.key} : state;
    case 'accept': {
      const item = current(state);
      if (!item) return state;
      const note = decisionOf(state, item.key).note;
      const next = decide(state, item.key, {kind: 'accepted', ...(note ? {note} : {})});
      return {...next, selected: nextPending(next)};
    }
    case 'start-dismiss':
      return current(state) ? {...state, mode: 'dismiss', message: ''} : state;
    case 'dismiss': {
      const item = current(state);
      if (!item || !DISMISS_REASONS.includes(action.reason)) return state;
      const note = decisionOf(state, item.key).note;
      const next = decide(state, item.key, {kind: 'dismissed', reason: action.reason, ...(note ? {note} : {})});
      return {...next, selected: nextPending(next)};
    }
    case 'reset': {
      const item = current(state);
      if (!item) return state;
      const note = decisionOf(state, item.key).note;
      return decide(state, item.key, {kind: 'pending', ...(note ? {note} : {})});
    }
    case 'start-note': {
      const item = current(state);
      if (!item) return state;
      return {...state, mode: 'note', draft: decisionOf(state, item.key).note ?? '', message: ''};
    }
    case 'edit-draft':
      return state.mode === 'note' || state.mode === 'search' ? {...state, draft: action.text} : state;
    case 'type-text':
      return state.mode === 'note' || state.mode === 'search' ? {...state, draft: state.draft + action.text} : state;
    case 'delete-char':
      return state.mode === 'note' || state.mode === 'search' ? {...state, draft: [...state.draft].slice(0, -1).join('')} : state;
    case 'commit-note': {
      const item = current(state);
      if (!item || state.mode !== 'note') return state;
      const d = decisionOf(state, item.key);
      const note = state.draft.trim();
      const {note: _old, ...rest} = d;
      void _old;
      return decide(state, item.key, note ? {...rest, note} : rest);
    }
    case 'cancel':
      return {...state, mode: 'list', draft: '', quitting: false};
    case 'undo': {
      const last = state.past[state.past.length - 1];
      if (!last) return {...state, message: 'nothing to undo'};
      return {
        ...state,
        decisions: last.decisions,
        past: state.past.slice(0, -1),
        future: [...state.future, {decisions: state.decisions, focus: last.focus}],
        selected: last.focus,
        dirty: true,
        mode: 'list',
        message: 'undone',
      };
    }
    case 'redo': {
      const next = state.future[state.future.length - 1];
      if (!next) return {...state, message: 'nothing to redo'};
      return {
        ...state,
        decisions: next.decisions,
        future: state.future.slice(0, -1),
        past: [...state.past, {decisions: state.decisions, focus: next.focus}],
        selected: next.focus,
        dirty: true,
        mode: 'list',
        message: 'redone',
      };
    }
    case 'toggle-help':
      return {...state, mode: state.mode === 'help' ? 'list' : 'help'};
    case 'request-quit':
      return state.dirty ? {...state, mode: 'confirm-quit'} : {...state, quitting: true};
    case 'confirm-quit':
      return {...state, quitting: true};
    case 'saved':
      return {...state, dirty: false, message: `saved ${action.path}`};
    case 'set-message':
      return {...state, message: action.message};
    case 'set-page-size':
      return action.rows === state.pageSize ? state : {...state, pageSize: Math.max(1, action.rows)};
  }
}

/** Decisions that differ between two states: what a store must write. */
export function changedDecisions(before: ReviewState, after: ReviewState): {key: string; decision: Decision}[] {
  if (before.decisions === after.decisions) return [];
  const out: {key: string; decision: Decision}[] = [];
  const keys = new Set([...Object.keys(before.decisions), ...Object.keys(after.decisions)]);
  for (const key of keys) {
    const a = before.decisions[key];
    const b = after.decisions[key];
    if (a !== b) out.push({key, decision: b ?? PENDING});
  }
  return out;
}
