/**
 * `npm run bench [-- DIR]`: scan speed and memory against tree-sitter alone and Bandit,
 * measured in one run (the machine is shared and noisy, so compare ratios, not seconds),
 * and the TUI's first-frame and key-press times in a real terminal (tmux).
 *
 * DIR defaults to the standard library of the machine's python3 (site-packages left out).
 */
import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHILD = path.join(ROOT, 'dist', 'scripts', 'bench-child.js');
const BIN = path.join(ROOT, 'bin', 'pyvet.js');

interface Row {
  name: string;
  files: number;
  lines: number;
  seconds: number;
  peakMB: number | null;
  findings?: number;
}

function stdlib(): string {
  return execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], {encoding: 'utf8'}).trim();
}

function child(args: string[]): Row & {mode: string} {
  const out = execFileSync(process.execPath, [CHILD, ...args], {encoding: 'utf8', maxBuffer: 1 << 26});
  const r = JSON.parse(out.trim().split('\n').pop()!);
  return {...r, name: ''};
}

function which(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], {encoding: 'utf8'});
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Wall time and peak memory of a command, via GNU time when it is installed. */
function timed(cmd: string, args: string[]): {seconds: number; peakMB: number | null; status: number | null} {
  const gnuTime = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  const memFile = path.join(os.tmpdir(), `pyvet-bench-mem-${process.pid}`);
  const t0 = performance.now();
  const r = gnuTime
    ? spawnSync(gnuTime, ['-f', '%M', '-o', memFile, cmd, ...args], {stdio: 'ignore'})
    : spawnSync(cmd, args, {stdio: 'ignore'});
  const seconds = (performance.now() - t0) / 1000;
  let peakMB: number | null = null;
  if (gnuTime && fs.existsSync(memFile)) {
    const kb = Number(fs.readFileSync(memFile, 'utf8').trim().split('\n').pop());
    if (Number.isFinite(kb)) peakMB = Math.round(kb / 1024);
    fs.rmSync(memFile, {force: true});
  }
  return {seconds, peakMB, status: r.status};
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', {minimumFractionDigits: digits, maximumFractionDigits: digits});
}

function table(rows: Row[], base: Row): string {
  const head = ['', 'files', 'lines', 'seconds', 'lines/s', 'peak MB', '× parse-only'];
  const body = rows.map(r => [
    r.name,
    fmt(r.files),
    fmt(r.lines),
    fmt(r.seconds, 2),
    fmt(r.lines / r.seconds),
    r.peakMB === null ? '—' : fmt(r.peakMB),
    fmt(r.seconds / base.seconds, 2),
  ]);
  const lines = [head, ...body].map(cols => `| ${cols.join(' | ')} |`);
  lines.splice(1, 0, `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
  return lines.join('\n');
}

/** The TUI in tmux: first frame on a 1,200-line file, key presses with 10,000 findings. */
function tuiTimings(): string[] {
  if (!which('tmux')) return ['TUI: tmux not installed, skipped'];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyvet-bench-tui-'));
  const conf = path.join(dir, 'conf');
  const out: string[] = [];
  try {
    // 1,200 lines of ordinary code with a finding every few lines.
    const big: string[] = ['import subprocess', 'import pickle', ''];
    for (let i = 0; big.length < 1200; i++) {
      big.push(`def task_${i}(arg):`, `    """Task ${i}."""`, `    value = arg * ${i}`, i % 4 === 0 ? `    subprocess.call("run " + arg, shell=True)` : `    return value`, '');
    }
    fs.writeFileSync(path.join(dir, 'service.py'), big.join('\n'));
    // 10,000 findings in one file.
    const many = ['def check(values):'];
    for (let i = 0; i < 10000; i++) many.push(`    assert values[${i}] >= 0`);
    fs.writeFileSync(path.join(dir, 'many.py'), many.join('\n'));

    const run = (file: string, keys: string[]): {first: number | null; review: number | null; keys: number[]} => {
      const timing = path.join(dir, `${file}.timing`);
      fs.rmSync(timing, {force: true});
      const sock = `pyvet-bench-${process.pid}-${file.replace(/\W/g, "")}`;
      const tmux = (...a: string[]) => execFileSync('tmux', ['-L', sock, '-f', '/dev/null', ...a], {encoding: 'utf8'});
      tmux(
        'new-session', '-d', '-s', 'b', '-x', '80', '-y', '24',
        `cd ${JSON.stringify(dir)} && env ${process.env.PYVET_BENCH_ENV ?? ''} PYVET_CONFIG_DIR=${JSON.stringify(conf)} PYVET_TIMING=${JSON.stringify(timing)} ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} review ${file}; sleep 60`,
      );
      const wait = (pred: () => boolean, ms: number) => {
        const end = Date.now() + ms;
        while (Date.now() < end && !pred()) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
      };
      const records = () => (fs.existsSync(timing) ? fs.readFileSync(timing, 'utf8').trim().split('\n').filter(Boolean).map(l => JSON.parse(l)) : []);
      wait(() => records().some(r => r.event === 'review-frame'), 15000);
      wait(() => false, 300);
      for (const k of keys) {
        const before = records().length;
        tmux('send-keys', '-t', 'b', k);
        wait(() => records().length > before, 2000);
      }
      tmux('kill-server');
      const rs = records();
      return {
        first: rs.find(r => r.event === 'first-frame')?.ms ?? null,
        review: rs.find(r => r.event === 'review-frame')?.ms ?? null,
        keys: rs.filter(r => r.event === 'key').map(r => r.ms),
      };
    };
    const a = run('service.py', ['j', 'j', 'k']);
    out.push(`TUI, 1,200-line file: first frame ${a.first ?? '?'} ms, the review with its findings ${a.review ?? '?'} ms after the process started`);
    const keys = ['j', 'j', 'j', 'G', 'g', 'PgDn', 'PgDn', 'k', 'a', 'u', 'j', 'j'];
    const b = run('many.py', keys);
    const sorted = [...b.keys].sort((x, y) => x - y);
    const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
    const worst = sorted[sorted.length - 1] ?? NaN;
    out.push(`TUI with 10,000 findings: review shown at ${b.review ?? '?'} ms; key press to redrawn screen: median ${fmt(median, 1)} ms, worst ${fmt(worst, 1)} ms over ${sorted.length} keys (${keys.join(' ')})`);
  } finally {
    fs.rmSync(dir, {recursive: true, force: true});
  }
  return out;
}

function main(): void {
  if (process.env.PYVET_BENCH_ONLY === 'tui') {
    for (const l of tuiTimings()) console.log(l);
    return;
  }
  const dir = path.resolve(process.argv[2] ?? stdlib());
  if (!fs.existsSync(CHILD)) throw new Error('run npm run build first');
  const cpus = os.cpus();
  console.log(`pyvet bench — ${dir}`);
  console.log(`machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}, ${fmt(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, ${os.platform()} ${os.release()}`);
  console.log('');

  const parse = child(['parse', dir]);
  const rows: Row[] = [{...parse, name: 'tree-sitter parse only (1 thread)'}];
  const jobs = os.availableParallelism();
  const scan = child(['scan', dir, String(jobs)]);
  rows.push({...scan, name: `pyvet scan, all checks (${jobs} workers)`});
  const one = child(['scan', dir, '1']);
  rows.push({...one, name: 'pyvet scan, all checks (1 thread)'});
  const cli = timed(process.execPath, [BIN, 'scan', dir, '--format', 'json', '--output', path.join(os.tmpdir(), `pyvet-bench-${process.pid}.json`), '--fail-on', 'none']);
  fs.rmSync(path.join(os.tmpdir(), `pyvet-bench-${process.pid}.json`), {force: true});
  rows.push({name: 'pyvet scan CLI, JSON to a file', files: scan.files, lines: scan.lines, seconds: cli.seconds, peakMB: cli.peakMB});
  const bandit = which('bandit');
  if (bandit) {
    const b = timed(bandit, ['-r', dir, '-f', 'json', '-o', path.join(os.tmpdir(), `bandit-bench-${process.pid}.json`), '-q', '-x', '*/site-packages/*']);
    fs.rmSync(path.join(os.tmpdir(), `bandit-bench-${process.pid}.json`), {force: true});
    rows.push({name: 'Bandit (1 process)', files: scan.files, lines: scan.lines, seconds: b.seconds, peakMB: b.peakMB});
  }
  console.log(table(rows, rows[0]!));
  console.log('');
  console.log(`pyvet (${jobs} workers) / parse only: ${fmt(scan.seconds / parse.seconds, 2)}×`);
  if (bandit) console.log(`Bandit / pyvet (${jobs} workers): ${fmt(rows[rows.length - 1]!.seconds / scan.seconds, 1)}×`);
  console.log(`findings: ${fmt(scan.findings ?? 0)}`);
  console.log('');
  for (const l of tuiTimings()) console.log(l);
}

main();
