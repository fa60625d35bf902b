import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {parseUnifiedDiff, unquoteGitPath} from '../../src/scan/git-diff.js';
import {runPyvet, tmpProject} from '../helpers/cli.js';
import {fixture} from '../helpers/paths.js';
import {tmpDir} from '../helpers/tmp.js';

const conf = tmpDir('pyvet-diff-conf-');
const APP = fs.readFileSync(fixture('review', 'app.py'), 'utf8');

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
}

/** A git repository with app.py committed (pyvet's project root is the repository). */
function repo(): string {
  const dir = tmpProject({'app.py': APP, 'lib/util.py': 'import subprocess\n\n\ndef ls(d):\n    subprocess.run("ls " + d, shell=True)\n'});
  git(dir, 'init', '-q');
  git(dir, 'config', 'user.name', 'Test');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'commit.gpgsign', 'false');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'first');
  return dir;
}

function found(stdout: string): string[] {
  return (JSON.parse(stdout) as {findings: {path: string; line: number; checkId: string}[]}).findings.map(f => `${f.path}:${f.line} ${f.checkId}`);
}

describe('--diff REV', () => {
  test('only findings on lines changed since the revision, untracked files entirely', () => {
    const dir = repo();
    const args = ['scan', '.', '--select', 'B101,B602', '--format', 'json', '--diff', 'HEAD'];
    // Nothing changed yet.
    let r = runPyvet(args, {cwd: dir, conf});
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(found(r.stdout), []);

    // Modify one flagged line, add lines above another (which does not change it), stage one change.
    const lines = APP.split('\n');
    lines[11] = '    subprocess.call("rm -rf /srv/" + path, shell=True)';
    lines.splice(3, 0, '# deploy helpers');
    fs.writeFileSync(path.join(dir, 'app.py'), lines.join('\n'));
    fs.appendFileSync(path.join(dir, 'lib/util.py'), '\n\ndef cat(f):\n    assert f\n    subprocess.run("cat " + f, shell=True)\n');
    git(dir, 'add', 'lib/util.py');
    // An untracked file counts as new throughout.
    fs.writeFileSync(path.join(dir, 'new.py'), 'import subprocess\nassert True\nsubprocess.call("x" + y, shell=True)\n');

    r = runPyvet(args, {cwd: dir, conf});
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(found(r.stdout), ['app.py:13 B602', 'lib/util.py:9 B101', 'lib/util.py:10 B602', 'new.py:2 B101', 'new.py:3 B602']);
    assert.match(r.stderr, /not shown: 4 on lines unchanged since HEAD/);

    // The text report says what it left out.
    const text = runPyvet(['scan', '.', '--select', 'B101,B602', '--diff', 'HEAD'], {cwd: dir, conf});
    assert.match(text.stdout, /^Not shown: 4 on lines unchanged since HEAD\.$/m);

    // Once committed, HEAD~1 still sees the changes and HEAD sees none.
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'second');
    assert.equal(found(runPyvet([...args.slice(0, -1), 'HEAD~1'], {cwd: dir, conf}).stdout).length, 5);
    assert.deepEqual(found(runPyvet(args, {cwd: dir, conf}).stdout), []);
  });

  test('a change on any flagged line of a multi-line finding counts', () => {
    const dir = repo();
    const before = 'import subprocess\nsubprocess.run(\n    "ls",\n    shell=True,\n)\nsubprocess.run(\n    "ls " + d,\n    shell=True,\n)\n';
    fs.writeFileSync(path.join(dir, 'multi.py'), before);
    git(dir, 'add', 'multi.py');
    git(dir, 'commit', '-q', '-m', 'multi');
    // Only the command changes, above the reported shell= line; the second call is untouched.
    fs.writeFileSync(path.join(dir, 'multi.py'), before.replace('"ls",', '"ls " + d,'));
    const r = runPyvet(['scan', 'multi.py', '--select', 'B602', '--format', 'json', '--diff', 'HEAD'], {cwd: dir, conf});
    assert.deepEqual(found(r.stdout), ['multi.py:4 B602']);
  });

  test('not a git repository, or an unknown revision: exit 2 with a message', () => {
    const plain = tmpProject({'app.py': APP});
    const outside = runPyvet(['scan', 'app.py', '--diff', 'HEAD'], {cwd: plain, conf, env: {GIT_CEILING_DIRECTORIES: path.dirname(plain)}});
    assert.equal(outside.code, 2);
    assert.match(outside.stderr, /--diff needs a git repository, and .* is not in one/);
    const dir = repo();
    const unknown = runPyvet(['scan', 'app.py', '--diff', 'no-such-branch'], {cwd: dir, conf});
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--diff: unknown git revision 'no-such-branch'/);
    const option = runPyvet(['scan', 'app.py', '--diff=--output=/tmp/x'], {cwd: dir, conf});
    assert.equal(option.code, 2);
    assert.match(option.stderr, /is not a git revision/);
  });
});

describe('diff parsing', () => {
  test('added and modified lines per file; deletions add nothing', () => {
    const diff = [
      'diff --git a/app.py b/app.py',
      '--- a/app.py',
      '+++ b/app.py',
      '@@ -3,0 +4 @@ x',
      '+# new',
      '@@ -12 +13 @@ def cleanup(path):',
      '-old',
      '+new',
      '@@ -20,2 +21,0 @@',
      '-gone',
      '-gone',
      '@@ -30,1 +30,3 @@',
      'diff --git a/gone.py b/gone.py',
      '--- a/gone.py',
      '+++ /dev/null',
      '@@ -1,2 +0,0 @@',
      'diff --git "a/sp ace\\303\\251.py" "b/sp ace\\303\\251.py"',
      '+++ "b/sp ace\\303\\251.py"',
      '@@ -1 +1 @@',
    ].join('\n');
    const changed = parseUnifiedDiff(diff);
    assert.deepEqual([...changed.keys()], ['app.py', 'sp aceé.py']);
    assert.deepEqual([...changed.get('app.py')!], [4, 13, 30, 31, 32]);
    assert.deepEqual([...changed.get('sp aceé.py')!], [1]);
  });

  test('git path quoting', () => {
    assert.equal(unquoteGitPath('plain.py'), 'plain.py');
    assert.equal(unquoteGitPath('"tab\\there \\"q\\" \\\\ \\303\\251.py"'), 'tab\there "q" \\ é.py');
  });
});
