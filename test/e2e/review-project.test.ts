/**
 * Reviewing a project in a real terminal (tmux): the team's state file at the project
 * root is picked up and written, and a baseline hides what it already holds.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {runPyvet, tmpProject} from '../helpers/cli.js';
import {fixture, ROOT} from '../helpers/paths.js';
import {tmpDir} from '../helpers/tmp.js';
import {Terminal} from '../helpers/tmux.js';

test('review picks up .pyvet-review.json and --baseline', async () => {
  const conf = tmpDir('pyvet-e2e-conf-');
  const work = tmpProject({'app.py': fs.readFileSync(fixture('review', 'app.py'), 'utf8'), '.pyvet-review.json': '{"version": 1, "files": {}}\n'});
  assert.equal(runPyvet(['scan', 'app.py', '--select', 'B101', '--format', 'json', '--output', 'base.json'], {cwd: work, conf}).code, 1);
  const json = JSON.parse(runPyvet(['scan', 'app.py', '--select', 'B602', '--format', 'json'], {cwd: work, conf}).stdout);
  const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(ROOT, 'bin', 'pyvet.js'))} review app.py --select B101,B602 --baseline base.json`;

  const term = new Terminal(cmd, {cwd: work, env: {PYVET_CONFIG_DIR: conf, CI: 'true'}});
  let screen = await term.waitFor(/2 findings: 2 pending/);
  assert.match(screen, /not shown: 2 in the baseline/);
  assert.match(screen, /decisions in \.pyvet-review\.json/);
  assert.doesNotMatch(screen, /B101 L5/);
  term.send('a');
  screen = await term.waitFor(/1 accepted/);
  term.send('q');
  await term.waitFor(/save/i);
  term.send('n'); // quit without writing the Markdown: the decision is already stored
  await term.waitFor(/\[exit 0\]/);
  term.close();

  const state = JSON.parse(fs.readFileSync(path.join(work, '.pyvet-review.json'), 'utf8'));
  assert.deepEqual(Object.keys(state.files), ['app.py']);
  const entry = state.files['app.py'][json.findings[0].fingerprint];
  assert.equal(entry.kind, 'accepted');
  assert.equal(entry.checkId, 'B602');
  assert.equal(fs.existsSync(path.join(conf, 'reviews.json')), false, 'nothing in the user store');
});
