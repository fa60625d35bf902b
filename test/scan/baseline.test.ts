import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import type {Log} from 'sarif';
import {applyBaseline, parseBaseline} from '../../src/scan/baseline.js';
import {runPyvet, tmpProject} from '../helpers/cli.js';
import {fixture} from '../helpers/paths.js';
import {tmpDir} from '../helpers/tmp.js';

const conf = tmpDir('pyvet-baseline-conf-');
const APP = fs.readFileSync(fixture('review', 'app.py'), 'utf8');

function lines(report: {findings: {line: number; checkId: string}[]}): string[] {
  return report.findings.map(f => `${f.line} ${f.checkId}`);
}

describe('--baseline', () => {
  test('old findings stay baselined when lines move; a duplicated flagged line is new', () => {
    const dir = tmpProject({'app.py': APP});
    const args = ['scan', 'app.py', '--select', 'B101,B602'];
    const first = runPyvet([...args, '--format', 'json', '--output', 'baseline.json'], {cwd: dir, conf});
    assert.equal(first.code, 1, first.stderr);

    // Nothing new: nothing reported, exit 0.
    const same = runPyvet([...args, '--baseline', 'baseline.json'], {cwd: dir, conf});
    assert.equal(same.code, 0, same.stdout + same.stderr);
    assert.match(same.stdout, /^No findings in 1 file\.$/m);
    assert.match(same.stdout, /^Not shown: 4 in the baseline\.$/m);

    // Lines added above move every finding; the last flagged line is duplicated.
    const edited = APP.split('\n');
    edited.splice(1, 0, 'import os', '', 'LIMIT = 3');
    const flagged = edited.findIndex(l => l.includes('subprocess.call("rm -rf "'));
    edited.splice(flagged + 1, 0, edited[flagged]!);
    fs.writeFileSync(path.join(dir, 'app.py'), edited.join('\n'));

    const r = runPyvet([...args, '--baseline', 'baseline.json', '--format', 'json'], {cwd: dir, conf});
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(lines(JSON.parse(r.stdout)), ['16 B602'], 'only the copy on line 16 is new');
    assert.match(r.stderr, /not shown: 4 in the baseline/);

    // Without the baseline all five are there.
    assert.deepEqual(lines(JSON.parse(runPyvet([...args, '--format', 'json'], {cwd: dir, conf}).stdout)), ['8 B101', '9 B602', '14 B101', '15 B602', '16 B602']);
  });

  test('applies to every format and to the exit status', () => {
    const dir = tmpProject({'app.py': APP});
    runPyvet(['scan', 'app.py', '--select', 'B602', '--format', 'json', '--output', 'base.json'], {cwd: dir, conf});
    const sarif = runPyvet(['scan', 'app.py', '--select', 'B101,B602', '--format', 'sarif', '--baseline', 'base.json'], {cwd: dir, conf});
    assert.equal(sarif.code, 1, 'B101 findings are new');
    const log = JSON.parse(sarif.stdout) as Log;
    assert.deepEqual(log.runs[0]!.results!.map(r => r.ruleId), ['B101', 'B101']);
    const md = runPyvet(['scan', 'app.py', '--select', 'B602', '--format', 'markdown', '--baseline', 'base.json'], {cwd: dir, conf});
    assert.equal(md.code, 0);
    assert.match(md.stdout, /No findings: nothing to fix\./);
    const onlyHigh = runPyvet(['scan', 'app.py', '--select', 'B602', '--baseline', 'base.json', '--fail-on', 'low'], {cwd: dir, conf});
    assert.equal(onlyHigh.code, 0);
  });

  test('a missing, corrupt or foreign baseline is a clear error (exit 2)', () => {
    const dir = tmpProject({'app.py': APP, 'broken.json': '{"tool": {"name": "pyvet"}, "findings": [', 'other.json': '{"version": "2.1.0", "runs": []}'});
    const missing = runPyvet(['scan', 'app.py', '--baseline', 'nope.json'], {cwd: dir, conf});
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read the baseline nope\.json: no such file or directory/);
    assert.equal(missing.stdout, '', 'nothing is scanned');
    const broken = runPyvet(['scan', 'app.py', '--baseline', 'broken.json'], {cwd: dir, conf});
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /the baseline broken\.json is not valid JSON/);
    const other = runPyvet(['scan', 'app.py', '--baseline', 'other.json'], {cwd: dir, conf});
    assert.equal(other.code, 2);
    assert.match(other.stderr, /the baseline other\.json is not a pyvet JSON report/);
  });
});

describe('baseline matching', () => {
  const report = (fps: string[]) => JSON.stringify({tool: {name: 'pyvet', version: '0'}, findings: fps.map(fingerprint => ({fingerprint}))});
  const A = 'aaaaaaaaaaaaaaaa';
  const B = 'bbbbbbbbbbbbbbbb';

  test('each baseline entry absorbs one finding', () => {
    const baseline = parseBaseline(report([A, A, B]));
    const {kept, known} = applyBaseline([{fingerprint: A}, {fingerprint: B}, {fingerprint: A}, {fingerprint: A}, {fingerprint: B}], baseline);
    assert.deepEqual(known.map(f => f.fingerprint), [A, B, A]);
    assert.deepEqual(kept.map(f => f.fingerprint), [A, B]);
  });

  test('a finding without a fingerprint makes the file unusable', () => {
    assert.throws(() => parseBaseline(report(['xyz'])), /finding 1 has no valid fingerprint/);
  });
});
