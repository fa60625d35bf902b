/**
 * Which files a scan finds and the paths it gives them (paths key the fingerprints and the
 * stored decisions, so they must be distinct and stable), and that worker threads change
 * nothing but the speed.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {checks} from '../../checks/index.js';
import {discover} from '../../src/scan/discover.js';
import {Registry} from '../../src/scan/registry.js';
import {scanPaths} from '../../src/scan/scan.js';
import {ROOT} from '../helpers/paths.js';
import {tmpDir} from '../helpers/tmp.js';

function write(file: string, text = 'x = 1\n'): void {
  fs.mkdirSync(path.dirname(file), {recursive: true});
  fs.writeFileSync(file, text);
}

/** A project (it has .git) that is the working folder of the scan. */
function project(): string {
  const dir = tmpDir('pyvet-proj-');
  fs.mkdirSync(path.join(dir, '.git'));
  return dir;
}

test('a folder outside any project: paths are relative to that folder, so two __init__.py stay apart', () => {
  const cwd = project();
  const outside = tmpDir('pyvet-outside-');
  write(path.join(outside, 'a', '__init__.py'));
  write(path.join(outside, 'b', '__init__.py'));
  write(path.join(outside, 'top.py'));
  const {targets, errors} = discover([outside], {cwd});
  assert.deepEqual(errors, []);
  assert.deepEqual(targets.map(t => t.path).sort(), ['a/__init__.py', 'b/__init__.py', 'top.py']);
});

test('a folder inside another project: paths are relative to that project', () => {
  const cwd = project();
  const other = project();
  write(path.join(other, 'pkg', 'sub', 'mod.py'));
  const {targets} = discover([path.join(other, 'pkg')], {cwd});
  assert.deepEqual(targets.map(t => t.path), ['pkg/sub/mod.py']);
});

test('a folder named on the command line is scanned even when a .gitignore above it ignores it', () => {
  const cwd = project();
  fs.writeFileSync(path.join(cwd, '.gitignore'), 'build/\n*.gen.py\n');
  write(path.join(cwd, 'build', 'out.py'));
  write(path.join(cwd, 'build', 'skip.gen.py'));
  write(path.join(cwd, 'build', 'inner', '.gitignore'), 'local.py\n');
  write(path.join(cwd, 'build', 'inner', 'local.py'));
  write(path.join(cwd, 'build', 'inner', 'kept.py'));
  write(path.join(cwd, 'app.py'));
  // Walking the project: build/ is ignored.
  assert.deepEqual(discover(['.'], {cwd}).targets.map(t => t.path), ['app.py']);
  // Asked for by name: reviewed, with the .gitignore files inside it still honoured.
  assert.deepEqual(discover(['build'], {cwd}).targets.map(t => t.path).sort(), ['build/inner/kept.py', 'build/out.py', 'build/skip.gen.py']);
  // A folder that is not ignored keeps the rules from above it.
  write(path.join(cwd, 'src', 'x.gen.py'));
  write(path.join(cwd, 'src', 'y.py'));
  assert.deepEqual(discover(['src'], {cwd}).targets.map(t => t.path), ['src/y.py']);
});

test('one thread or several: the same files, findings and order', async () => {
  const registry = new Registry(checks);
  const dir = path.join(ROOT, 'test', 'fixtures', 'checks');
  const one = await scanPaths([dir], registry, {jobs: 1});
  const two = await scanPaths([dir], registry, {jobs: 2});
  const three = await scanPaths([dir], registry, {jobs: 3});
  assert.ok(one.files.length > 100, `${one.files.length} files`);
  assert.ok(one.findings.length > 300, `${one.findings.length} findings`);
  const view = (r: typeof one) => JSON.stringify({files: r.files.map(f => [f.path, f.lines, f.findings.map(x => x.fingerprint)]), errors: r.errors});
  assert.equal(view(two), view(one));
  assert.equal(view(three), view(one));
});
