import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {JsonFileDecisionStore, openDecisionStore, STATE_FILE_NAME} from '../../src/review/state-file.js';
import {ConfDecisionStore} from '../../src/review/store.js';
import {runPyvet, tmpProject} from '../helpers/cli.js';
import {fixture} from '../helpers/paths.js';
import {tmpDir, useTempConfig} from '../helpers/tmp.js';

const A = 'aaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbb';
const C = 'cccccccccccccccc';

describe('state file (JsonFileDecisionStore)', () => {
  test('keyed by project-relative path: no absolute path in the file, sorted for clean diffs', () => {
    const root = tmpDir('pyvet-state-');
    const file = path.join(root, STATE_FILE_NAME);
    const store = new JsonFileDecisionStore(file, root);
    assert.equal(fs.existsSync(file), false, 'created on the first decision');
    store.put(path.join(root, 'src', 'b.py'), B, {kind: 'dismissed', reason: 'test-only', note: 'fixture'}, {checkId: 'B101', line: 9});
    store.put(path.join(root, 'src', 'b.py'), A, {kind: 'accepted'}, {checkId: 'B602', line: 3});
    store.put(path.join(root, 'a.py'), C, {kind: 'accepted', note: 'fix in #12'}, {checkId: 'B602', line: 7});
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(!text.includes(root), 'the file does not depend on where the project is');
    const data = JSON.parse(text);
    assert.equal(data.version, 1);
    assert.deepEqual(Object.keys(data.files), ['a.py', 'src/b.py']);
    assert.deepEqual(Object.keys(data.files['src/b.py']), [A, B]);
    assert.equal(data.files['src/b.py'][B].reason, 'test-only');
    assert.equal(data.files['src/b.py'][B].note, 'fixture');
    assert.equal(data.files['src/b.py'][B].checkId, 'B101');

    // The same project somewhere else reads the same decisions.
    const moved = tmpDir('pyvet-state-moved-');
    fs.copyFileSync(file, path.join(moved, STATE_FILE_NAME));
    const there = new JsonFileDecisionStore(path.join(moved, STATE_FILE_NAME), moved);
    assert.deepEqual(Object.keys(there.load(path.join(moved, 'src', 'b.py'))).sort(), [A, B]);
    assert.equal(there.load(path.join(moved, 'a.py'))[C]!.note, 'fix in #12');

    // Back to pending without a note removes the entry, and an empty file entry.
    store.put(path.join(root, 'a.py'), C, {kind: 'pending'}, {checkId: 'B602', line: 7});
    assert.deepEqual(Object.keys(JSON.parse(fs.readFileSync(file, 'utf8')).files), ['src/b.py']);
  });

  test('the same content as the user store', () => {
    useTempConfig();
    const root = tmpDir('pyvet-state-');
    const json = new JsonFileDecisionStore(path.join(root, 'state.json'), root);
    const conf = new ConfDecisionStore();
    const abs = path.join(root, 'app.py');
    for (const store of [json, conf]) {
      store.put(abs, A, {kind: 'dismissed', reason: 'acceptable-risk', note: 'internal only'}, {checkId: 'B602', line: 6});
    }
    const strip = (d: Record<string, unknown>) => ({...d, updated: undefined});
    assert.deepEqual(strip(json.load(abs)[A]! as unknown as Record<string, unknown>), strip(conf.load(abs)[A]! as unknown as Record<string, unknown>));
  });

  test('two processes writing the same file keep each other\'s decisions', () => {
    const root = tmpDir('pyvet-state-');
    const file = path.join(root, STATE_FILE_NAME);
    const one = new JsonFileDecisionStore(file, root);
    const two = new JsonFileDecisionStore(file, root);
    const abs = path.join(root, 'app.py');
    one.load(abs); // both have read the (empty) file
    two.load(abs);
    one.put(abs, A, {kind: 'accepted'}, {checkId: 'B602', line: 1});
    two.put(abs, B, {kind: 'dismissed', reason: 'wont-fix'}, {checkId: 'B602', line: 2});
    one.put(path.join(root, 'other.py'), C, {kind: 'accepted'}, {checkId: 'B101', line: 3});
    assert.deepEqual(Object.keys(one.load(abs)).sort(), [A, B]);
    assert.deepEqual(Object.keys(new JsonFileDecisionStore(file, root).load(abs)).sort(), [A, B]);
    assert.deepEqual(Object.keys(two.load(path.join(root, 'other.py'))), [C]);
  });

  test('a corrupt file is moved aside with a message and a fresh one begins', () => {
    const root = tmpDir('pyvet-state-');
    const file = path.join(root, STATE_FILE_NAME);
    fs.writeFileSync(file, '{"version": 1, "files": {"app.py": ');
    const messages: string[] = [];
    const store = new JsonFileDecisionStore(file, root, m => messages.push(m));
    assert.equal(messages.length, 1);
    assert.match(messages[0]!, /could not be read .*moved it to .*\.pyvet-review\.json\.corrupt-/);
    const aside = fs.readdirSync(root).filter(f => f.startsWith(`${STATE_FILE_NAME}.corrupt-`));
    assert.equal(aside.length, 1);
    assert.equal(fs.readFileSync(path.join(root, aside[0]!), 'utf8'), '{"version": 1, "files": {"app.py": ');
    store.put(path.join(root, 'app.py'), A, {kind: 'accepted'}, {checkId: 'B602', line: 1});
    assert.equal(store.load(path.join(root, 'app.py'))[A]!.kind, 'accepted');
    // Not a state file at all (valid JSON of another shape) is corrupt too; entries that are not decisions are dropped.
    fs.writeFileSync(file, '[1, 2]');
    assert.deepEqual(new JsonFileDecisionStore(file, root, m => messages.push(m)).load(path.join(root, 'app.py')), {});
    assert.equal(messages.length, 2);
    fs.writeFileSync(file, JSON.stringify({version: 1, files: {'app.py': {[A]: {kind: 'maybe'}, [B]: {kind: 'accepted'}}}}));
    assert.deepEqual(Object.keys(new JsonFileDecisionStore(file, root).load(path.join(root, 'app.py'))), [B]);
  });

  test('a file from a newer pyvet is left alone', () => {
    const root = tmpDir('pyvet-state-');
    const file = path.join(root, STATE_FILE_NAME);
    fs.writeFileSync(file, JSON.stringify({version: 2, files: {}}));
    assert.throws(() => new JsonFileDecisionStore(file, root), /written by a newer pyvet/);
    assert.ok(fs.existsSync(file));
  });

  test('which store a run uses: --state, else .pyvet-review.json at the project root, else conf', () => {
    useTempConfig();
    const root = tmpDir('pyvet-state-');
    assert.ok(openDecisionStore({root}).store instanceof ConfDecisionStore);
    fs.writeFileSync(path.join(root, STATE_FILE_NAME), '{"version": 1, "files": {}}\n');
    const picked = openDecisionStore({root});
    assert.ok(picked.store instanceof JsonFileDecisionStore);
    assert.equal(picked.store.location, path.join(root, STATE_FILE_NAME));
    const given = openDecisionStore({root, state: 'review/team.json', cwd: root});
    assert.equal(given.store.location, path.join(root, 'review', 'team.json'));
  });
});

describe('scan --format markdown reads the project state file', () => {
  test('.pyvet-review.json at the project root is picked up', () => {
    const conf = tmpDir('pyvet-state-conf-');
    const dir = tmpProject({'app.py': fs.readFileSync(fixture('review', 'app.py'), 'utf8')});
    const json = JSON.parse(runPyvet(['scan', 'app.py', '--select', 'B602', '--format', 'json'], {cwd: dir, conf}).stdout);
    const fp = json.findings[0].fingerprint as string;
    fs.writeFileSync(
      path.join(dir, STATE_FILE_NAME),
      JSON.stringify({version: 1, files: {'app.py': {[fp]: {kind: 'dismissed', reason: 'acceptable-risk', note: 'build host only'}}}}),
    );
    const md = runPyvet(['scan', 'app.py', '--select', 'B602', '--format', 'markdown'], {cwd: dir, conf});
    assert.equal(md.code, 1, md.stderr);
    assert.match(md.stdout, /- \*\*Decision:\*\* dismissed \(acceptable risk\)/);
    assert.match(md.stdout, /\*\*Reviewer's note\.\*\* build host only/);
    // An explicit --state that does not exist yet: a warning, no decisions.
    const none = runPyvet(['scan', 'app.py', '--select', 'B602', '--format', 'markdown', '--state', 'nope.json'], {cwd: dir, conf});
    assert.match(none.stderr, /the review state nope\.json does not exist \(yet\): no decisions are included/);
    assert.match(none.stdout, /review incomplete: 2 of 2 not yet reviewed/);
  });
});
