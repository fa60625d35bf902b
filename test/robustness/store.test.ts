/**
 * The decision stores under stress: a corrupt or truncated store is moved aside with a
 * message and the review goes on; two processes writing at once keep each other's
 * decisions; a process killed with SIGKILL at any moment leaves a valid store holding every
 * decision it had acknowledged; a lock left by a dead process does not hold anyone up.
 */
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, test} from 'node:test';
import {pathToFileURL} from 'node:url';
import {BIN, tmpProject} from '../helpers/cli.js';
import {ROOT} from '../helpers/paths.js';
import {tmpDir} from '../helpers/tmp.js';
import {ConfDecisionStore} from '../../src/review/store.js';
import {JsonFileDecisionStore} from '../../src/review/state-file.js';
import {STALE_MS} from '../../src/review/file-lock.js';
import {pyvet, RecordedTerminal} from './support.js';

const APP = 'import subprocess\n\n\ndef a(x):\n    assert x\n    subprocess.call(x, shell=True)\n\n\ndef b(y):\n    assert y\n';

function corruptFiles(): Record<string, string | Buffer> {
  return {
    garbage: 'this is not JSON {',
    truncated: '{"/p/app.py": {"0123456789abcdef": {"kind": "accepted", "checkId": "B1',
    empty: '',
    binary: Buffer.from([0x00, 0xff, 0x1b, 0x5b, 0x32, 0x4a, 0x00]),
  };
}

/** The store files in a conf folder: the live one and those moved aside. */
function storeFiles(conf: string): {live: boolean; aside: string[]} {
  const names = fs.readdirSync(conf);
  return {live: names.includes('reviews.json'), aside: names.filter(n => n.startsWith('reviews.json.corrupt-'))};
}

describe('a corrupt or truncated store is moved aside with a message, and the review goes on', () => {
  for (const [kind, content] of Object.entries(corruptFiles())) {
    test(`conf store: ${kind}`, () => {
      const conf = tmpDir('pyvet-corrupt-conf-');
      fs.writeFileSync(path.join(conf, 'reviews.json'), content);
      const messages: string[] = [];
      process.env.PYVET_CONFIG_DIR = conf;
      const store = new ConfDecisionStore(m => messages.push(m));
      assert.equal(messages.length, 1);
      assert.match(messages[0]!, /^the store .*reviews\.json could not be read \(.*\); moved it to .*reviews\.json\.corrupt-.* and started a new one$/);
      store.put('/p/app.py', 'fedcba9876543210', {kind: 'accepted'}, {checkId: 'B101', line: 5});
      assert.equal(new ConfDecisionStore().load('/p/app.py')['fedcba9876543210']!.kind, 'accepted');
      const files = storeFiles(conf);
      assert.equal(files.aside.length, 1);
      assert.deepEqual(fs.readFileSync(path.join(conf, files.aside[0]!)), Buffer.from(content), 'the damaged store is kept as it was');
    });
  }

  test('conf store damaged while a review runs: moved aside at the next decision, which is kept', () => {
    const conf = tmpDir('pyvet-corrupt-late-');
    process.env.PYVET_CONFIG_DIR = conf;
    const messages: string[] = [];
    const store = new ConfDecisionStore(m => messages.push(m));
    store.put('/p/app.py', '0000000000000001', {kind: 'accepted'}, {checkId: 'B101', line: 5});
    fs.writeFileSync(path.join(conf, 'reviews.json'), '{"/p/app.py": {"000');
    store.put('/p/app.py', '0000000000000002', {kind: 'dismissed', reason: 'wont-fix'}, {checkId: 'B101', line: 9});
    assert.equal(messages.length, 1);
    assert.deepEqual(Object.keys(store.load('/p/app.py')), ['0000000000000002']);
    assert.equal(storeFiles(conf).aside.length, 1);
  });

  test('state file (.pyvet-review.json): truncated, moved aside, and scan --format markdown goes on', () => {
    const dir = tmpProject({'app.py': APP, '.pyvet-review.json': '{"version": 1, "files": {"app.py": {"00'}, 'pyvet-corrupt-state-');
    const conf = tmpDir('pyvet-corrupt-state-conf-');
    const r = pyvet(['scan', 'app.py', '--format', 'markdown'], {cwd: dir, conf});
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^pyvet: the review state .*\.pyvet-review\.json could not be read \(.*\); moved it to .*\.pyvet-review\.json\.corrupt-.* and started a new one$/m);
    assert.match(r.stdout, /^# Security review of `app\.py`/m);
    assert.ok(fs.readdirSync(dir).some(n => n.startsWith('.pyvet-review.json.corrupt-')));
  });

  test('the review opens over a corrupt store and a corrupt preferences file, says so, and stores decisions', async () => {
    const dir = tmpProject({'app.py': APP}, 'pyvet-corrupt-tui-');
    const conf = tmpDir('pyvet-corrupt-tui-conf-');
    fs.writeFileSync(path.join(conf, 'reviews.json'), '{"truncated": ');
    fs.writeFileSync(path.join(conf, 'config.json'), 'reviewer = "not json"');
    const term = new RecordedTerminal(`${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} review app.py --select B101,B602`, {cwd: dir, env: {PYVET_CONFIG_DIR: conf}, columns: 200});
    let screen = await term.waitFor(/findings: \d+ pending/);
    assert.match(screen, /the store .*reviews\.json could not be read/);
    term.send('a');
    screen = await term.waitFor(/1 accepted/);
    term.send('q');
    await term.waitFor(/save/i);
    term.send('n');
    await term.waitFor(/\[exit 0\]/);
    const stored = JSON.parse(fs.readFileSync(path.join(conf, 'reviews.json'), 'utf8')) as Record<string, Record<string, {kind: string}>>;
    assert.deepEqual(Object.values(stored[path.join(dir, 'app.py')]!).map(d => d.kind), ['accepted']);
    assert.ok(fs.readdirSync(conf).some(n => n.startsWith('config.json.corrupt-')), 'the preferences were moved aside too');
  });
});

/** A child process that writes decisions with the built store module, printing each one once it is stored. */
const WRITER = `
import {ConfDecisionStore} from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist', 'src', 'review', 'store.js')).href)};
import {JsonFileDecisionStore} from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist', 'src', 'review', 'state-file.js')).href)};
const [kind, who, count, file, root] = process.argv.slice(2);
const store = kind === 'conf' ? new ConfDecisionStore() : new JsonFileDecisionStore(file, root);
for (let i = 0; i < Number(count); i++) {
  const fp = who + String(i).padStart(15 - who.length, '0');
  store.put(root + '/app.py', fp, {kind: i % 2 ? 'accepted' : 'dismissed', reason: 'test-only', note: 'note ' + i}, {checkId: 'B101', line: i + 1});
  process.stdout.write(fp + '\\n');
}
`;

function writerScript(): string {
  const file = path.join(tmpDir('pyvet-writer-'), 'writer.mjs');
  fs.writeFileSync(file, WRITER);
  return file;
}

/** Every decision of app.py in a store, read from disk. */
function storedFingerprints(kind: 'conf' | 'state', where: string, root: string): string[] {
  if (kind === 'conf') {
    const data = JSON.parse(fs.readFileSync(path.join(where, 'reviews.json'), 'utf8')) as Record<string, object>;
    return Object.keys(data[`${root}/app.py`] ?? {}).sort();
  }
  const data = JSON.parse(fs.readFileSync(where, 'utf8')) as {files: Record<string, object>};
  return Object.keys(data.files['app.py'] ?? {}).sort();
}

function run(script: string, args: string[], env: Record<string, string>): Promise<{code: number | null; signal: NodeJS.Signals | null; out: string}> {
  return new Promise(resolve => {
    const child = spawn(process.execPath, [script, ...args], {env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'inherit']});
    let out = '';
    child.stdout.on('data', d => (out += d));
    child.on('close', (code, signal) => resolve({code, signal, out}));
  });
}

describe('two processes writing at once keep each other\'s decisions', () => {
  for (const kind of ['conf', 'state'] as const) {
    test(`${kind === 'conf' ? 'the conf store' : 'the state file'}: 2 × 300 decisions, all there`, async () => {
      const script = writerScript();
      const conf = tmpDir('pyvet-race-conf-');
      const root = tmpDir('pyvet-race-root-');
      const file = path.join(root, '.pyvet-review.json');
      const env = {PYVET_CONFIG_DIR: conf};
      const [a, b] = await Promise.all([run(script, [kind, 'a', '300', file, root], env), run(script, [kind, 'b', '300', file, root], env)]);
      assert.equal(a.code, 0);
      assert.equal(b.code, 0);
      const got = storedFingerprints(kind, kind === 'conf' ? conf : file, root);
      assert.equal(got.length, 600, `${600 - got.length} decisions lost`);
      assert.deepEqual(fs.readdirSync(kind === 'conf' ? conf : root).filter(n => n.endsWith('.lock')), [], 'no lock left behind');
    });
  }
});

describe('a lock left behind does not hold anyone up', () => {
  function deadPid(): number {
    const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {encoding: 'utf8'});
    return Number(r.stdout); // that process has ended
  }

  test('its owner is dead: taken over at once', () => {
    const conf = tmpDir('pyvet-deadlock-');
    process.env.PYVET_CONFIG_DIR = conf;
    const store = new ConfDecisionStore();
    fs.writeFileSync(`${store.location}.lock`, `${deadPid()}\n${os.hostname()}\n${Date.now()}\n`);
    const start = Date.now();
    store.put('/p/app.py', '0000000000000001', {kind: 'accepted'}, {checkId: 'B101', line: 1});
    assert.ok(Date.now() - start < 1000, `waited ${Date.now() - start} ms`);
    assert.equal(store.load('/p/app.py')['0000000000000001']!.kind, 'accepted');
    assert.ok(!fs.existsSync(`${store.location}.lock`));
  });

  test(`it is older than ${STALE_MS / 1000} s: taken over at once`, () => {
    const root = tmpDir('pyvet-oldlock-');
    const file = path.join(root, '.pyvet-review.json');
    const store = new JsonFileDecisionStore(file, root);
    fs.writeFileSync(`${file}.lock`, `1\nanother-host\n0\n`);
    const old = new Date(Date.now() - STALE_MS - 5000);
    fs.utimesSync(`${file}.lock`, old, old);
    const start = Date.now();
    store.put(path.join(root, 'app.py'), '0000000000000001', {kind: 'accepted'}, {checkId: 'B101', line: 1});
    assert.ok(Date.now() - start < 1000, `waited ${Date.now() - start} ms`);
    assert.deepEqual(Object.keys(store.load(path.join(root, 'app.py'))), ['0000000000000001']);
  });
});

/** A small seeded generator: the kill times are the same on every run. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('SIGKILL at any moment leaves a valid store with every acknowledged decision', () => {
  for (const kind of ['conf', 'state'] as const) {
    test(`${kind === 'conf' ? 'the conf store' : 'the state file'}: 12 writers killed at random moments`, async () => {
      const script = writerScript();
      const conf = tmpDir('pyvet-kill-conf-');
      const root = tmpDir('pyvet-kill-root-');
      const file = path.join(root, '.pyvet-review.json');
      const random = seeded(kind === 'conf' ? 7 : 11);
      const acknowledged = new Set<string>();
      for (let round = 0; round < 12; round++) {
        const child = spawn(process.execPath, [script, kind, `k${round.toString(36)}`, '100000', file, root], {
          env: {...process.env, PYVET_CONFIG_DIR: conf},
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let out = '';
        child.stdout.on('data', d => (out += d));
        // Kill once it has written a few decisions, at a random moment after that.
        await new Promise<void>(resolve => {
          const wait = () => (out.split('\n').length > 3 ? setTimeout(resolve, random() * 60) : setTimeout(wait, 5));
          wait();
        });
        child.kill('SIGKILL');
        await new Promise(resolve => child.on('close', resolve));
        for (const fp of out.split('\n')) if (/^[0-9a-z]{15}$/.test(fp)) acknowledged.add(fp);
        // The store parses, and holds everything acknowledged so far.
        const stored = new Set(storedFingerprints(kind, kind === 'conf' ? conf : file, root));
        const lost = [...acknowledged].filter(fp => !stored.has(fp));
        assert.deepEqual(lost, [], `round ${round}: acknowledged decisions missing`);
      }
      assert.ok(acknowledged.size > 12 * 3);
    });
  }

  test('the review in a real terminal, killed right after three decisions, reopens with them', async () => {
    const dir = tmpProject({'app.py': APP}, 'pyvet-kill-tui-');
    const conf = tmpDir('pyvet-kill-tui-conf-');
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} review app.py --select B101,B602`;
    const term = new RecordedTerminal(cmd, {cwd: dir, env: {PYVET_CONFIG_DIR: conf}});
    await term.waitFor(/3 findings: 3 pending/);
    term.send('a');
    await term.waitFor(/1 accepted/);
    term.send('d');
    await term.waitFor(/Dismiss/);
    term.send('2');
    await term.waitFor(/1 dismissed/);
    term.send('a');
    await term.waitFor(/2 accepted/);
    const pid = term.programPid(/pyvet\.js review/);
    assert.ok(pid, 'the pyvet process');
    process.kill(pid, 'SIGKILL');
    await term.waitFor(/\[exit 137\]/);
    const data = JSON.parse(fs.readFileSync(path.join(conf, 'reviews.json'), 'utf8')) as Record<string, Record<string, {kind: string}>>;
    assert.deepEqual(Object.values(data[path.join(dir, 'app.py')]!).map(d => d.kind).sort(), ['accepted', 'accepted', 'dismissed']);
    term.close();

    const again = new RecordedTerminal(cmd, {cwd: dir, env: {PYVET_CONFIG_DIR: conf}});
    const screen = await again.waitFor(/restored 3 decisions/);
    assert.match(screen, /0 pending · ✓ 2 accepted · ✗ 1 dismissed/);
    again.send('q');
    await again.waitFor(/\[exit 0\]/);
  });
});
