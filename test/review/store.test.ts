import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {ConfDecisionStore, readPreferences, openPreferences} from '../../src/review/store.js';
import {useTempConfig} from '../helpers/tmp.js';

describe('decision store (conf in PYVET_CONFIG_DIR)', () => {
  test('stores decisions per file and fingerprint, in the configured folder', () => {
    const dir = useTempConfig();
    const store = new ConfDecisionStore();
    assert.equal(path.dirname(store.location), dir);
    store.put('/p/app.py', 'aaaaaaaaaaaaaaaa', {kind: 'accepted', note: 'fix in #12'}, {checkId: 'B602', line: 7});
    store.put('/p/app.py', 'bbbbbbbbbbbbbbbb', {kind: 'dismissed', reason: 'test-only'}, {checkId: 'B101', line: 9});
    store.put('/p/other.py', 'cccccccccccccccc', {kind: 'accepted'}, {checkId: 'B105', line: 1});
    const again = new ConfDecisionStore();
    const app = again.load('/p/app.py');
    assert.deepEqual(Object.keys(app).sort(), ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb']);
    assert.equal(app.aaaaaaaaaaaaaaaa!.kind, 'accepted');
    assert.equal(app.aaaaaaaaaaaaaaaa!.note, 'fix in #12');
    assert.equal(app.bbbbbbbbbbbbbbbb!.reason, 'test-only');
    assert.deepEqual(Object.keys(again.load('/p/other.py')), ['cccccccccccccccc']);
    // back to pending without a note removes the entry
    again.put('/p/app.py', 'aaaaaaaaaaaaaaaa', {kind: 'pending'}, {checkId: 'B602', line: 7});
    assert.deepEqual(Object.keys(store.load('/p/app.py')), ['bbbbbbbbbbbbbbbb']);
    // the file on disk is JSON a person can read
    const raw = JSON.parse(fs.readFileSync(store.location, 'utf8'));
    assert.equal(raw['/p/app.py'].bbbbbbbbbbbbbbbb.checkId, 'B101');
  });

  test('two processes writing the same file keep each other\'s decisions', () => {
    useTempConfig();
    const a = new ConfDecisionStore();
    const b = new ConfDecisionStore();
    a.put('/p/app.py', '1111111111111111', {kind: 'accepted'}, {checkId: 'B602', line: 1});
    b.put('/p/app.py', '2222222222222222', {kind: 'dismissed', reason: 'wont-fix'}, {checkId: 'B602', line: 2});
    a.put('/p/app.py', '3333333333333333', {kind: 'accepted'}, {checkId: 'B602', line: 3});
    assert.deepEqual(Object.keys(new ConfDecisionStore().load('/p/app.py')).sort(), ['1111111111111111', '2222222222222222', '3333333333333333']);
  });

  test('a corrupt store is moved aside with a message and a fresh one begins', () => {
    const dir = useTempConfig();
    fs.writeFileSync(path.join(dir, 'reviews.json'), '{"/p/app.py": {"x": ');
    const messages: string[] = [];
    const store = new ConfDecisionStore(m => messages.push(m));
    assert.equal(messages.length, 1);
    assert.match(messages[0]!, /could not be read.*moved it to/);
    const aside = fs.readdirSync(dir).filter(f => f.startsWith('reviews.json.corrupt-'));
    assert.equal(aside.length, 1);
    assert.equal(fs.readFileSync(path.join(dir, aside[0]!), 'utf8'), '{"/p/app.py": {"x": ');
    store.put('/p/app.py', '1111111111111111', {kind: 'accepted'}, {checkId: 'B602', line: 1});
    assert.equal(store.load('/p/app.py')['1111111111111111']!.kind, 'accepted');
  });

  test('entries that are not decisions are ignored on load', () => {
    const dir = useTempConfig();
    fs.writeFileSync(
      path.join(dir, 'reviews.json'),
      JSON.stringify({'/p/app.py': {good: {kind: 'dismissed', reason: 'bogus'}, bad: {kind: 'maybe'}, worse: 7}}),
    );
    const loaded = new ConfDecisionStore().load('/p/app.py');
    assert.deepEqual(Object.keys(loaded), ['good']);
    assert.equal(loaded.good!.reason, 'false-positive');
  });

  test('preferences live in their own store', () => {
    useTempConfig();
    assert.deepEqual(readPreferences(), {});
    openPreferences().set('reviewer', 'Ada Reviewer');
    assert.equal(readPreferences().reviewer, 'Ada Reviewer');
  });
});
