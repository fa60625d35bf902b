import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {Finding} from '../../src/model/finding.js';
import {
  changedDecisions,
  counts,
  decisionOf,
  initialState,
  reduce,
  selectedItem,
  visibleItems,
  type ReviewAction,
  type ReviewState,
} from '../../src/review/session.js';

function finding(line: number, checkId = 'B602', severity: Finding['severity'] = 'high'): Finding {
  return {
    checkId,
    title: `title ${checkId}`,
    category: 'input',
    severity,
    confidence: 'high',
    cwe: 78,
    path: 'app.py',
    line,
    column: 1,
    endLine: line,
    endColumn: 10,
    message: `message ${line}`,
    snippet: `code ${line}`,
    fingerprint: `fp${String(line).padStart(14, '0')}`,
    context: 'production',
  };
}

function state(n = 4): ReviewState {
  const file = {path: 'app.py', absPath: '/p/app.py', lines: 100, parseErrors: 0, suppressed: 0};
  const findings = Array.from({length: n}, (_, i) => ({file: 0, finding: finding(10 * (i + 1), i % 2 ? 'B105' : 'B602', i === 3 ? 'low' : 'high')}));
  return initialState({files: [file], findings, pageSize: 2});
}

function run(s: ReviewState, ...actions: ReviewAction[]): ReviewState {
  return actions.reduce(reduce, s);
}

const line = (s: ReviewState) => selectedItem(s)?.finding.line;

describe('review session reducer', () => {
  test('starts on the first finding, all pending', () => {
    const s = state();
    assert.equal(line(s), 10);
    assert.deepEqual(counts(s), {total: 4, pending: 4, accepted: 0, dismissed: 0});
    assert.equal(s.dirty, false);
  });

  test('moves with bounds, by page and to the ends', () => {
    const s = state();
    assert.equal(line(run(s, {type: 'move', by: 1})), 20);
    assert.equal(line(run(s, {type: 'move', by: -1})), 10);
    assert.equal(line(run(s, {type: 'move', by: 99})), 40);
    assert.equal(line(run(s, {type: 'move-to', where: 'last'})), 40);
    assert.equal(line(run(s, {type: 'move-to', where: 'last'}, {type: 'move-to', where: 'first'})), 10);
    // page size 2 moves by one row less than a page, at least 1
    assert.equal(line(run(s, {type: 'move-page', by: 1})), 20);
  });

  test('accept marks the finding and jumps to the next pending one', () => {
    const s = run(state(), {type: 'move', by: 1}, {type: 'accept'});
    assert.equal(decisionOf(s, s.items[1]!.key).kind, 'accepted');
    assert.equal(line(s), 30);
    assert.equal(s.dirty, true);
    // accepting the last pending one wraps to the first pending finding
    const t = run(s, {type: 'move-to', where: 'last'}, {type: 'accept'});
    assert.equal(line(t), 10);
  });

  test('dismiss asks for a reason; Esc cancels without a change', () => {
    const s = run(state(), {type: 'start-dismiss'});
    assert.equal(s.mode, 'dismiss');
    const cancelled = reduce(s, {type: 'cancel'});
    assert.equal(cancelled.mode, 'list');
    assert.equal(decisionOf(cancelled, cancelled.items[0]!.key).kind, 'pending');
    assert.equal(cancelled.past.length, 0);
    const done = reduce(s, {type: 'dismiss', reason: 'acceptable-risk'});
    assert.deepEqual(decisionOf(done, done.items[0]!.key), {kind: 'dismissed', reason: 'acceptable-risk'});
    assert.equal(done.mode, 'list');
    assert.equal(line(done), 20);
  });

  test('reset returns a finding to pending and keeps its note', () => {
    let s = run(state(), {type: 'start-note'}, {type: 'type-text', text: 'see ticket 42'}, {type: 'commit-note'}, {type: 'accept'});
    const key = s.items[0]!.key;
    assert.deepEqual(decisionOf(s, key), {kind: 'accepted', note: 'see ticket 42'});
    s = run(s, {type: 'select', key}, {type: 'reset'});
    assert.deepEqual(decisionOf(s, key), {kind: 'pending', note: 'see ticket 42'});
  });

  test('the note editor types, deletes, keeps on Enter and discards on Esc', () => {
    const s = run(state(), {type: 'start-note'}, {type: 'type-text', text: 'abc'}, {type: 'delete-char'}, {type: 'type-text', text: 'Z'});
    assert.equal(s.draft, 'abZ');
    assert.equal(decisionOf(reduce(s, {type: 'cancel'}), s.items[0]!.key).note, undefined);
    const kept = reduce(s, {type: 'commit-note'});
    assert.equal(decisionOf(kept, s.items[0]!.key).note, 'abZ');
    // editing starts from the existing note; an empty note removes it
    const again = run(kept, {type: 'start-note'});
    assert.equal(again.draft, 'abZ');
    const cleared = run(again, {type: 'edit-draft', text: '  '}, {type: 'commit-note'});
    assert.equal(decisionOf(cleared, s.items[0]!.key).note, undefined);
  });

  test('undo and redo restore decisions and select the finding they changed', () => {
    // accept on line 10 moves to 20, which is then dismissed
    const s = run(state(), {type: 'accept'}, {type: 'start-dismiss'}, {type: 'dismiss', reason: 'false-positive'});
    assert.equal(counts(s).accepted, 1);
    assert.equal(counts(s).dismissed, 1);
    const u1 = reduce(s, {type: 'undo'});
    assert.equal(counts(u1).dismissed, 0);
    assert.equal(line(u1), 20);
    const u2 = reduce(u1, {type: 'undo'});
    assert.equal(counts(u2).accepted, 0);
    assert.equal(line(u2), 10);
    assert.equal(reduce(u2, {type: 'undo'}).message, 'nothing to undo');
    const r1 = reduce(u2, {type: 'redo'});
    assert.equal(counts(r1).accepted, 1);
    assert.equal(line(r1), 10);
    // a new decision after undo clears the redo history
    assert.equal(u1.future.length, 1);
    const branched = reduce(u1, {type: 'accept'});
    assert.equal(branched.future.length, 0);
    assert.equal(reduce(branched, {type: 'redo'}).message, 'nothing to redo');
  });

  test('quit asks for confirmation only when the review changed since the last save', () => {
    assert.equal(reduce(state(), {type: 'request-quit'}).quitting, true);
    const changed = run(state(), {type: 'accept'}, {type: 'request-quit'});
    assert.equal(changed.mode, 'confirm-quit');
    assert.equal(changed.quitting, false);
    assert.equal(reduce(changed, {type: 'cancel'}).mode, 'list');
    assert.equal(reduce(changed, {type: 'confirm-quit'}).quitting, true);
    const saved = run(state(), {type: 'accept'}, {type: 'saved', path: '/tmp/r.md'}, {type: 'request-quit'});
    assert.equal(saved.quitting, true);
    assert.match(run(state(), {type: 'saved', path: '/tmp/r.md'}).message, /saved \/tmp\/r\.md/);
  });

  test('changedDecisions lists exactly what a store must write', () => {
    const a = state();
    const b = run(a, {type: 'accept'});
    assert.deepEqual(changedDecisions(a, b), [{key: a.items[0]!.key, decision: {kind: 'accepted'}}]);
    assert.deepEqual(changedDecisions(b, run(b, {type: 'move', by: 1})), []);
    const c = reduce(b, {type: 'undo'});
    assert.deepEqual(changedDecisions(b, c), [{key: a.items[0]!.key, decision: {kind: 'pending'}}]);
  });

  test('restored decisions are shown and the cursor starts on the first pending finding', () => {
    const base = state();
    const s = initialState({
      files: base.files,
      findings: base.items.map(i => ({file: i.file, finding: i.finding})),
      decisions: {[base.items[0]!.key]: {kind: 'accepted'}},
    });
    assert.equal(line(s), 20);
    assert.equal(counts(s).accepted, 1);
  });

  test('visible items follow the decision and severity filters', () => {
    const s = run(state(), {type: 'accept'});
    const pendingOnly = {...s, filters: {...s.filters, decision: 'pending' as const}};
    assert.deepEqual(visibleItems(pendingOnly).map(i => i.finding.line), [20, 30, 40]);
    const highOnly = {...s, filters: {...s.filters, minSeverity: 'high' as const}};
    assert.deepEqual(visibleItems(highOnly).map(i => i.finding.line), [10, 20, 30]);
  });
});

describe('review session: filters, order, navigation, rescans', () => {
  function multi(): ReviewState {
    const files = [
      {path: 'a.py', absPath: '/p/a.py', lines: 50, parseErrors: 0, suppressed: 0},
      {path: 'b.py', absPath: '/p/b.py', lines: 50, parseErrors: 0, suppressed: 0},
    ];
    const mk = (line: number, checkId: string, severity: Finding['severity'], category: Finding['category']): Finding => ({
      ...finding(line, checkId, severity),
      category,
      path: '',
      fingerprint: `${checkId}${line}`.padEnd(16, '0'),
    });
    return initialState({
      files,
      findings: [
        {file: 1, finding: {...mk(5, 'B105', 'low', 'secrets'), path: 'b.py'}},
        {file: 0, finding: {...mk(30, 'B602', 'high', 'input'), path: 'a.py'}},
        {file: 0, finding: {...mk(10, 'R701', 'medium', 'access'), path: 'a.py'}},
        {file: 1, finding: {...mk(2, 'B602', 'high', 'input'), path: 'b.py'}},
      ],
    });
  }
  const order = (s: ReviewState) => visibleItems(s).map(i => `${i.finding.path}:${i.finding.line}`);

  test('grouped by file in location order by default; severity order and theme grouping on request', () => {
    const s = multi();
    assert.deepEqual(order(s), ['a.py:10', 'a.py:30', 'b.py:2', 'b.py:5']);
    const bySeverity = reduce(s, {type: 'toggle-order'});
    assert.deepEqual(order(bySeverity), ['a.py:30', 'a.py:10', 'b.py:2', 'b.py:5']);
    assert.equal(bySeverity.message, 'sorted by severity');
    const byTheme = reduce(s, {type: 'toggle-grouping'});
    // secrets, access, input (review-checks.md order), by location inside a theme
    assert.deepEqual(order(byTheme), ['b.py:5', 'a.py:10', 'a.py:30', 'b.py:2']);
  });

  test('decision, severity, check and text filters; x clears them; Esc restores the filters of before', () => {
    let s = run(multi(), {type: 'accept'});
    s = reduce(s, {type: 'cycle-decision-filter'});
    assert.equal(s.filters.decision, 'pending');
    assert.deepEqual(order(s), ['a.py:30', 'b.py:2', 'b.py:5']);
    assert.equal(s.message, 'showing pending');
    s = reduce(s, {type: 'cycle-severity-filter'});
    s = reduce(s, {type: 'cycle-severity-filter'});
    assert.equal(s.filters.minSeverity, 'medium');
    assert.deepEqual(order(s), ['a.py:30', 'b.py:2']);
    s = reduce(s, {type: 'clear-filters'});
    assert.deepEqual(order(s), ['a.py:10', 'a.py:30', 'b.py:2', 'b.py:5']);
    s = run(s, {type: 'start-check-filter'}, {type: 'type-text', text: 'secrets, R7'});
    assert.deepEqual(order(s), ['a.py:10', 'b.py:5'], 'a theme and an id prefix, live while typing');
    s = reduce(s, {type: 'commit-note'});
    assert.equal(s.mode, 'list');
    assert.equal(s.filters.check, 'secrets, R7');
    s = run(s, {type: 'start-search'}, {type: 'type-text', text: 'b.py'});
    assert.deepEqual(order(s), ['b.py:5']);
    s = reduce(s, {type: 'cancel'});
    assert.equal(s.filters.text, '');
    assert.deepEqual(order(s), ['a.py:10', 'b.py:5']);
  });

  test('] and [ jump between pending findings; Tab and Shift-Tab between files', () => {
    let s = run(multi(), {type: 'move', by: 1}, {type: 'accept'});
    // a.py:30 accepted, cursor moved on to b.py:2
    s = run(s, {type: 'move-to', where: 'first'}, {type: 'next-pending', by: 1});
    assert.equal(selectedItem(s)?.finding.line, 2);
    s = reduce(s, {type: 'next-pending', by: -1});
    assert.equal(selectedItem(s)?.finding.line, 10);
    s = reduce(s, {type: 'next-file', by: 1});
    assert.equal(selectedItem(s)?.finding.path, 'b.py');
    assert.equal(s.message, 'b.py');
    s = reduce(s, {type: 'next-file', by: 1});
    assert.equal(selectedItem(s)?.finding.path, 'a.py', 'wraps around');
    s = reduce(s, {type: 'next-file', by: -1});
    assert.equal(selectedItem(s)?.finding.path, 'b.py');
  });

  test('a rescanned file keeps decisions by fingerprint and says what is new and gone', () => {
    let s = run(multi(), {type: 'accept'});
    const kept = s.items.find(i => i.finding.path === 'a.py' && i.finding.line === 10)!;
    assert.equal(decisionOf(s, kept.key).kind, 'accepted');
    const moved = {...kept.finding, line: 14};
    const added = {...kept.finding, checkId: 'B101', line: 40, fingerprint: 'ffffffffffffffff'};
    s = reduce(s, {type: 'replace-file', file: 0, findings: [moved, added], lines: 60, parseErrors: 0, suppressed: 0});
    assert.equal(s.message, 'rescanned a.py: 1 new, 1 gone');
    assert.deepEqual(order(s), ['a.py:14', 'a.py:40', 'b.py:2', 'b.py:5']);
    assert.equal(decisionOf(s, kept.key).kind, 'accepted', 'the decision follows the fingerprint to its new line');
    assert.equal(s.files[0]!.lines, 60);
  });

  test('zoom toggles', () => {
    const s = reduce(multi(), {type: 'toggle-zoom'});
    assert.equal(s.zoom, true);
    assert.equal(reduce(s, {type: 'toggle-zoom'}).zoom, false);
  });
});
