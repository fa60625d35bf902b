/**
 * A folder in a real terminal (tmux, 80×24): two files, Tab between them, filters and
 * search, grouping by theme, and the editor round trip with a scripted $EDITOR that
 * fixes the flagged line and adds a new problem.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {ROOT} from '../helpers/paths.js';
import {tmpDir} from '../helpers/tmp.js';
import {Terminal} from '../helpers/tmux.js';

test('review a folder: Tab, filters, search, grouping, and $EDITOR with a rescan', async () => {
  const work = tmpDir('pyvet-e2e-project-');
  const conf = tmpDir('pyvet-e2e-project-conf-');
  fs.mkdirSync(path.join(work, 'pkg'));
  fs.writeFileSync(
    path.join(work, 'pkg', 'deploy.py'),
    ['import subprocess', '', '', 'def deploy(target):', '    subprocess.run("rsync -a build/ " + target, shell=True)', ''].join('\n'),
  );
  fs.writeFileSync(path.join(work, 'pkg', 'auth.py'), ['def check_permission(user, action):', '    return True', ''].join('\n'));
  fs.writeFileSync(path.join(work, '.gitignore'), 'build/\n');
  fs.mkdirSync(path.join(work, 'build'));
  fs.writeFileSync(path.join(work, 'build', 'generated.py'), 'eval(input())\n');
  // The editor: receives +LINE FILE; replaces the flagged line with a safe call and adds an eval().
  const editor = path.join(work, 'fake-editor.sh');
  fs.writeFileSync(
    editor,
    [
      '#!/bin/sh',
      'line="${1#+}"',
      'file="$2"',
      'echo "$line" > "$(dirname "$0")/editor-was-called-with-line"',
      `sed -i "\${line}s/.*/    subprocess.run([\\"rsync\\", \\"-a\\", \\"build\\/\\", target])/" "$file"`,
      'printf "\\n\\ndef run(data):\\n    return eval(data)\\n" >> "$file"',
    ].join('\n'),
  );
  fs.chmodSync(editor, 0o755);

  const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(ROOT, 'bin', 'pyvet.js'))} review pkg --select B602,B307,R702,B404`;
  const term = new Terminal(cmd, {cwd: work, env: {PYVET_CONFIG_DIR: conf, EDITOR: editor, VISUAL: ''}});
  let screen = await term.waitFor(/3 findings: 3 pending/);
  assert.match(screen, /─ pkg\/auth\.py \(1\) ─/);
  assert.match(screen, /─ pkg\/deploy\.py \(2\) ─/);
  assert.doesNotMatch(screen, /generated\.py/, '.gitignore is honoured');
  assert.match(screen, /›· high R702 L1 /);

  term.send('Tab');
  screen = await term.waitFor(/›· low {2}B404 L1 /);
  term.send('j');
  screen = await term.waitFor(/›· high B602 L5 /);

  // Filters: severity ≥ high hides B404; text search narrows to one file.
  term.send('v');
  term.send('v');
  term.send('v');
  screen = await term.waitFor(/2 shown: ≥ high/);
  term.send('x');
  await term.waitFor(/showing everything/);
  term.send('/');
  term.send('auth', {literal: true});
  screen = await term.waitFor(/1 shown/);
  term.send('Escape');
  await term.waitFor(/j next/);
  term.send('t');
  screen = await term.waitFor(/─ Access control and policy \(1\) ─/);
  assert.match(screen, /─ Input validation and injection \(2\) ─/);
  term.send('t');
  await term.waitFor(/grouped by file/);

  // The editor round trip on the B602 finding.
  term.send('G');
  screen = await term.waitFor(/›· high B602 L5 /);
  term.send('a');
  await term.waitFor(/1 accepted|✓1 /);
  term.send('G');
  term.send('e');
  screen = await term.waitFor(/rescanned pkg\/deploy\.py: 1 new, 1 gone/);
  assert.equal(fs.readFileSync(path.join(work, 'editor-was-called-with-line'), 'utf8').trim(), '5');
  assert.match(screen, /B307 L9 /);
  assert.doesNotMatch(screen, /B602 L5 /);
  assert.match(screen, /0 accepted|✓0 /, 'the accepted finding is gone with the code it flagged');
  term.send('q');
  await term.waitFor(/Save the review before quitting\?/);
  term.send('n');
  await term.waitFor(/\[exit 0\]/);
});
