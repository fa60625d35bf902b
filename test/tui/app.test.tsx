import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import React from 'react';
import {render} from 'ink-testing-library';
import {App} from '../../components/App.js';
import {ConfDecisionStore} from '../../src/review/store.js';
import {fixture} from '../helpers/paths.js';
import {copyFixture, openReview, registry} from '../helpers/review.js';
import {tmpDir, useTempConfig} from '../helpers/tmp.js';

const tick = (ms = 30) => new Promise(resolve => setTimeout(resolve, ms));
const KEYS = {down: '\u001B[B', up: '\u001B[A', esc: '\u001B', enter: '\r', ctrlR: '\u0012'};

async function type(stdin: {write(s: string): void}, ...keys: string[]) {
  for (const k of keys) {
    stdin.write(k);
    await tick();
  }
}

async function setup() {
  useTempConfig();
  const dir = tmpDir();
  const file = copyFixture(fixture('review', 'app.py'), dir);
  const output = path.join(dir, 'app.review.md');
  const review = openReview([file], {output});
  const ui = render(<App initial={review.state} effects={review.effects} rule={id => registry.rule(id)} size={{columns: 80, rows: 24}} />);
  await tick(); // let Ink subscribe to input
  return {dir, file, output, review, ui};
}

describe('review TUI', () => {
  test('first frame: header counts, the list, the detail with source, the keys', async () => {
    const {ui} = await setup();
    const frame = ui.lastFrame()!;
    assert.match(frame, /pyvet app\.py · 4 findings: 4 pending · ✓ 0 accepted · ✗ 0 dismissed/);
    assert.match(frame, /›· low {2}B101 L5 /);
    assert.match(frame, / · high B602 L6 /);
    assert.match(frame, /▶ 5 │ {5}assert user\.is_admin, "admins only"/);
    assert.match(frame, /low · confidence high · CWE-703 · errors · pending/);
    assert.match(frame, /Why: Python removes assert statements/);
    assert.match(frame, /j next {2}a accept {2}d dismiss/);
    for (const line of frame.split('\n')) assert.ok(line.length <= 80, `line wider than 80: ${line}`);
    assert.ok(frame.split('\n').length <= 24);
    ui.unmount();
  });

  test('accept, dismiss with a reason, note, undo, redo — each stored at once', async () => {
    const {ui, file} = await setup();
    await type(ui.stdin, 'a');
    let frame = ui.lastFrame()!;
    assert.match(frame, / ✓ low {2}B101 L5 /);
    assert.match(frame, /›· high B602 L6 /, 'accept moves to the next pending finding');
    assert.match(frame, /1 accepted/);
    assert.equal(Object.values(new ConfDecisionStore().load(file))[0]!.kind, 'accepted');

    await type(ui.stdin, 'd');
    assert.match(ui.lastFrame()!, /Dismiss B602 at line 6 as:\n1 false positive {2}2 acceptable risk {2}3 won't fix {2}4 test only {2}Esc cancel/);
    await type(ui.stdin, KEYS.esc);
    assert.doesNotMatch(ui.lastFrame()!, /Dismiss B602/);
    await type(ui.stdin, 'd', '2');
    frame = ui.lastFrame()!;
    assert.match(frame, / ✗ high B602 L6 /);
    assert.match(frame, /1 dismissed/);

    await type(ui.stdin, 'n', 'checked', ' with Bob');
    assert.match(ui.lastFrame()!, /Note: checked with Bob/);
    await type(ui.stdin, KEYS.enter);
    assert.match(ui.lastFrame()!, /Note: checked with Bob/, 'the note shows in the detail pane');

    await type(ui.stdin, 'u');
    assert.doesNotMatch(ui.lastFrame()!, /Note: checked with Bob/);
    await type(ui.stdin, KEYS.ctrlR);
    assert.match(ui.lastFrame()!, /Note: checked with Bob/);

    const stored = Object.values(new ConfDecisionStore().load(file)).map(d => `${d.kind}:${d.reason ?? ''}:${d.note ?? ''}`).sort();
    assert.deepEqual(stored, ['accepted::', 'dismissed:acceptable-risk:', 'pending::checked with Bob']);
    ui.unmount();
  });

  test('save writes the Markdown review; quit asks to save only when changed since', async () => {
    const {ui, output} = await setup();
    await type(ui.stdin, 'a', 's');
    assert.match(ui.lastFrame()!, new RegExp(`saved ${output.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const md = fs.readFileSync(output, 'utf8');
    assert.match(md, /^# Security review of `app\.py`/);
    assert.match(md, /### B101 assert used for a run-time check — `app\.py:5`/);
    assert.match(md, /\*\*Decision:\*\* accepted — to fix/);
    assert.match(md, /\*\*Reviewer:\*\* Test Reviewer/);

    await type(ui.stdin, 'a', 'q');
    assert.match(ui.lastFrame()!, /Unsaved changes\. Save the review before quitting\?/);
    assert.match(ui.lastFrame()!, /y save and quit {2}n quit without saving {2}Esc\/c keep reviewing/);
    await type(ui.stdin, 'y');
    assert.match(fs.readFileSync(output, 'utf8'), /\| Accepted \(to fix\) \| 1 \| 0 \| 1 \| 0 \| 2 \|/);
    ui.unmount();
  });

  test('the help screen lists every key and closes with ?', async () => {
    const {ui} = await setup();
    await type(ui.stdin, '?');
    const frame = ui.lastFrame()!;
    for (const label of ['next finding', 'accept (a problem to fix)', 'dismiss with a reason', 'back to pending', 'write or edit the note', 'undo', 'redo', 'save the Markdown review', 'quit (asks to save)', 'page down', 'false positive', 'keep the note']) {
      assert.ok(frame.includes(label), `help shows "${label}"`);
    }
    assert.ok(frame.split('\n').length <= 24);
    // At 80×24 everything fits, the title intact (an overflowing screen garbled its first line).
    assert.match(frame.split('\n')[0]!, /^pyvet keys — \? or Esc closes this screen/);
    assert.ok(frame.includes('keep reviewing') && frame.includes('Ctrl-c quits at once'));
    await type(ui.stdin, '?');
    assert.match(ui.lastFrame()!, /j next/);
    ui.unmount();
  });

  test('moving with j/k/G/g and arrows changes the detail', async () => {
    const {ui} = await setup();
    await type(ui.stdin, 'G');
    assert.match(ui.lastFrame()!, /›· high B602 L12/);
    assert.match(ui.lastFrame()!, /▶ 12 │/);
    await type(ui.stdin, 'k', KEYS.up);
    assert.match(ui.lastFrame()!, /›· high B602 L6/);
    await type(ui.stdin, 'g', KEYS.down, 'j');
    assert.match(ui.lastFrame()!, /›· low {2}B101 L11/);
    ui.unmount();
  });

  test('decisions come back when the file is reopened, even after lines were inserted above', async () => {
    const first = await setup();
    await type(first.ui.stdin, 'a', 'd', '1');
    first.ui.unmount();
    const src = fs.readFileSync(first.file, 'utf8');
    fs.writeFileSync(first.file, `# a new header comment\n"""Docstring."""\n\n${src}`);
    const again = openReview([first.file], {output: first.output});
    assert.equal(again.restored, 2);
    assert.equal(again.stale, 0);
    const ui = render(<App initial={again.state} effects={again.effects} rule={id => registry.rule(id)} size={{columns: 80, rows: 24}} />);
    const frame = ui.lastFrame()!;
    assert.match(frame, / ✓ low {2}B101 L8 /);
    assert.match(frame, / ✗ high B602 L9 /);
    assert.match(frame, /restored 2 decisions/);
    ui.unmount();
    // Change the flagged code: that decision no longer matches and the review says so.
    fs.writeFileSync(first.file, fs.readFileSync(first.file, 'utf8').replace('"admins only"', '"only admins"'));
    const changed = openReview([first.file], {output: first.output});
    assert.equal(changed.restored, 1);
    assert.equal(changed.stale, 1);
    assert.match(changed.state.message, /restored 1 decision; 1 stored decision no longer matches a finding/);
  });
});
