/**
 * The whole loop in a real terminal (tmux, 80×24): open a file, accept one finding,
 * dismiss one with a reason, write a note, save, quit, reopen, see the decisions restored.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {fixture, ROOT} from '../helpers/paths.js';
import {tmpDir} from '../helpers/tmp.js';
import {Terminal} from '../helpers/tmux.js';

test('review in a real terminal: decide, note, save, quit, reopen', async () => {
  const work = tmpDir('pyvet-e2e-');
  const conf = tmpDir('pyvet-e2e-conf-');
  fs.copyFileSync(fixture('review', 'app.py'), path.join(work, 'app.py'));
  // CI=true as on a CI runner: Ink must still draw in a real terminal.
  const env = {PYVET_CONFIG_DIR: conf, SOURCE_DATE_EPOCH: '1795608000', CI: 'true'};
  const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(ROOT, 'bin', 'pyvet.js'))} review app.py --select B101,B602`;

  const term = new Terminal(cmd, {cwd: work, env});
  let screen = await term.waitFor(/4 findings: 4 pending/);
  assert.match(screen, /›· low {2}B101 L5/);
  for (const line of screen.split('\n')) assert.ok(line.length <= 80);

  term.send('a');
  screen = await term.waitFor(/1 accepted/);
  assert.match(screen, /›· high B602 L6/);
  term.send('d');
  await term.waitFor(/Dismiss B602 at line 6 as:/);
  term.send('4');
  screen = await term.waitFor(/1 dismissed/);
  assert.match(screen, / ✗ high B602 L6/);
  term.send('n');
  await term.waitFor(/Enter keep the note/);
  term.send('owner confirmed: paths are fixed', {literal: true});
  term.send('Enter');
  screen = await term.waitFor(/Note: owner confirmed: paths are fixed/);
  term.send('s');
  screen = await term.waitFor(/saved .*app\.review\.md/);
  term.send('q');
  screen = await term.waitFor(/\[exit 0\]/);
  assert.match(screen, /Reviewed app\.py: 1 accepted, 1 dismissed, 2 pending\. Review saved to .*app\.review\.md\./);

  const md = fs.readFileSync(path.join(work, 'app.review.md'), 'utf8');
  assert.match(md, /### B101 assert used for a run-time check — `app\.py:5`\n\n.*\n- \*\*Decision:\*\* accepted — to fix/);
  assert.match(md, /### B602 subprocess call with shell=True — `app\.py:6`\n\n.*\n- \*\*Decision:\*\* dismissed \(test only\)/);
  assert.match(md, /note: owner confirmed: paths are fixed/);
  assert.match(md, /\*\*Date:\*\* 2026-11-25/);
  term.close();

  // Reopen: the decisions and the note are back.
  const again = new Terminal(cmd, {cwd: work, env});
  screen = await again.waitFor(/restored 3 decisions/);
  assert.match(screen, / ✓ low {2}B101 L5/);
  assert.match(screen, / ✗ high B602 L6/);
  assert.match(screen, /2 pending · ✓ 1 accepted · ✗ 1 dismissed/);
  again.send('G');
  screen = await again.waitFor(/›· high B602 L12/);
  again.send('k');
  screen = await again.waitFor(/›· low {2}B101 L11/);
  assert.match(screen, /Note: owner confirmed: paths are fixed/);
  again.send('q');
  await again.waitFor(/\[exit 0\]/);
});
