import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {parseProjectTable} from '../../src/config/project-config.js';
import {runPyvet, tmpProject} from '../helpers/cli.js';
import {fixture} from '../helpers/paths.js';
import {tmpDir} from '../helpers/tmp.js';

const conf = tmpDir('pyvet-project-conf-');
const APP = fs.readFileSync(fixture('review', 'app.py'), 'utf8');
const SHELL = 'import subprocess\nsubprocess.run("ls " + d, shell=True)\n';

function found(stdout: string): string[] {
  return (JSON.parse(stdout) as {findings: {path: string; line: number; checkId: string}[]}).findings.map(f => `${f.path}:${f.line} ${f.checkId}`);
}

describe('[tool.pyvet] in pyproject.toml', () => {
  test('sets select, severity and fail-on; the command line wins', () => {
    const dir = tmpProject({
      'pyproject.toml': '[project]\nname = "svc"\n\n[tool.pyvet]\nselect = ["B101", "B602"]\nseverity = "high"\nfail-on = "none"\n',
      'app.py': APP,
    });
    let r = runPyvet(['scan', 'app.py', '--format', 'json'], {cwd: dir, conf});
    assert.equal(r.code, 0, 'fail-on none from the file');
    assert.deepEqual(found(r.stdout), ['app.py:6 B602', 'app.py:12 B602'], 'severity high from the file');
    r = runPyvet(['scan', 'app.py', '--format', 'json', '--severity', 'low', '--fail-on', 'high'], {cwd: dir, conf});
    assert.equal(r.code, 1);
    assert.deepEqual(found(r.stdout), ['app.py:5 B101', 'app.py:6 B602', 'app.py:11 B101', 'app.py:12 B602']);
    r = runPyvet(['scan', 'app.py', '--format', 'json', '--select', 'B101', '--severity', 'low'], {cwd: dir, conf});
    assert.deepEqual(found(r.stdout), ['app.py:5 B101', 'app.py:11 B101'], '--select replaces the file\'s select');
  });

  test('ignore and exclude (a comma-separated string works too)', () => {
    const dir = tmpProject({
      'pyproject.toml': '[tool.pyvet]\nignore = "B101"\nexclude = ["build", "gen/*.py"]\n',
      'app.py': APP,
      'build/out.py': SHELL,
      'gen/x.py': SHELL,
      'gen/keep/y.py': SHELL,
    });
    const r = runPyvet(['scan', '.', '--select', 'B101,B602', '--format', 'json'], {cwd: dir, conf});
    assert.deepEqual(found(r.stdout), ['app.py:6 B602', 'app.py:12 B602', 'gen/keep/y.py:2 B602']);
  });

  test('per-path ignores leave checks out for matching files (ids, prefixes or themes)', () => {
    const dir = tmpProject({
      'pyproject.toml': '[tool.pyvet.per-path-ignores]\n"scripts/**" = ["B602"]\n"legacy" = ["input"]\n"app.py" = ["B1"]\n',
      'app.py': APP,
      'scripts/deploy.py': `${SHELL}assert ok\n`,
      'legacy/old.py': SHELL,
      'src/legacy/old.py': SHELL,
      'src/main.py': SHELL,
    });
    const r = runPyvet(['scan', '.', '--select', 'B101,B602', '--format', 'json'], {cwd: dir, conf});
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(found(r.stdout), ['app.py:6 B602', 'app.py:12 B602', 'scripts/deploy.py:3 B101', 'src/main.py:2 B602']);
  });

  test('unknown keys are a warning that names them', () => {
    const dir = tmpProject({'pyproject.toml': '[tool.pyvet]\nfail_on = "high"\ncolour = true\n', 'app.py': APP});
    const r = runPyvet(['scan', 'app.py', '--select', 'B602'], {cwd: dir, conf});
    assert.equal(r.code, 1, 'still scans');
    assert.match(r.stderr, /pyproject\.toml \[tool\.pyvet\]: unknown keys ignored: fail_on \(did you mean fail-on\?\), colour/);
  });

  test('a malformed file or a bad value is a clear error (exit 2)', () => {
    const cases: [string, RegExp][] = [
      ['[tool.pyvet\nselect = 1\n', /pyproject\.toml is not valid TOML: .*\(line 1, column \d+\)/],
      ['[tool.pyvet]\nseverity = "hihg"\n', /pyproject\.toml \[tool\.pyvet\] severity: expected one of high, medium, low, info, got "hihg"/],
      ['[tool.pyvet]\nselect = ["B999"]\n', /pyproject\.toml \[tool\.pyvet\] select: unknown check id or theme: B999/],
      ['[tool.pyvet]\nexclude = 3\n', /pyproject\.toml \[tool\.pyvet\] exclude: expected a list of strings, got 3/],
      ['[tool.pyvet.per-path-ignores]\n"tests/**" = ["B10l"]\n', /per-path-ignores "tests\/\*\*": unknown check id or theme: B10l/],
      ['[tool]\npyvet = "yes"\n', /\[tool\.pyvet\] must be a table/],
    ];
    for (const [toml, message] of cases) {
      const dir = tmpProject({'pyproject.toml': toml, 'app.py': APP});
      const r = runPyvet(['scan', 'app.py'], {cwd: dir, conf});
      assert.equal(r.code, 2, toml);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '', 'nothing is scanned');
    }
  });

  test('a pyproject.toml without [tool.pyvet] changes nothing', () => {
    const dir = tmpProject({'pyproject.toml': '[project]\nname = "x"\n', 'app.py': APP});
    assert.equal(found(runPyvet(['scan', 'app.py', '--select', 'B101,B602', '--format', 'json'], {cwd: dir, conf}).stdout).length, 4);
    // And the project root is found from a sub-folder.
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.pyvet]\nselect = ["B101"]\n');
    const r = runPyvet(['scan', '../app.py', '--format', 'json'], {cwd: path.join(dir, 'sub'), conf});
    assert.deepEqual(found(r.stdout), ['app.py:5 B101', 'app.py:11 B101']);
  });
});

describe('parseProjectTable', () => {
  test('levels are case-insensitive; lists split on commas', () => {
    const {config, warnings} = parseProjectTable({select: ['B1, R7', 'input'], confidence: 'MEDIUM'}, 'x');
    assert.deepEqual(config, {select: ['B1', 'R7', 'input'], confidence: 'medium'});
    assert.deepEqual(warnings, []);
  });
});
