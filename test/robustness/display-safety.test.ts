/**
 * Hostile input never reaches the terminal or a written report raw. A file carries terminal
 * escape sequences (OSC 52 clipboard, OSC 8 link, window title, clear screen, colours), C1
 * controls, DEL, and bidi and invisible characters in its code, strings and comments — and
 * in its name, with a newline and backticks. `scan` in every format and the review in a
 * real terminal (every byte written to it recorded) must show them as visible escapes.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {BIN, tmpProject} from '../helpers/cli.js';
import {tmpDir} from '../helpers/tmp.js';
import {ConfDecisionStore} from '../../src/review/store.js';
import {assertNoRawControls, pyvet, rawUnsafe, RecordedTerminal} from './support.js';

const ESC = '\x1b';
const SEQ = {
  osc52: `${ESC}]52;c;UFdORUQ=\x07`,
  osc8: `${ESC}]8;;https://evil.example/${ESC}\\click${ESC}]8;;${ESC}\\`,
  title: `${ESC}]2;PWNED-TITLE\x07`,
  clear: `${ESC}[2J${ESC}[H`,
  colour: `${ESC}[38;5;201m${ESC}[5m`,
  c1: '\u009b31m\u0085',
  bidi: '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c',
  invisible: '\u200b\u200c\u200d\u200e\u200f\ufeff',
  separators: '\u2028\u2029',
  c0: '\x7f\x08\x07\x00'.slice(0, 3), // NUL would make the file binary
};
const ALL = Object.values(SEQ).join('');

/** Code with the sequences in a comment, strings, a flagged call and an identifier-ish spot. */
const HOSTILE = [
  'import os',
  'import subprocess',
  'from flask import request',
  '',
  `# a comment: ${ALL}`,
  'def handler():',
  `    cmd = request.args.get("q${SEQ.osc52}")`,
  `    subprocess.call("ls ${ALL}" + cmd, shell=True)  # tail ${SEQ.bidi} comment`,
  `    password = "hunter2${SEQ.clear}${SEQ.title}"`,
  `    eval("x${SEQ.osc8}")`,
  '    assert cmd, "````fenced`` ```"',
  `    os.system("echo ${SEQ.colour}${SEQ.c1}${SEQ.separators}" + cmd)`,
  '',
].join('\n');

const HOSTILE_NAME = `name${SEQ.title}\u202e\`x\`\nline.py`;

const NOTE = `checked ${SEQ.osc52} by hand ${SEQ.bidi}${SEQ.invisible} \`\`\`\ndone ${SEQ.title}`;

/** The project: the hostile file under a plain name and under a hostile one. */
function project(): string {
  return tmpProject({'evil.py': HOSTILE, [HOSTILE_NAME]: HOSTILE}, 'pyvet-hostile-');
}

interface Finding {
  path: string;
  line: number;
  checkId: string;
  fingerprint: string;
  snippet: string;
}

describe('reports of a hostile file hold no raw control, bidi or invisible character', () => {
  const dir = project();
  const conf = tmpDir('pyvet-hostile-conf-');
  const json = pyvet(['scan', '.', '--format', 'json'], {cwd: dir, conf});
  const findings = (JSON.parse(json.stdout) as {findings: Finding[]}).findings;

  test('the findings are there, in both files', () => {
    assert.equal(json.code, 1, json.stderr);
    for (const file of ['evil.py', HOSTILE_NAME]) {
      const ids = findings.filter(f => f.path === file).map(f => `${f.line} ${f.checkId}`);
      for (const want of ['8 B602', '9 B105', '10 B307', '11 B101', '12 B605']) assert.ok(ids.includes(want), `${want} in ${JSON.stringify(file)}: ${ids.join(', ')}`);
    }
  });

  test('JSON: escaped as \\uXXXX in the file, the exact text when parsed', () => {
    assertNoRawControls(json.stdout, 'the JSON report');
    const call = findings.find(f => f.path === 'evil.py' && f.checkId === 'B602')!;
    assert.ok(call.snippet.includes(SEQ.osc52) && call.snippet.includes(SEQ.bidi), 'a JSON reader gets the exact source back');
    assert.ok(findings.some(f => f.path === HOSTILE_NAME), 'and the exact path');
    assertNoRawControls(json.stderr, 'stderr');
  });

  test('text: on stdout and in --output, every character visible', () => {
    const r = pyvet(['scan', '.'], {cwd: dir, conf});
    assertNoRawControls(r.stdout, 'the text report');
    assert.match(r.stdout, /\\x1b\]52;c;UFdORUQ=\\x07/);
    assert.match(r.stdout, /<U\+202E>/);
    assert.match(r.stdout, /^name\\x1b\]2;PWNED-TITLE\\x07<U\+202E>`x`\\x0aline\.py:8:\d+: B602 /m, 'the path on one line');
    pyvet(['scan', '.', '--output', 'report.txt'], {cwd: dir, conf});
    assertNoRawControls(fs.readFileSync(path.join(dir, 'report.txt'), 'utf8'), 'report.txt');
  });

  test('SARIF: no raw character, with a reviewer note holding some', () => {
    process.env.PYVET_CONFIG_DIR = conf; // the CLI runs above use this store too
    const store = new ConfDecisionStore();
    const call = findings.find(f => f.path === 'evil.py' && f.checkId === 'B602')!;
    store.put(path.join(dir, 'evil.py'), call.fingerprint, {kind: 'dismissed', reason: 'acceptable-risk', note: NOTE}, {checkId: 'B602', line: 8});
    // Decided findings are shown with their code in the Markdown review: the assert line has a run of backticks.
    const assertion = findings.find(f => f.path === 'evil.py' && f.checkId === 'B101')!;
    store.put(path.join(dir, 'evil.py'), assertion.fingerprint, {kind: 'accepted'}, {checkId: 'B101', line: 11});
    const r = pyvet(['scan', '.', '--format', 'sarif', '--output', 'report.sarif'], {cwd: dir, conf});
    assert.equal(r.code, 1, r.stderr);
    const text = fs.readFileSync(path.join(dir, 'report.sarif'), 'utf8');
    assertNoRawControls(text, 'the SARIF report');
    const sarif = JSON.parse(text) as {runs: {results: {suppressions?: {justification?: string}[]}[]}[]};
    const justification = sarif.runs[0]!.results.flatMap(x => x.suppressions ?? []).map(s => s.justification ?? '').join('\n');
    assert.match(justification, /checked \\x1b\]52;c;UFdORUQ=\\x07 by hand <U\+202A>/);
  });

  test('Markdown: escaped, fences longer than any backtick run inside, the hostile path escaped', () => {
    const r = pyvet(['scan', '.', '--format', 'markdown', '--output', 'review.md'], {cwd: dir, conf});
    assert.equal(r.code, 1, r.stderr);
    const md = fs.readFileSync(path.join(dir, 'review.md'), 'utf8');
    assertNoRawControls(md, 'the Markdown review', {tabs: true});
    // Every fenced block: the fence is longer than every backtick run in its content.
    const blocks = [...md.matchAll(/^(`{3,})python\n([\s\S]*?)\n\1$/gm)];
    assert.ok(blocks.length >= 1);
    for (const [, fence, body] of blocks) {
      const longest = Math.max(0, ...(body!.match(/`+/g) ?? []).map(run => run.length));
      assert.ok(fence!.length > longest, `fence ${fence} around a run of ${longest}`);
    }
    assert.ok(blocks.some(([, fence]) => fence!.length >= 5), 'the assert line holds a run of four backticks');
    // The path: one line, in a code span whose delimiter is longer than the backticks inside.
    assert.match(md, /`` name\\x1b\]2;PWNED-TITLE\\x07<U\+202E>`x`\\x0aline\.py:8 ``/);
    // The note of the dismissed finding: escaped (and Markdown-escaped), its line break kept as a Markdown break.
    const note = md.slice(md.indexOf("**Reviewer's note.**"));
    assert.ok(note.startsWith("**Reviewer's note.** checked \\\\x1b\\]52;c;UFdORUQ=\\\\x07 by hand \\<U+202A\\>"), note.slice(0, 200));
    assert.ok(note.includes('\\`\\`\\`  \ndone \\\\x1b\\]2;PWNED-TITLE\\\\x07'), note.slice(0, 400));
  });
});

/** Output bytes of the TUI, without the control sequences Ink itself writes (cursor moves, colours, modes). */
function withoutInkSequences(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return raw.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
}

test('the review in a real terminal: nothing from the file reaches the terminal raw', async () => {
  const dir = project();
  const conf = tmpDir('pyvet-hostile-tui-conf-');
  const count = (JSON.parse(pyvet(['scan', '.', '--format', 'json'], {cwd: dir, conf}).stdout) as {findings: unknown[]}).findings.length;
  const term = new RecordedTerminal(`${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} review .`, {cwd: dir, env: {PYVET_CONFIG_DIR: conf, SOURCE_DATE_EPOCH: '1795608000'}});
  const titleBefore = term.title();
  let screen = await term.waitFor(new RegExp(`${count} findings: ${count} pending`));
  // Walk every finding so that each detail, excerpt, message and path is drawn.
  for (let i = 1; i < count; i++) {
    term.send('j');
    screen = await term.waitFor(new RegExp(`${i + 1}/${count} · `));
  }
  assert.match(screen, /name\\x1b\]2;PWNED-TITLE\\x07<U\+202E>`x`\\x0aline\.py:\d+/, 'the status line shows the path escaped');
  // A note pasted with bidi and invisible characters and backticks.
  term.send('g');
  await term.waitFor(new RegExp(`1/${count} · `));
  term.send('n');
  await term.waitFor(/Enter keep the note/);
  term.send(`seen ${SEQ.bidi}${SEQ.invisible}${SEQ.separators} \`\`\`x`, {literal: true});
  screen = await term.waitFor(/<U\+2028><U\+2029> ```x/); // the end of the draft (the line shows its end)
  term.send('Enter');
  screen = await term.waitFor(/Note: seen <U\+202A><U\+202B>/);
  term.send('s');
  screen = await term.waitFor(/saved .*\.md/);
  term.send('q');
  screen = await term.waitFor(/\[exit 0\]/);
  assert.match(screen, /Reviewed 2 files: 0 accepted, 0 dismissed, \d+ pending\. Review saved to /);

  // The screen shows the escapes; the terminal never got the sequences themselves.
  const raw = term.raw();
  assert.ok(raw.length > 1000, 'the output was recorded');
  for (const [name, seq] of Object.entries({osc52: '\x1b]52', osc8: '\x1b]8;', title: '\x1b]2;', colour: '\x1b[38;5;201m', blink: '\x1b[5m', clear: '\x1b[2J'})) {
    assert.ok(!raw.includes(seq), `${name} reached the terminal`);
  }
  const text = withoutInkSequences(raw);
  assert.ok(!text.includes(ESC), `an escape sequence other than Ink's reached the terminal: ${JSON.stringify(text.slice(text.indexOf(ESC) - 20, text.indexOf(ESC) + 20))}`);
  assert.deepEqual(rawUnsafe(text), []);
  assert.ok(!/\x1b\]/.test(term.screenWithEscapes()), 'no OSC on the screen');
  assert.equal(term.title(), titleBefore, 'the window title did not change');
  assert.equal(term.buffers().trim(), '', 'nothing was put on the clipboard (OSC 52)');

  const md = fs.readFileSync(path.join(dir, 'pyvet-review.md'), 'utf8');
  assertNoRawControls(md, 'the saved review', {tabs: true});
  const codes = ['202A', '202B', '202C', '202D', '202E', '2066', '2067', '2068', '2069', '061C', '200B', '200C', '200D', '200E', '200F', 'FEFF', '2028', '2029'];
  assert.ok(md.includes(`note: seen ${codes.map(c => `\\<U+${c}\\>`).join('')} \\\`\\\`\\\`x`), 'the typed note, escaped');
});

test('reviewing the hostile-named file alone: header, status and exit line show its name escaped', async () => {
  const dir = project();
  const conf = tmpDir('pyvet-hostile-one-conf-');
  // The shell glob hands the name over as it is (newline, escape and all).
  const term = new RecordedTerminal(`${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} review name*`, {cwd: dir, env: {PYVET_CONFIG_DIR: conf}});
  const titleBefore = term.title();
  let screen = await term.waitFor(/findings: \d+ pending/);
  assert.match(screen, /^pyvet name\\x1b\]2;PWNED-TITLE\\x07<U\+202E>`x`\\x0aline\.py · /m);
  term.send('a');
  await term.waitFor(/1 accepted|✓1 /);
  term.send('q');
  screen = await term.waitFor(/save/i);
  term.send('n');
  screen = await term.waitFor(/\[exit 0\]/);
  assert.match(screen, /Reviewed name\\x1b\]2;PWNED-TITLE\\x07<U\+202E>`x`\\x0aline\.py: 1 accepted/);
  const raw = term.raw();
  assert.ok(!raw.includes('\x1b]'), 'an OSC sequence reached the terminal');
  assert.deepEqual(rawUnsafe(withoutInkSequences(raw)), []);
  assert.equal(term.title(), titleBefore);
});
