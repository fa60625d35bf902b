/**
 * Bad input never crashes pyvet or makes it lie. The small inputs are files in
 * test/fixtures/bad/ (binary, broken encodings, odd line endings, syntax errors, Python 2);
 * links, permissions and the large inputs are made here. For each: `scan` gives one clear
 * line for what cannot be read, reviews every other file, exits as DESIGN.md says, and
 * never shows a stack trace; memory and time stay bounded.
 */
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, test} from 'node:test';
import {BIN, tmpProject} from '../helpers/cli.js';
import {fixture} from '../helpers/paths.js';
import {tmpDir} from '../helpers/tmp.js';
import {assertNoStackTrace, pyvet} from './support.js';

const CONF = tmpDir('pyvet-bad-conf-');
const BAD = fixture('bad');

/** A file every project below also holds: its finding shows that the rest was reviewed. */
const GOOD = 'import subprocess\n\n\ndef run(cmd):\n    subprocess.call(cmd, shell=True)\n';

interface Expectation {
  /** `line id` of each unsuppressed finding. */
  readonly findings: readonly string[];
  readonly lines?: number;
  readonly parseErrors?: number;
  /** `line: pattern` of each warning. */
  readonly warnings?: readonly [number, RegExp][];
}

/** Files that are reviewed, whatever is odd about them. */
const REVIEWED: Readonly<Record<string, Expectation>> = {
  'empty.py': {findings: [], lines: 0},
  'bom.py': {findings: ['5 B605'], lines: 5},
  'crlf.py': {findings: ['5 B605'], lines: 5},
  'lone_cr.py': {findings: ['5 B605'], lines: 5},
  'tabs.py': {findings: ['6 B605'], lines: 6},
  'form_feed.py': {findings: ['5 B605'], lines: 8},
  'invalid_utf8.py': {findings: ['6 B605'], warnings: [[3, /^invalid UTF-8 \(byte 75\); undecodable bytes are shown as U\+FFFD$/]]},
  'latin1_cookie.py': {findings: ['8 B605']},
  'unknown_cookie.py': {findings: ['6 B605'], warnings: [[1, /^unknown encoding 'klingon-8' in the coding declaration; read as UTF-8$/]]},
  'syntax_halfway.py': {findings: ['2 B404', '6 B605', '14 B602'], parseErrors: 1, warnings: [[9, /^syntax error: the code that does not parse here is not checked/]]},
  'python2.py': {findings: ['7 B605']},
  'utf7_cookie.py': {findings: ['4 B605'], warnings: [[1, /coding declaration 'utf-7' makes Python rewrite the text/]]},
  'unicode_escape_cookie.py': {findings: ['4 B605'], warnings: [[1, /coding declaration 'unicode_escape' makes Python rewrite the text/]]},
  'good.py': {findings: ['1 B404', '5 B602']},
};

/** Paths that cannot be reviewed, and the message for each. */
const UNREADABLE: Readonly<Record<string, RegExp>> = {
  'image.py': /^not Python source: a PNG image$/,
  'program.py': /^not Python source: an ELF binary$/,
  'loop_a.py': /^a loop of symbolic links$/,
  'loop_b.py': /^a loop of symbolic links$/,
  'dangling.py': /^broken symbolic link \(no such file or directory\)$/,
  'missing.py': /^no such file or directory$/,
  'caf\ufffd.py': /^its name is not valid UTF-8, which pyvet cannot open \(rename it to review it\)$/,
};

/** The bad corpus in a project of its own (outside test/, so that it is production code). */
function corpus(): string {
  const files: Record<string, string> = {'good.py': GOOD};
  const dir = tmpProject(files, 'pyvet-bad-');
  for (const name of fs.readdirSync(BAD)) if (name.endsWith('.py')) fs.copyFileSync(path.join(BAD, name), path.join(dir, name));
  fs.symlinkSync('loop_b.py', path.join(dir, 'loop_a.py'));
  fs.symlinkSync('loop_a.py', path.join(dir, 'loop_b.py'));
  fs.symlinkSync('gone.py', path.join(dir, 'dangling.py'));
  fs.writeFileSync(Buffer.concat([Buffer.from(`${dir}/caf`), Buffer.from([0xe9]), Buffer.from('.py')]), 'import os\nos.system(x)\n'); // a Latin-1 name
  fs.mkdirSync(path.join(dir, 'pkg'));
  fs.symlinkSync('..', path.join(dir, 'pkg', 'up')); // a folder loop: walked once
  fs.symlinkSync('/', path.join(dir, 'pkg', 'root')); // leaves the project: not walked
  return dir;
}

interface JsonReport {
  files: {path: string; lines: number; parseErrors: number}[];
  findings: {path: string; line: number; column: number; checkId: string; suppressed: boolean}[];
  errors: {path: string; message: string}[];
  warnings: {path: string; line: number; message: string}[];
}

describe('scan of the bad corpus', () => {
  const dir = corpus();
  const json = pyvet(['scan', '.', 'missing.py', '--format', 'json'], {cwd: dir, conf: CONF});
  const report = JSON.parse(json.stdout) as JsonReport;

  test('exit status 2 (files could not be read), and no stack trace', () => {
    assert.equal(json.code, 2, json.stderr);
    assertNoStackTrace(json.stderr);
  });

  test('every readable file is reviewed, with its findings, lines and syntax errors', () => {
    assert.deepEqual(report.files.map(f => f.path).sort(), Object.keys(REVIEWED).sort());
    for (const [name, want] of Object.entries(REVIEWED)) {
      const got = report.findings.filter(f => f.path === name && !f.suppressed).map(f => `${f.line} ${f.checkId}`);
      assert.deepEqual(got, want.findings, name);
      const file = report.files.find(f => f.path === name)!;
      if (want.lines !== undefined) assert.equal(file.lines, want.lines, `${name} lines`);
      assert.equal(file.parseErrors, want.parseErrors ?? 0, `${name} parseErrors`);
    }
  });

  test('warnings say what was odd about a file that was still reviewed', () => {
    const got = report.warnings.map(w => `${w.path}:${w.line}`);
    const want = Object.entries(REVIEWED).flatMap(([name, e]) => (e.warnings ?? []).map(([line]) => `${name}:${line}`));
    assert.deepEqual(got.sort(), want.sort());
    for (const [name, e] of Object.entries(REVIEWED)) {
      for (const [line, pattern] of e.warnings ?? []) {
        const w = report.warnings.find(x => x.path === name && x.line === line)!;
        assert.match(w.message, pattern, name);
      }
    }
  });

  test('each path that cannot be reviewed is an error naming it, with a plain reason', () => {
    assert.deepEqual(report.errors.map(e => e.path).sort(), Object.keys(UNREADABLE).sort());
    for (const e of report.errors) assert.match(e.message, UNREADABLE[e.path]!, e.path);
    // On stderr too (stdout is the report): one line each.
    for (const name of Object.keys(UNREADABLE)) {
      const lines = json.stderr.split('\n').filter(l => l.includes(name));
      assert.equal(lines.length, 1, `${name} on stderr:\n${json.stderr}`);
      assert.match(lines[0]!, new RegExp(`^pyvet: ${name.replace('.', '\\.')}: `));
    }
  });

  test('the text report: one line per unreadable path and per warning, findings of the rest', () => {
    const r = pyvet(['scan', '.', 'missing.py'], {cwd: dir, conf: CONF});
    assert.equal(r.code, 2);
    assertNoStackTrace(r.stdout + r.stderr);
    for (const [name, message] of Object.entries(UNREADABLE)) {
      const lines = r.stdout.split('\n').filter(l => l.includes(name));
      assert.equal(lines.length, 1, name);
      assert.match(lines[0]!.replace(`error: ${name}: `, ''), message);
    }
    assert.match(r.stdout, /^good\.py:5:\d+: B602 high /m);
    assert.match(r.stdout, /^warning: syntax_halfway\.py:9: syntax error/m);
    assert.match(r.stdout, /^Found \d+ findings .* in 14 files\.$/m);
  });

  test('a binary file named on the command line is "not Python source"; the other file is still scanned', () => {
    const r = pyvet(['scan', 'image.py', 'good.py'], {cwd: dir, conf: CONF});
    assert.equal(r.code, 2);
    assert.match(r.stdout, /^error: image\.py: not Python source: a PNG image$/m);
    assert.match(r.stdout, /^good\.py:5:\d+: B602 /m);
  });

  test('exit status: 1 for findings, 0 with --fail-on none, 2 whenever a path could not be read', () => {
    assert.equal(pyvet(['scan', 'bom.py'], {cwd: dir, conf: CONF}).code, 1);
    assert.equal(pyvet(['scan', 'bom.py', '--fail-on', 'none'], {cwd: dir, conf: CONF}).code, 0);
    assert.equal(pyvet(['scan', 'empty.py'], {cwd: dir, conf: CONF}).code, 0);
    assert.equal(pyvet(['scan', 'bom.py', 'program.py', '--fail-on', 'none'], {cwd: dir, conf: CONF}).code, 2);
    assert.equal(pyvet(['scan', 'missing.py'], {cwd: dir, conf: CONF}).code, 2);
  });

  test('a named pipe and a device given as paths are refused at once, not read forever', {skip: process.platform === 'win32'}, () => {
    const fifo = path.join(dir, 'pipe.py');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const r = pyvet(['scan', 'pipe.py', '/dev/zero', 'good.py'], {cwd: dir, conf: CONF, timeoutMs: 30_000});
    fs.rmSync(fifo);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stdout, /^error: pipe\.py: not a regular file \(a named pipe\)$/m);
    assert.match(r.stdout, /^error: .*zero: not a regular file \(a device\)$/m);
    assert.match(r.stdout, /^good\.py:5:\d+: B602 /m);
  });
});

describe('a file without read permission', () => {
  // root reads everything: run pyvet as nobody then (setpriv), else skip.
  const root = process.getuid?.() === 0;
  const setpriv = root && spawnSync('setpriv', ['--version']).status === 0;
  test('is one error line; the rest is reviewed', {skip: root && !setpriv ? 'running as root without setpriv' : false}, () => {
    const dir = tmpProject({'good.py': GOOD, 'secret.py': 'import os\nos.system(x)\n', 'locked/inner.py': 'x = 1\n'}, 'pyvet-perm-');
    fs.chmodSync(path.join(dir, 'secret.py'), 0o000);
    fs.chmodSync(path.join(dir, 'locked'), 0o000);
    const conf = tmpDir('pyvet-perm-conf-');
    let r;
    if (root) {
      // nobody must be able to reach the project and the conf folder.
      for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) {
        if (d === os.tmpdir() || d === '/') break;
        fs.chmodSync(d, 0o755);
      }
      fs.chmodSync(conf, 0o777);
      const out = spawnSync(
        'setpriv',
        ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, 'scan', '.'],
        {cwd: dir, encoding: 'utf8', env: {...process.env, PYVET_CONFIG_DIR: conf, NO_COLOR: '1', HOME: conf}},
      );
      r = {code: out.status, stdout: out.stdout, stderr: out.stderr};
    } else {
      r = pyvet(['scan', '.'], {cwd: dir, conf});
    }
    fs.chmodSync(path.join(dir, 'locked'), 0o755);
    assert.equal(r.code, 2, r.stderr);
    assertNoStackTrace(r.stdout + r.stderr);
    assert.match(r.stdout, /^error: secret\.py: permission denied$/m);
    assert.match(r.stdout, /^error: locked: permission denied$/m);
    assert.match(r.stdout, /^good\.py:5:\d+: B602 /m);
  });
});

/** Realistic code of about `bytes` bytes, made of the clean corpus with renamed definitions. */
function bigSource(bytes: number): string {
  const clean = fixture('clean');
  const chunks = fs
    .readdirSync(clean)
    .filter(f => f.endsWith('.py'))
    .sort()
    .map(f => fs.readFileSync(path.join(clean, f), 'utf8'));
  const parts: string[] = [];
  let size = 0;
  for (let n = 0; size < bytes; n++) {
    const chunk = chunks[n % chunks.length]!.replace(/^(\s*)(def|class) (\w+)/gm, (_m, ind: string, kw: string, name: string) => `${ind}${kw} ${name}_${n}`);
    parts.push(chunk);
    size += chunk.length + 1;
  }
  return parts.join('\n');
}

const FINAL = 'import subprocess\nsubprocess.call(user_command, shell=True)\n';

function linesIn(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

describe('large inputs: bounded memory and time', () => {
  test('a 20 MB file', () => {
    const text = `${bigSource(20 * 1024 * 1024)}\n${FINAL}`;
    const dir = tmpProject({'huge.py': text, 'good.py': GOOD}, 'pyvet-huge-');
    const r = pyvet(['scan', '.', '--format', 'json'], {cwd: dir, conf: CONF});
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as JsonReport;
    const last = linesIn(text);
    assert.ok(report.findings.some(f => f.path === 'huge.py' && f.line === last && f.checkId === 'B602'), 'the finding at the end of the file');
    assert.ok(report.findings.some(f => f.path === 'good.py'));
    // Measured: about 20 s and 1.8 GB, most of it tree-sitter's tree (40 bytes per byte of source).
    assert.ok(r.peakMB < 3000, `peak memory ${Math.round(r.peakMB)} MB`);
    assert.ok(r.seconds < 150, `${r.seconds} s`);
  });

  test('a file over the size limit is refused with its size; the rest is reviewed', () => {
    const dir = tmpProject({'good.py': GOOD}, 'pyvet-toolarge-');
    const fd = fs.openSync(path.join(dir, 'vast.py'), 'w');
    fs.ftruncateSync(fd, 60 * 1024 * 1024); // sparse: costs no disk
    fs.closeSync(fd);
    const r = pyvet(['scan', '.'], {cwd: dir, conf: CONF});
    assert.equal(r.code, 2);
    assert.match(r.stdout, /^error: vast\.py: file too large \(60 MB; pyvet reads files up to 50 MB\)$/m);
    assert.match(r.stdout, /^good\.py:5:\d+: B602 /m);
    assert.ok(r.peakMB < 400, `peak memory ${Math.round(r.peakMB)} MB`);
  });

  test('a 100,000-line file', () => {
    const lines: string[] = ['import os', ''];
    for (let i = 0; lines.length < 99_990; i++) {
      lines.push(`def handler_${i}(request, value):`, `    total = value * ${i} + len(request.args)`, `    return {"id": ${i}, "total": total}`, '');
    }
    while (lines.length < 99_999) lines.push('');
    lines.push('os.system(command)');
    const dir = tmpProject({'long.py': `${lines.join('\n')}\n`}, 'pyvet-long-');
    const r = pyvet(['scan', 'long.py', '--format', 'json'], {cwd: dir, conf: CONF});
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(report.files, [{path: 'long.py', lines: 100_000, parseErrors: 0}]);
    assert.deepEqual(report.findings.map(f => `${f.line} ${f.checkId}`), ['100000 B605']);
    assert.ok(r.peakMB < 800, `peak memory ${Math.round(r.peakMB)} MB`);
    assert.ok(r.seconds < 60, `${r.seconds} s`);
  });

  test('a 1 MB line', () => {
    const text = `import os\nBLOB = "${'x'.repeat(1 << 20)}"\nos.system(BLOB)\n`;
    const dir = tmpProject({'blob.py': text}, 'pyvet-blob-');
    const r = pyvet(['scan', 'blob.py'], {cwd: dir, conf: CONF});
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^blob\.py:3:1: B605 /m);
    assert.ok(r.seconds < 20, `${r.seconds} s`);
    assert.ok(r.peakMB < 500, `peak memory ${Math.round(r.peakMB)} MB`);
  });

  test('a folder of 20,000 files', () => {
    const dir = tmpProject({}, 'pyvet-many-');
    for (let i = 0; i < 20_000; i++) {
      const risky = i % 1000 === 0 ? 'import os\nos.system(cmd)\n' : '';
      fs.writeFileSync(path.join(dir, `m${String(i).padStart(5, '0')}.py`), `def f${i}(x):\n    return x + ${i}\n${risky}`);
    }
    const r = pyvet(['scan', '.', '--format', 'json'], {cwd: dir, conf: CONF});
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.equal(report.files.length, 20_000);
    assert.equal(report.findings.filter(f => f.checkId === 'B605').length, 20);
    assert.ok(r.peakMB < 1000, `peak memory ${Math.round(r.peakMB)} MB`);
    assert.ok(r.seconds < 120, `${r.seconds} s`);
  });
});

describe('deep nesting', () => {
  test('1,000 levels of brackets, calls, lists, dicts, lambdas and conditionals: no overflow, findings still found', () => {
    const N = 1000;
    const body = [
      'import os, pickle, yaml',
      `a = ${'('.repeat(N)}1${')'.repeat(N)}`,
      `b = ${'['.repeat(N)}1${']'.repeat(N)}`,
      `c = ${'{"k": '.repeat(N)}1${'}'.repeat(N)}`,
      `d = ${'str('.repeat(N)}1${')'.repeat(N)}`,
      `e = ${'lambda: '.repeat(N)}1`,
      `f = ${'x if y else '.repeat(N)}1`,
      `g = ${'-'.repeat(N)}1`,
      `h = x${'.attr'.repeat(N)}`,
      `yaml.load(${'open('.repeat(N)}path${')'.repeat(N)})`,
      'def handler(request):',
      `    q = request.args.get("q")${' + q'.repeat(N)}`,
      `    os.system("ls " + ${'('.repeat(N)}q${')'.repeat(N)})`,
      'os.system(command)',
      '',
    ].join('\n');
    const dir = tmpProject({'deep.py': body}, 'pyvet-deep-');
    const r = pyvet(['scan', 'deep.py', '--format', 'json'], {cwd: dir, conf: CONF});
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(report.warnings, [], 'no check failed');
    const ids = report.findings.map(f => `${f.line} ${f.checkId}`);
    for (const want of ['10 B506', '13 B605', '14 B605']) assert.ok(ids.includes(want), `${want} in ${ids.join(', ')}`);
    assert.ok(r.seconds < 60, `${r.seconds} s`);
  });

  test('1,000 nested blocks: refused with a clear message (tree-sitter-python cannot hold them); the rest is reviewed', () => {
    let text = '';
    for (let i = 0; i < 1000; i++) text += `${' '.repeat(i)}if x:\n`;
    text += `${' '.repeat(1000)}y = "text"\n`;
    const dir = tmpProject({'nested.py': text, 'good.py': GOOD}, 'pyvet-blocks-');
    const r = pyvet(['scan', '.'], {cwd: dir, conf: CONF});
    assert.equal(r.code, 2, r.stderr);
    assertNoStackTrace(r.stdout + r.stderr);
    assert.match(r.stdout, /^error: nested\.py: indented too deeply to parse safely \(lines start at more than 380 different indentation widths; CPython itself refuses more than 100 nested blocks\)$/m);
    assert.match(r.stdout, /^good\.py:5:\d+: B602 /m);
  });

  test('100 nested blocks (what CPython allows) are reviewed', () => {
    let text = 'import os\n';
    for (let i = 0; i < 100; i++) text += `${'    '.repeat(i)}if x:\n`;
    text += `${'    '.repeat(100)}os.system(cmd)\n`;
    const dir = tmpProject({'nested.py': text}, 'pyvet-blocks100-');
    const r = pyvet(['scan', 'nested.py'], {cwd: dir, conf: CONF});
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^nested\.py:102:401: B605 /m);
  });
});
