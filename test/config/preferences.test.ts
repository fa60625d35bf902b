import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {runPyvet} from '../helpers/cli.js';
import {tmpDir} from '../helpers/tmp.js';

describe('pyvet config', () => {
  test('set, get, list and unset, stored in the conf folder', () => {
    const conf = tmpDir('pyvet-prefs-');
    const cwd = tmpDir('pyvet-prefs-cwd-');
    fs.mkdirSync(path.join(cwd, 'reviews'));
    const run = (...args: string[]) => runPyvet(['config', ...args], {cwd, conf});

    assert.equal(run('get', 'reviewer').code, 1, 'not set');
    assert.equal(run('get', 'reviewer').stdout, '');
    let r = run('list');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^reviewer {5}\(not set: git config user\.name, else the OS user name\)$/m);
    assert.match(r.stdout, /^contextLines {1}\(not set: 2\)$/m);
    assert.equal(run().stdout, r.stdout, 'list is the default');

    assert.equal(run('set', 'reviewer', 'Ada Reviewer').code, 0);
    assert.equal(run('set', 'context-lines', '5').code, 0, 'case and dashes are forgiven');
    r = run('set', 'saveDir', 'reviews');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /saveDir = .*reviews/);

    assert.equal(run('get', 'reviewer').stdout, 'Ada Reviewer\n');
    assert.equal(run('get', 'contextLines').stdout, '5\n');
    assert.equal(run('get', 'saveDir').stdout, `${path.join(fs.realpathSync(cwd), 'reviews')}\n`, 'stored as an absolute path');
    r = run('list');
    assert.match(r.stdout, /^reviewer {5}Ada Reviewer$/m);
    assert.match(r.stdout, new RegExp(`^Stored in ${conf.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*config\\.json$`, 'm'));
    const stored = JSON.parse(fs.readFileSync(path.join(conf, 'config.json'), 'utf8'));
    assert.deepEqual(stored, {reviewer: 'Ada Reviewer', contextLines: 5, saveDir: path.join(fs.realpathSync(cwd), 'reviews')});

    assert.equal(run('unset', 'reviewer').code, 0);
    assert.equal(run('get', 'reviewer').code, 1);
  });

  test('bad keys and values exit 2 with a message, and store nothing', () => {
    const conf = tmpDir('pyvet-prefs-');
    const cwd = tmpDir('pyvet-prefs-cwd-');
    fs.writeFileSync(path.join(cwd, 'file.txt'), '');
    const cases: [string[], RegExp][] = [
      [['set', 'colour', 'red'], /unknown setting 'colour' \(settings: reviewer, contextLines, saveDir\)/],
      [['get', 'nope'], /unknown setting 'nope'/],
      [['set', 'contextLines', '11'], /contextLines: a whole number from 0 to 10, not '11'/],
      [['set', 'contextLines', '-1'], /contextLines: a whole number from 0 to 10/],
      [['set', 'contextLines', '2.5'], /contextLines: a whole number from 0 to 10/],
      [['set', 'saveDir', 'missing'], /saveDir: .*missing does not exist/],
      [['set', 'saveDir', 'file.txt'], /saveDir: .*file\.txt is not a folder/],
      [['set', 'reviewer', '  '], /reviewer: give a name/],
      [['set', 'reviewer', 'Eve\x1b[2J'], /reviewer: a name on one line, without control characters/],
      [['set', 'reviewer'], /missing required argument 'value'/],
    ];
    for (const [args, message] of cases) {
      const r = runPyvet(['config', ...args], {cwd, conf});
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message);
    }
    assert.equal(fs.existsSync(path.join(conf, 'config.json')), false);
  });
});
