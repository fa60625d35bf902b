/**
 * The review session as a pure reducer: `reduce(state, action) → state`.
 * Decisions are keyed by `absPath \0 fingerprint`; everything the TUI shows derives from
 * this state, and persistence is a side effect of comparing two states (see
 * `changedDecisions`), never done here.
 */
import {
  atLeast,
  DISMISS_REASONS,
  isTheme,
  PENDING,
  SEVERITIES,
  severityRank,
  THEMES,
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
  /** Highlight spans for the excerpts: [start, end, kind, ...]. */
  readonly highlights?: readonly number[];
  readonly suppressed: number;
}

export interface ReviewItem {
  readonly key: string;
  readonly file: number;
  readonly finding: Finding;
}

export type Mode = 'list' | 'dismiss' | 'note' | 'search' | 'check-filter' | 'help' | 'confirm-quit';

export const DECISION_FILTERS = ['all', 'pending', 'accepted', 'dismissed'] as const;
export type DecisionFilter = (typeof DECISION_FILTERS)[number];

/** Minimum severities `v` cycles through (everything, then stricter). */
export const SEVERITY_FILTERS: readonly Severity[] = ['info', 'low', 'medium', 'high'];

export interface Filters {
  readonly decision: DecisionFilter;
  readonly minSeverity: Severity;
  /** Free text: id, title, message, path or code. */
  readonly text: string;
  /** Check ids, id prefixes or themes, comma- or space-separated ('' for all). */
  readonly check: string;
}

export type Grouping = 'file' | 'theme';
export type Ordering = 'location' | 'severity';

export interface ListView {
  readonly group: Grouping;
  readonly order: Ordering;
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
  readonly view: ListView;
  /** The detail pane fills the screen. */
  readonly zoom: boolean;
  /** Filters as they were when a filter prompt opened (Esc restores them). */
  readonly filtersBefore?: Filters;
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
  | {readonly type: 'set-page-size'; readonly rows: number}
  | {readonly type: 'next-pending'; readonly by: 1 | -1}
  | {readonly type: 'next-file'; readonly by: 1 | -1}
  | {readonly type: 'cycle-decision-filter'}
  | {readonly type: 'cycle-severity-filter'}
  | {readonly type: 'start-search'}
  | {readonly type: 'start-check-filter'}
  | {readonly type: 'clear-filters'}
  | {readonly type: 'toggle-grouping'}
  | {readonly type: 'toggle-order'}
  | {readonly type: 'toggle-zoom'}
  | {
      readonly type: 'replace-file';
      readonly file: number;
      readonly findings: readonly Finding[];
      readonly source?: string;
      readonly highlights?: readonly number[];
      readonly lines: number;
      readonly parseErrors: number;
      readonly suppressed: number;
      readonly error?: string;
    };

export const HISTORY_LIMIT = 500;

export const NO_FILTERS: Filters = Object.freeze({decision: 'all', minSeverity: 'info', text: '', check: ''});

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
    filters: NO_FILTERS,
    view: {group: 'file', order: 'location'},
    zoom: false,
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

/** Whether a finding matches a check filter: ids, id prefixes or theme names. */
export function matchesCheckFilter(f: Finding, filter: string): boolean {
  const terms = filter.split(/[\s,]+/).filter(Boolean);
  if (terms.length === 0) return true;
  return terms.some(t => (isTheme(t.toLowerCase()) ? f.category === t.toLowerCase() : f.checkId.startsWith(t.toUpperCase())));
}

function compareLocation(a: ReviewItem, b: ReviewItem): number {
  return a.file - b.file || a.finding.line - b.finding.line || a.finding.column - b.finding.column || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

function compareItems(view: ListView): (a: ReviewItem, b: ReviewItem) => number {
  const bySeverity = (a: ReviewItem, b: ReviewItem) => severityRank(a.finding.severity) - severityRank(b.finding.severity);
  const byTheme = (a: ReviewItem, b: ReviewItem) => THEMES.indexOf(a.finding.category) - THEMES.indexOf(b.finding.category);
  if (view.group === 'file') {
    return view.order === 'severity' ? (a, b) => a.file - b.file || bySeverity(a, b) || compareLocation(a, b) : compareLocation;
  }
  return view.order === 'severity' ? (a, b) => byTheme(a, b) || bySeverity(a, b) || compareLocation(a, b) : (a, b) => byTheme(a, b) || compareLocation(a, b);
}

// The derived lists are memoised on the inputs that affect them, so a key press that only
// moves the cursor costs nothing proportional to the number of findings.
let orderMemo: {items: unknown; view: unknown; out: readonly ReviewItem[]} | null = null;
let memo: {ordered: unknown; decisions: unknown; filters: unknown; out: readonly ReviewItem[]; index: Map<string, number>} | null = null;

function orderedItems(state: ReviewState): readonly ReviewItem[] {
  if (orderMemo && orderMemo.items === state.items && orderMemo.view === state.view) return orderMemo.out;
  const out = [...state.items].sort(compareItems(state.view));
  orderMemo = {items: state.items, view: state.view, out};
  return out;
}

function visible(state: ReviewState): {out: readonly ReviewItem[]; index: Map<string, number>} {
  const ordered = orderedItems(state);
  if (memo && memo.ordered === ordered && memo.decisions === state.decisions && memo.filters === state.filters) return memo;
  const {decision, minSeverity, text, check} = state.filters;
  const needle = text.toLowerCase();
  const out = ordered.filter(i => {
    const f = i.finding;
    if (decision !== 'all' && decisionOf(state, i.key).kind !== decision) return false;
    if (!atLeast(f.severity, minSeverity)) return false;
    if (check && !matchesCheckFilter(f, check)) return false;
    if (needle) {
      const hay = `${f.checkId} ${f.title} ${f.message} ${f.path} ${f.snippet} ${f.category}`.toLowerCase();
      if (!hay.includes(needle)) return false;
    }
    return true;
  });
  const index = new Map<string, number>();
  out.forEach((item, i) => index.set(item.key, i));
  memo = {ordered, decisions: state.decisions, filters: state.filters, out, index};
  return memo;
}

/** The findings the list shows, in display order. */
export function visibleItems(state: ReviewState): readonly ReviewItem[] {
  return visible(state).out;
}

/** Index of the selected item in the visible list (0 when it is hidden or absent). */
export function selectedIndex(state: ReviewState): number {
  return visible(state).index.get(state.selected) ?? 0;
}

export function selectedItem(state: ReviewState): ReviewItem | undefined {
  const v = visible(state);
  const i = v.index.get(state.selected);
  return i === undefined ? v.out[0] : v.out[i];
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
  const list = visibleItems(state);
  if (list.length === 0) return state;
  const i = Math.max(0, Math.min(list.length - 1, index));
  const key = list[i]!.key;
  return key === state.selected && state.message === '' ? state : {...state, selected: key, message: ''};
}

/** The next (or previous) pending finding from the selected one, wrapping; '' when none is left. */
function findPending(state: ReviewState, by: 1 | -1): string {
  const list = visibleItems(state);
  const n = list.length;
  const start = selectedIndex(state);
  for (let step = 1; step <= n; step++) {
    const item = list[(((start + by * step) % n) + n) % n]!;
    if (decisionOf(state, item.key).kind === 'pending') return item.key;
  }
  return '';
}

/** After a decision: the next pending finding, or stay where we are when none is left. */
function nextPending(state: ReviewState): string {
  return findPending(state, 1) || state.selected;
}

/** Keep the selection on a visible finding after the list changed (filters, order, rescans). */
function reselect(state: ReviewState, prefer?: string): ReviewState {
  const v = visible(state);
  const key = prefer && v.index.has(prefer) ? prefer : v.index.has(state.selected) ? state.selected : (v.out[0]?.key ?? '');
  return key === state.selected ? state : {...state, selected: key};
}

function cycle<T>(values: readonly T[], current: T): T {
  return values[(values.indexOf(current) + 1) % values.length]!;
}

function describeFilters(f: Filters): string {
  const parts: string[] = [];
  if (f.decision !== 'all') parts.push(f.decision);
  if (f.minSeverity !== 'info') parts.push(`severity ≥ ${f.minSeverity}`);
  if (f.check) parts.push(`check ${f.check}`);
  if (f.text) parts.push(`"${f.text}"`);
  return parts.length ? `showing ${parts.join(', ')}` : 'showing everything';
}

function withFilters(state: ReviewState, filters: Filters, message = describeFilters(filters)): ReviewState {
  return reselect({...state, filters, message});
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
  if (!state.selected) return undefined;
  const v = visible(state);
  const i = v.index.get(state.selected);
  return i === undefined ? state.items.find(x => x.key === state.selected) : v.out[i];
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
      return editDraft(state, action.text);
    case 'type-text':
      return editDraft(state, state.draft + action.text);
    case 'delete-char':
      return editDraft(state, [...state.draft].slice(0, -1).join(''));
    case 'commit-note': {
      if (state.mode === 'search' || state.mode === 'check-filter') {
        const {filtersBefore: _before, ...rest} = state;
        void _before;
        return {...rest, mode: 'list', draft: '', message: describeFilters(state.filters)};
      }
      const item = current(state);
      if (!item || state.mode !== 'note') return state;
      const d = decisionOf(state, item.key);
      const note = state.draft.trim();
      const {note: _old, ...rest} = d;
      void _old;
      return decide(state, item.key, note ? {...rest, note} : rest);
    }
    case 'cancel': {
      if ((state.mode === 'search' || state.mode === 'check-filter') && state.filtersBefore) {
        const {filtersBefore, ...rest} = state;
        return reselect({...rest, filters: filtersBefore, mode: 'list', draft: '', message: ''});
      }
      return {...state, mode: 'list', draft: '', quitting: false};
    }
    case 'next-pending': {
      const key = findPending(state, action.by);
      return key ? {...state, selected: key, message: ''} : {...state, message: 'no pending finding left in this view'};
    }
    case 'next-file': {
      const list = visibleItems(state);
      const here = current(state);
      if (!here || state.files.length < 2) return {...state, message: state.files.length < 2 ? 'only one file' : ''};
      // The first visible finding of the next file (in file order) that has one.
      const n = state.files.length;
      for (let step = 1; step < n; step++) {
        const target = (((here.file + action.by * step) % n) + n) % n;
        const first = list.find(i => i.file === target);
        if (first) return {...state, selected: first.key, message: state.files[target]!.path};
      }
      return {...state, message: 'no other file has findings in this view'};
    }
    case 'cycle-decision-filter':
      return withFilters(state, {...state.filters, decision: cycle(DECISION_FILTERS, state.filters.decision)});
    case 'cycle-severity-filter':
      return withFilters(state, {...state.filters, minSeverity: cycle(SEVERITY_FILTERS, state.filters.minSeverity)});
    case 'start-search':
      return {...state, mode: 'search', draft: state.filters.text, filtersBefore: state.filters, message: ''};
    case 'start-check-filter':
      return {...state, mode: 'check-filter', draft: state.filters.check, filtersBefore: state.filters, message: ''};
    case 'clear-filters':
      return withFilters(state, NO_FILTERS);
    case 'toggle-grouping': {
      const view: ListView = {...state.view, group: state.view.group === 'file' ? 'theme' : 'file'};
      return reselect({...state, view, message: `grouped by ${view.group}`});
    }
    case 'toggle-order': {
      const view: ListView = {...state.view, order: state.view.order === 'location' ? 'severity' : 'location'};
      return reselect({...state, view, message: `sorted by ${view.order}`});
    }
    case 'toggle-zoom':
      return {...state, zoom: !state.zoom};
    case 'replace-file':
      return replaceFile(state, action);
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

function editDraft(state: ReviewState, draft: string): ReviewState {
  if (state.mode === 'note') return {...state, draft};
  // Search and check filters apply as they are typed.
  if (state.mode === 'search') return reselect({...state, draft, filters: {...state.filters, text: draft}});
  if (state.mode === 'check-filter') return reselect({...state, draft, filters: {...state.filters, check: draft.trim()}});
  return state;
}

/** A file was scanned again (after the editor): its findings change, decisions stay keyed by fingerprint. */
function replaceFile(state: ReviewState, a: Extract<ReviewAction, {type: 'replace-file'}>): ReviewState {
  const file = state.files[a.file];
  if (!file) return state;
  const before = state.items.filter(i => i.file === a.file);
  const oldKeys = new Set(before.map(i => i.key));
  const fresh: ReviewItem[] = a.findings.map(finding => ({key: itemKey(file.absPath, finding.fingerprint), file: a.file, finding}));
  const newKeys = new Set(fresh.map(i => i.key));
  const added = fresh.filter(i => !oldKeys.has(i.key)).length;
  const gone = before.filter(i => !newKeys.has(i.key)).length;
  const items = [...state.items.filter(i => i.file !== a.file), ...fresh];
  const files = state.files.map((f, i) =>
    i === a.file
      ? {
          ...f,
          lines: a.lines,
          parseErrors: a.parseErrors,
          suppressed: a.suppressed,
          ...(a.source !== undefined ? {source: a.source, highlights: a.highlights ?? []} : {}),
          ...(a.error ? {error: a.error} : {}),
        }
      : f,
  );
  const message =
    `rescanned ${file.path}: ` +
    (added || gone ? [added ? `${added} new` : '', gone ? `${gone} gone` : ''].filter(Boolean).join(', ') : 'no change in findings');
  // Stay on the same finding when it survived; else the first new one of that file.
  const firstNew = fresh.find(i => !oldKeys.has(i.key))?.key;
  const prefer = newKeys.has(state.selected) ? state.selected : (firstNew ?? fresh[0]?.key);
  return reselect({...state, items, files, message}, prefer);
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
