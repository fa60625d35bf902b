/**
 * The review (TUI, in tmux) over bad input: it opens on what can be reviewed, says what
 * could not be read, lists it on exit with exit status 2; large files open and respond.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {BIN, tmpProject} from '../helpers/cli.js';
import {fixture} from '../helpers/paths.js';
import {tmpDir} from '../helpers/tmp.js';
import {assertNoStackTrace, RecordedTerminal} from './support.js';

const PYVET = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)}`;
const GOOD = 'import subprocess\n\n\ndef run(cmd):\n    subprocess.call(cmd, shell=True)\n';

test('review of the bad corpus: opens on the readable files, says what was not read, lists it on exit, status 2', async () => {
  const dir = tmpProject({'good.py': GOOD}, 'pyvet-review-bad-');
  for (const name of fs.readdirSync(fixture('bad'))) if (name.endsWith('.py')) fs.copyFileSync(fixture('bad', name), path.join(dir, name));
  fs.symlinkSync('nowhere.py', path.join(dir, 'dangling.py'));
  const conf = tmpDir('pyvet-review-bad-conf-');
  const term = new RecordedTerminal(`${PYVET} review . 2>&1`, {cwd: dir, env: {PYVET_CONFIG_DIR: conf}, columns: 220, rows: 40});
  let screen = await term.waitFor(/findings: \d+ pending/, 30_000);
  assert.match(screen, /3 paths could not be read \(listed on exit\); 5 warnings about the files \(listed on exit\)/);
  assert.match(screen, /─ good\.py \(2\) ─+\s*│?[^\n]*\n[^\n]*B404 L1 [^\n]*\n[^\n]*B602 L5 /);
  term.send('a');
  await term.waitFor(/1 accepted|✓1 /);
  term.send('q');
  await term.waitFor(/save/i);
  term.send('n');
  screen = await term.waitFor(/\[exit 2\]/);
  for (const line of [
    /^pyvet: image\.py: not Python source: a PNG image$/m,
    /^pyvet: program\.py: not Python source: an ELF binary$/m,
    /^pyvet: dangling\.py: broken symbolic link \(no such file or directory\)$/m,
    /^pyvet: invalid_utf8\.py:3: warning: invalid UTF-8/m,
    /^pyvet: syntax_halfway\.py:9: warning: syntax error/m,
  ]) {
    assert.match(screen, line);
  }
  assertNoStackTrace(screen);
});

test('review of a binary file alone: the reason, "nothing to review", status 2', async () => {
  const dir = tmpProject({}, 'pyvet-review-binary-');
  fs.copyFileSync(fixture('bad', 'image.py'), path.join(dir, 'image.py'));
  const term = new RecordedTerminal(`${PYVET} review image.py 2>&1`, {cwd: dir, env: {PYVET_CONFIG_DIR: tmpDir('pyvet-review-binary-conf-')}});
  const screen = await term.waitFor(/\[exit 2\]/);
  assert.match(screen, /^pyvet: image\.py: not Python source: a PNG image\npyvet: nothing to review$/m);
});

async function timedKey(term: RecordedTerminal, key: string, expect: RegExp): Promise<number> {
  const start = Date.now();
  term.send(key);
  await term.waitFor(expect, 10_000);
  return Date.now() - start;
}

test('a 100,000-line file opens in the review and responds', async () => {
  const lines: string[] = ['import os', ''];
  for (let i = 0; lines.length < 99_990; i++) lines.push(`def handler_${i}(value):`, `    return value * ${i}`, '');
  while (lines.length < 99_999) lines.push('');
  lines.push('os.system(command)');
  const dir = tmpProject({'long.py': `${lines.join('\n')}\nos.system(other)\n`}, 'pyvet-review-long-');
  const term = new RecordedTerminal(`${PYVET} review long.py`, {cwd: dir, env: {PYVET_CONFIG_DIR: tmpDir('pyvet-review-long-conf-')}});
  const start = Date.now();
  await term.waitFor(/2 findings: 2 pending/, 60_000);
  assert.ok(Date.now() - start < 60_000);
  assert.ok((await timedKey(term, 'G', /›· high B605 L100001/)) < 3000);
  const screen = await term.waitFor(/100001 │ os\.system\(other\)/);
  assert.match(screen, /100000 │ os\.system\(command\)/);
  assert.ok((await timedKey(term, 'k', /›· high B605 L100000/)) < 3000);
  term.send('q');
  await term.waitFor(/\[exit 0\]/);
});

test('a file with a 1 MB line opens at once; its lines are cut to the screen, keys respond', async () => {
  const text = `import os\nBLOB = "${'\u4e00'.repeat(1 << 20)}"; os.system(BLOB)\nos.system(other)\n`;
  const dir = tmpProject({'blob.py': text}, 'pyvet-review-blob-');
  const term = new RecordedTerminal(`${PYVET} review blob.py`, {cwd: dir, env: {PYVET_CONFIG_DIR: tmpDir('pyvet-review-blob-conf-')}, columns: 100});
  const start = Date.now();
  let screen = await term.waitFor(/2 findings: 2 pending/, 30_000);
  assert.ok(Date.now() - start < 15_000, `first screen after ${Date.now() - start} ms`);
  assert.match(screen, /2 │ BLOB = "一一一.*…/);
  for (const line of screen.split('\n')) assert.ok([...line].length <= 100, 'no line wider than the terminal');
  assert.ok((await timedKey(term, 'j', /›· high B605 L3/)) < 2000);
  assert.ok((await timedKey(term, 'k', /›· high B605 L2/)) < 2000);
  screen = term.screen();
  term.send('q');
  await term.waitFor(/\[exit 0\]/);
});
