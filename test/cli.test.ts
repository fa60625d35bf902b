import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {fixture, ROOT} from './helpers/paths.js';
import {tmpDir} from './helpers/tmp.js';

const BIN = path.join(ROOT, 'bin', 'pyvet.js');
const CONF = tmpDir('pyvet-cli-conf-');

function pyvet(args: string[], opts: {cwd?: string; input?: string} = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    input: opts.input ?? '',
    env: {...process.env, PYVET_CONFIG_DIR: CONF, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1795608000'},
  });
  return {code: r.status, stdout: r.stdout, stderr: r.stderr};
}

// A copy outside test/ so that it is production code (test paths lower severities).
const WORK = tmpDir('pyvet-cli-');
const APP = path.join(WORK, 'app.py');
fs.copyFileSync(fixture('review', 'app.py'), APP);

describe('pyvet scan', () => {
  test('JSON report has exactly the documented shape', () => {
    const r = pyvet(['scan', APP, '--select', 'B101,B602', '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(report), ['tool', 'files', 'findings', 'errors', 'warnings']);
    assert.equal(report.tool.name, 'pyvet');
    assert.match(report.tool.version, /^\d+\.\d+\.\d+/);
    assert.deepEqual(report.files, [{path: 'app.py', lines: 12, parseErrors: 0}]);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(
      report.findings.map((f: {line: number; checkId: string}) => `${f.line} ${f.checkId}`),
      ['5 B101', '6 B602', '11 B101', '12 B602'],
    );
    const f = report.findings[1];
    assert.deepEqual(Object.keys(f), [
      'checkId', 'title', 'category', 'severity', 'confidence', 'cwe', 'path', 'line', 'column', 'endLine', 'endColumn',
      'message', 'snippet', 'fingerprint', 'context', 'suppressed',
    ]);
    assert.equal(f.category, 'input');
    assert.equal(f.cwe, 78);
    assert.equal(f.snippet, '    subprocess.run("rsync -a build/ " + target, shell=True)');
    assert.match(f.fingerprint, /^[0-9a-f]{16}$/);
    assert.equal(f.suppressed, false);
  });

  test('exit status: 0 clean, 1 findings at --fail-on, 2 unreadable path (others still reported)', () => {
    const dir = tmpDir();
    const clean = path.join(dir, 'clean.py');
    fs.writeFileSync(clean, 'def add(a, b):\n    return a + b\n');
    assert.equal(pyvet(['scan', clean]).code, 0);
    assert.equal(pyvet(['scan', APP, '--select', 'B101']).code, 1);
    assert.equal(pyvet(['scan', APP, '--select', 'B101', '--fail-on', 'medium']).code, 0, 'B101 is low');
    assert.equal(pyvet(['scan', APP, '--select', 'B101', '--fail-on', 'none']).code, 0);
    const both = pyvet(['scan', APP, path.join(dir, 'missing.py'), '--select', 'B101', '--format', 'json']);
    assert.equal(both.code, 2);
    const report = JSON.parse(both.stdout);
    assert.equal(report.findings.length, 2, 'the readable file is still reported');
    assert.equal(report.errors[0].message, 'no such file or directory');
    assert.match(both.stderr, /missing\.py: no such file or directory/);
  });

  test('--severity and --confidence filter what is reported, not what fails', () => {
    const r = pyvet(['scan', APP, '--select', 'B101,B602', '--severity', 'high', '--format', 'json']);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.findings.map((f: {checkId: string}) => f.checkId), ['B602', 'B602']);
    assert.equal(pyvet(['scan', APP, '--select', 'B101', '--severity', 'high']).code, 1, 'fail-on low still sees B101');
  });

  test('text output names path:line:column, id, severity and message', () => {
    const r = pyvet(['scan', APP, '--select', 'B602']);
    assert.match(r.stdout, /^app\.py:6:\d+: B602 high subprocess\.run runs a command built at run time through a shell$/m);
    assert.match(r.stdout, /^Found 2 findings \(2 high\) in 1 file\.$/m);
  });

  test('markdown to a file', () => {
    const out = path.join(tmpDir(), 'review.md');
    const r = pyvet(['scan', APP, '--select', 'B602', '--format', 'markdown', '--output', out]);
    assert.equal(r.code, 1);
    const md = fs.readFileSync(out, 'utf8');
    assert.match(md, /^# Security review of `app\.py`/);
    assert.match(md, /\*\*Date:\*\* 2026-11-25/);
    assert.match(md, /review incomplete: 2 of 2 not yet reviewed/);
  });

  test('bad usage exits 2 with a message', () => {
    const unknown = pyvet(['scan', APP, '--select', 'B999']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown check id or theme: B999/);
    const badFormat = pyvet(['scan', APP, '--format', 'xml']);
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /xml/);
    for (const jobs of ['0', 'two', '1.5']) {
      const badJobs = pyvet(['scan', APP, '--jobs', jobs]);
      assert.equal(badJobs.code, 2, jobs);
      assert.match(badJobs.stderr, /--jobs .* a whole number from 1 to 256/, jobs);
    }
  });

  test('--jobs 1 and --jobs 2 report the same', () => {
    const dir = fixture('checks');
    const one = pyvet(['scan', dir, '--jobs', '1', '--format', 'json']);
    const two = pyvet(['scan', dir, '-j', '2', '--format', 'json']);
    assert.equal(one.code, 1);
    assert.equal(two.code, 1);
    assert.ok(JSON.parse(one.stdout).findings.length > 300);
    assert.equal(two.stdout, one.stdout);
  });

  test('output piped into a reader that stops early (| head) ends quietly, without a stack trace', () => {
    const cmd = `"${process.execPath}" "${path.join(ROOT, 'bin', 'pyvet.js')}" scan --format json "${fixture('checks')}" | head -c 20`;
    const r = spawnSync('bash', ['-c', cmd], {encoding: 'utf8'});
    assert.equal(r.stdout.length, 20);
    assert.ok(r.stdout.startsWith('{\n  "tool": {'), r.stdout);
    assert.equal(r.stderr, '');
  });
});

describe('pyvet review, checks, explain, --help', () => {
  test('review without a terminal says so and exits 2', () => {
    const r = pyvet(['review', APP]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /review needs an interactive terminal; for scripts and CI use: pyvet scan PATH/);
    assert.equal(pyvet([APP]).code, 2, 'review is the default command');
  });

  test('checks lists the catalogue, as text and JSON', () => {
    const text = pyvet(['checks']);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^B602 {2}input {6}high {4}subprocess call with shell=True$/m);
    const json = JSON.parse(pyvet(['checks', '--format', 'json']).stdout);
    const b602 = json.find((r: {id: string}) => r.id === 'B602');
    assert.deepEqual(b602, {
      id: 'B602', slug: 'subprocess-shell-true', title: 'subprocess call with shell=True', theme: 'input', severity: 'high',
      confidence: 'high', cwe: 78, prodOnly: false, banditName: 'subprocess_popen_with_shell_equals_true',
    });
  });

  test('explain shows what, why, example, fix and CWE; an unknown id exits 2', () => {
    const r = pyvet(['explain', 'b602']);
    assert.equal(r.code, 0);
    for (const h of ['What it finds', 'Why it matters', 'Example', 'Fix', 'CWE-78']) assert.ok(r.stdout.includes(h), h);
    const bad = pyvet(['explain', 'B6020']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /no check B6020/);
  });

  test('--help and --version', () => {
    const help = pyvet(['--help']);
    assert.equal(help.code, 0);
    for (const c of ['review', 'scan', 'checks', 'explain', 'Exit status']) assert.ok(help.stdout.includes(c), c);
    const scanHelp = pyvet(['scan', '--help']);
    for (const o of ['--format', '--output', '--select', '--ignore', '--severity', '--confidence', '--exclude', '--fail-on', '--no-color']) {
      assert.ok(scanHelp.stdout.includes(o), o);
    }
    for (const o of ['--baseline', '--diff', '--state', 'sarif', '[tool.pyvet]', 'per-path-ignores']) assert.ok(scanHelp.stdout.includes(o), o);
    const reviewHelp = pyvet(['review', '--help']);
    for (const o of ['--baseline', '--diff', '--state', '.pyvet-review.json']) assert.ok(reviewHelp.stdout.includes(o), o);
    assert.match(help.stdout, /config .*your preferences: reviewer, contextLines, saveDir/);
    const v = pyvet(['--version']);
    assert.equal(v.code, 0);
    assert.equal(v.stdout.trim(), JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });
});
