/**
 * `npm run fuzz`: a seeded, time-boxed fuzz run of the scanner. It takes the check fixtures
 * and the clean corpus (test/fixtures/checks/*.py, test/fixtures/clean/*.py), mutates them —
 * deletes, duplicates and swaps lines, inserts random bytes, truncates — and scans each
 * mutant with every check, asserting that
 *
 *   - reading and scanning never throw (a file refused with a message is fine),
 *   - no check fails on it (the engine would report that as a warning),
 *   - every finding has a valid location inside the file and a fingerprint,
 *   - the text and JSON reports of it hold no raw control character.
 *
 * The seed is printed; PYVET_FUZZ_SEED=N replays a run, PYVET_FUZZ_SECONDS sets its length
 * (default 60). A failure prints the seed and saves the mutated input to a temporary file.
 * The input being scanned is also kept in a file while it is scanned, so that a crash that
 * takes the process down (a native abort) leaves it behind.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {checks} from '../checks/index.js';
import {renderJson} from '../src/report/json.js';
import {renderText} from '../src/report/text.js';
import {Registry} from '../src/scan/registry.js';
import {scanText, type FileResult} from '../src/scan/scan-file.js';
import type {ScanResult} from '../src/scan/scan.js';
import {decodeSource, SourceError} from '../src/scan/source.js';

/** The repository root, from dist/scripts/ (built) or scripts/ (tsx). */
function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json')) || path.basename(dir) === 'dist') {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package.json not found');
    dir = up;
  }
  return dir;
}

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

const int = (rnd: Random, n: number) => Math.floor(rnd() * n);

/** Byte strings that make the parser and the checks work hard, beside plain random bytes. */
const PIECES: readonly string[] = [
  '(', ')', '[', ']', '{', '}', ':', '\\', '\\\n', '"', "'", '"""', "'''", 'f"{', '}"', 'rb"', '#', '\n', '\r', '\r\n',
  '\t', '    ', '        ', '\f', ',', '=', '==', '+', '%', '.', '*', '**', 'lambda', 'def f(', 'class C:', 'if x:\n',
  'async ', 'await ', 'yield', 'import os', 'from . import', 'eval(', 'os.system(', 'subprocess.run(', 'shell=True',
  '# nosec', '# nosec B602', '# pyvet: ignore[', 'request.args', '\u202e', '\u200b', '\ufeff', '\u2028', '\x1b[2J',
  '\x1b]52;c;AAAA\x07', '\x7f', '\x85', 'é', '漢', '😀', '\ud800',
];

function randomBytes(rnd: Random): Buffer {
  const choice = rnd();
  if (choice < 0.4) return Buffer.from(PIECES[int(rnd, PIECES.length)]!, 'utf8');
  const n = 1 + int(rnd, 16);
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    // Mostly ASCII, some high bytes (invalid UTF-8), a few controls; NUL rarely (the file is then refused).
    const r = rnd();
    out[i] = r < 0.6 ? 0x20 + int(rnd, 95) : r < 0.85 ? 0x80 + int(rnd, 128) : r < 0.995 ? 1 + int(rnd, 31) : 0;
  }
  return out;
}

function splitLines(buf: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = buf.indexOf(0x0a); i >= 0; i = buf.indexOf(0x0a, i + 1)) {
    lines.push(buf.subarray(start, i + 1));
    start = i + 1;
  }
  if (start < buf.length) lines.push(buf.subarray(start));
  return lines;
}

export const MUTATIONS = ['delete-line', 'duplicate-line', 'swap-lines', 'insert-bytes', 'truncate'] as const;
export type Mutation = (typeof MUTATIONS)[number];

/** One mutation of a file's bytes. */
export function mutate(input: Buffer, kind: Mutation, rnd: Random): Buffer {
  const lines = splitLines(input);
  switch (kind) {
    case 'delete-line': {
      if (lines.length === 0) return input;
      lines.splice(int(rnd, lines.length), 1 + int(rnd, 3));
      return Buffer.concat(lines);
    }
    case 'duplicate-line': {
      if (lines.length === 0) return input;
      const i = int(rnd, lines.length);
      const copies = rnd() < 0.1 ? 50 + int(rnd, 200) : 1;
      lines.splice(i, 0, ...Array.from({length: copies}, () => lines[i]!));
      return Buffer.concat(lines);
    }
    case 'swap-lines': {
      if (lines.length < 2) return input;
      const i = int(rnd, lines.length);
      const j = int(rnd, lines.length);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return Buffer.concat(lines);
    }
    case 'insert-bytes': {
      const at = int(rnd, input.length + 1);
      return Buffer.concat([input.subarray(0, at), randomBytes(rnd), input.subarray(at)]);
    }
    case 'truncate':
      return input.subarray(0, int(rnd, input.length + 1));
  }
}

// C0 (but line breaks), DEL, C1, bidi and invisible characters: never raw in a report.
// eslint-disable-next-line no-control-regex
const RAW_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ufeff]/;

/** What is wrong with a scan of `text` (empty when nothing is). */
export function problems(text: string, result: FileResult, reportsToo: boolean): string[] {
  const out: string[] = [];
  const lines = text.split('\n');
  for (const w of result.warnings) {
    if (/^check .* failed/.test(w.message)) out.push(`line ${w.line}: ${w.message}`);
  }
  for (const f of result.findings) {
    const where = `${f.checkId} at ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`;
    const ok =
      Number.isInteger(f.line) &&
      Number.isInteger(f.column) &&
      Number.isInteger(f.endLine) &&
      Number.isInteger(f.endColumn) &&
      f.line >= 1 &&
      f.line <= lines.length &&
      f.endLine >= f.line &&
      f.endLine <= lines.length &&
      f.column >= 1 &&
      f.column <= lines[f.line - 1]!.length + 1 &&
      f.endColumn >= 1 &&
      f.endColumn <= lines[f.endLine - 1]!.length + 1;
    if (!ok) out.push(`${where}: not a location inside the file (${lines.length} lines)`);
    if (!/^[0-9a-f]{16}$/.test(f.fingerprint)) out.push(`${where}: fingerprint ${JSON.stringify(f.fingerprint)}`);
  }
  if (reportsToo && result.findings.length > 0) {
    const scan: ScanResult = {root: '/fuzz', files: [result], findings: result.findings, errors: [], warnings: result.warnings.map(w => ({...w, path: result.path}))};
    const reports = {text: renderText(scan, result.findings, {color: false}), json: renderJson(scan, result.findings)};
    for (const [name, report] of Object.entries(reports)) {
      const m = RAW_UNSAFE.exec(report);
      if (m) out.push(`the ${name} report holds a raw U+${m[0].charCodeAt(0).toString(16).padStart(4, '0')}`);
    }
  }
  return out;
}

export interface FuzzOptions {
  readonly seed: number;
  readonly seconds: number;
  /** Where a failing input is saved (default: the system's temporary folder). */
  readonly saveDir?: string;
  readonly log?: (line: string) => void;
}

export interface FuzzFailure {
  readonly case: number;
  readonly source: string;
  readonly mutations: readonly string[];
  readonly problems: readonly string[];
  readonly savedTo: string;
}

export interface FuzzReport {
  readonly seed: number;
  readonly cases: number;
  readonly refused: number;
  readonly findings: number;
  readonly failures: readonly FuzzFailure[];
}

export function fuzzInputs(): {name: string; bytes: Buffer}[] {
  const root = repoRoot();
  const dirs = [path.join(root, 'test', 'fixtures', 'checks'), path.join(root, 'test', 'fixtures', 'clean')];
  return dirs.flatMap(d =>
    fs
      .readdirSync(d)
      .filter(f => f.endsWith('.py'))
      .sort()
      .map(f => ({name: `${path.basename(d)}/${f}`, bytes: fs.readFileSync(path.join(d, f))})),
  );
}

/** Run until the time is up or something fails; deterministic for a seed (up to where it stops). */
export function runFuzz(opts: FuzzOptions): FuzzReport {
  const log = opts.log ?? (() => {});
  const rnd = prng(opts.seed);
  const inputs = fuzzInputs();
  const set = new Registry(checks).checkSet([], []);
  const saveDir = opts.saveDir ?? os.tmpdir();
  const current = path.join(saveDir, `pyvet-fuzz-${opts.seed}-current.py`);
  const deadline = Date.now() + opts.seconds * 1000;
  const failures: FuzzFailure[] = [];
  let cases = 0;
  let refused = 0;
  let findings = 0;
  while (Date.now() < deadline && failures.length === 0) {
    const input = inputs[int(rnd, inputs.length)]!;
    let bytes = input.bytes;
    const applied: string[] = [];
    const count = 1 + int(rnd, 4);
    for (let k = 0; k < count; k++) {
      const kind = MUTATIONS[int(rnd, MUTATIONS.length)]!;
      bytes = mutate(bytes, kind, rnd);
      applied.push(kind);
    }
    const n = cases++;
    fs.writeFileSync(current, bytes); // left behind if a native crash ends the process
    let found: string[] = [];
    let text = '';
    try {
      let decoded;
      try {
        decoded = decodeSource(bytes);
      } catch (err) {
        if (!(err instanceof SourceError)) throw err;
        refused++;
        continue;
      }
      text = decoded.text;
      let result: FileResult;
      try {
        result = scanText(set, text, 'fuzz.py', '/fuzz/fuzz.py');
      } catch (err) {
        if (!(err instanceof SourceError)) throw err;
        refused++;
        continue;
      }
      findings += result.findings.length;
      found = problems(text, result, n % 10 === 0);
    } catch (err) {
      found = [`threw: ${(err as Error).stack ?? String(err)}`];
    }
    if (found.length > 0) {
      const savedTo = path.join(saveDir, `pyvet-fuzz-${opts.seed}-case${n}.py`);
      fs.writeFileSync(savedTo, bytes);
      failures.push({case: n, source: input.name, mutations: applied, problems: found, savedTo});
      log(`case ${n} (${input.name}, ${applied.join(', ')}) failed:\n  ${found.join('\n  ')}\n  input saved to ${savedTo}`);
    }
  }
  fs.rmSync(current, {force: true});
  return {seed: opts.seed, cases, refused, findings, failures};
}

function main(): number {
  const seed = process.env.PYVET_FUZZ_SEED ? Number(process.env.PYVET_FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
  const seconds = process.env.PYVET_FUZZ_SECONDS ? Number(process.env.PYVET_FUZZ_SECONDS) : 60;
  if (!Number.isInteger(seed) || seed < 0 || !(seconds > 0)) {
    process.stderr.write('PYVET_FUZZ_SEED must be a whole number ≥ 0 and PYVET_FUZZ_SECONDS a positive number\n');
    return 2;
  }
  process.stdout.write(`pyvet fuzz: seed ${seed}, ${seconds} s (replay: PYVET_FUZZ_SEED=${seed} npm run fuzz)\n`);
  process.stdout.write(`if the process dies, the input it was scanning is ${path.join(os.tmpdir(), `pyvet-fuzz-${seed}-current.py`)}\n`);
  const report = runFuzz({seed, seconds, log: line => process.stdout.write(`${line}\n`)});
  process.stdout.write(
    `${report.cases} mutated files scanned, ${report.refused} refused with a message, ${report.findings} findings; ` +
      `${report.failures.length === 0 ? 'no failure' : `FAILED (seed ${seed})`}\n`,
  );
  return report.failures.length === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main();
}
