/**
 * `npm run parity -- [options] [NAME=DIR ...]`: pyvet's Bandit-parity checks against the
 * Bandit installed on the machine, on code neither tool wrote (issue 3's measurement).
 *
 * Both tools see the same list of `.py` files (this script walks the corpus itself and
 * hands Bandit the files explicitly). Findings are matched by (path, line, id); per id the
 * report gives Bandit's count, pyvet's, the matches, recall (matched / Bandit), precision
 * (matched / pyvet), and how many matches agree on severity and on confidence (which
 * differs by design where pyvet asks its data flow: B102, B307, B602, B608). The misses,
 * the extras and the disagreements are written to `<out>/<corpus>.details.txt`, the table
 * to `<out>/<corpus>.md`.
 *
 * Fairness rules:
 * - Suppression comments are ignored on both sides (`--ignore-nosec`, `suppressions:
 *   false`): suppression is a separate feature with deliberate differences (DESIGN.md).
 *   `--nosec` honours them on both sides instead.
 * - pyvet runs every file as production code, so severities are the ones Bandit would
 *   report (the shipped tool lowers severity one step in test code and drops B101 there);
 *   the table still counts how many of pyvet's findings sit in files it treats as tests.
 * - Files Bandit cannot parse (its `errors`) are left out of the comparison: Bandit says
 *   nothing about them while pyvet reviews them by design. Their pyvet findings are counted.
 * - Bandit 1.6.2 under Python ≥ 3.8 never runs its string checks (B104, B105, B108,
 *   B608): it dispatches string nodes by the class name `Str`, which CPython's `ast` stopped
 *   producing. By default Bandit runs with the fix later Bandit releases made (a
 *   `Constant` holding a str or bytes is visited as `Str` / `Bytes`), applied at start-up;
 *   `--plain-bandit` runs /usr/bin/bandit unchanged.
 *
 * Options: `--out DIR` (default ./.pyvet-parity), `--cache DIR` (where Bandit's reports are
 * kept and reused for an identical file list and options; default <out>/cache), `--no-cache`,
 * `--bandit-jobs N` (Bandit processes at once, default 1),
 * `--exclude NAME` (a folder name to skip, repeatable), `--plain-bandit`, `--nosec`.
 * `--catalogue` runs nothing and prints, per Bandit id, its fixture counts (positive
 * lines, near misses) and the rule's `docs.differences`, as Markdown.
 * Corpora are `NAME=DIR`, or one of the names `stdlib` (the standard library of `python3`,
 * its site-packages left out), `site-packages` (that Python's third-party packages) and
 * `dist-packages` (/usr/lib/python3/dist-packages); without any, `stdlib dist-packages`.
 */
import {execFileSync, spawn} from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {checks} from '../checks/index.js';
import type {Confidence, Finding, Severity} from '../src/model/finding.js';
import {contextOf} from '../src/scan/context.js';
import {runChecks} from '../src/scan/engine.js';
import {parsePython} from '../src/scan/parse.js';
import {Registry} from '../src/scan/registry.js';
import {readSource} from '../src/scan/source.js';

/** The Bandit-parity ids Bandit 1.6.2 does not have (added after it; bandit-parity.md §5). */
const NOT_IN_1_6_2 = new Set(['B113', 'B202', 'B415', 'B508', 'B509', 'B612', 'B613', 'B614', 'B615', 'B704']);

const BANDIT_PYTHON = '/usr/bin/python3';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// Later Bandit releases visit `ast.Constant` nodes as `Str` / `Bytes`; 1.6.2 predates that.
const SHIM = `
import sys
from bandit.core import node_visitor as nv
def visit_Constant(self, node):
    if isinstance(node.value, str):
        self.visit_Str(node)
    elif isinstance(node.value, bytes):
        self.visit_Bytes(node)
nv.BanditNodeVisitor.visit_Constant = visit_Constant
from bandit.cli.main import main
sys.argv[0] = 'bandit'
sys.exit(main())
`;

interface Corpus {
  readonly name: string;
  readonly dir: string;
  /** Folder names skipped in this corpus only (on top of `Options.excludes`). */
  readonly skip: readonly string[];
}

interface Options {
  corpora: Corpus[];
  /** Folder names skipped in every corpus. */
  excludes: string[];
  out: string;
  cache: string | null;
  banditJobs: number;
  plainBandit: boolean;
  nosec: boolean;
  catalogue: boolean;
}

interface Hit {
  readonly path: string;
  readonly line: number;
  readonly id: string;
  readonly severity: Severity;
  readonly confidence: Confidence;
  readonly test: boolean;
  readonly text: string;
  /** Bandit's `line_range`: the lines of the node it inspected. */
  readonly range?: readonly [number, number];
}

interface BanditReport {
  results: {filename: string; line_number: number; test_id: string; issue_severity: string; issue_confidence: string; issue_text: string; line_range?: number[]}[];
  errors: {filename: string; reason: string}[];
}

function stdlibDir(): string {
  return execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], {encoding: 'utf8'}).trim();
}

/** Corpora named without a folder: the machine's Python code. */
const KNOWN_CORPORA: Record<string, () => Corpus> = {
  /** The standard library of `python3`, without its site-packages. */
  stdlib: () => ({name: 'stdlib', dir: stdlibDir(), skip: ['site-packages']}),
  /** The third-party packages installed for `python3`. */
  'site-packages': () => ({name: 'site-packages', dir: path.join(stdlibDir(), 'site-packages'), skip: []}),
  /** Debian's Python packages. */
  'dist-packages': () => ({name: 'dist-packages', dir: '/usr/lib/python3/dist-packages', skip: []}),
};

function parseArgs(argv: string[]): Options {
  const o: Options = {corpora: [], excludes: ['__pycache__'], out: path.resolve('.pyvet-parity'), cache: null, banditJobs: 1, plainBandit: false, nosec: false, catalogue: false};
  let cache: string | null | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--out') o.out = path.resolve(next());
    else if (a === '--cache') cache = path.resolve(next());
    else if (a === '--no-cache') cache = null;
    else if (a === '--bandit-jobs') o.banditJobs = Math.max(1, Number(next()) || 1);
    else if (a === '--exclude') o.excludes.push(next());
    else if (a === '--plain-bandit') o.plainBandit = true;
    else if (a === '--nosec') o.nosec = true;
    else if (a === '--catalogue') o.catalogue = true;
    else if (/^[\w.-]+=/.test(a)) {
      const eq = a.indexOf('=');
      o.corpora.push({name: a.slice(0, eq), dir: path.resolve(a.slice(eq + 1)), skip: []});
    } else if (a in KNOWN_CORPORA) o.corpora.push(KNOWN_CORPORA[a]!());
    else throw new Error(`unknown argument ${a} (corpora are ${Object.keys(KNOWN_CORPORA).join(', ')} or NAME=DIR)`);
  }
  o.cache = cache === undefined ? path.join(o.out, 'cache') : cache;
  if (o.corpora.length === 0) o.corpora.push(KNOWN_CORPORA.stdlib!(), KNOWN_CORPORA['dist-packages']!());
  return o;
}

/** Every `.py` file under `dir`, sorted; symbolic links and excluded folder names are skipped. */
function walk(dir: string, excludes: readonly string[]): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, {withFileTypes: true});
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!excludes.includes(e.name)) visit(p);
      } else if (e.isFile() && e.name.endsWith('.py')) out.push(p);
    }
  };
  visit(dir);
  return out.sort();
}

function runProcess(cmd: string, args: string[]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {stdio: ['ignore', 'ignore', 'ignore']});
    child.on('error', reject);
    child.on('close', code => resolve(code));
  });
}

/** Bandit over `files` in chunks, `jobs` processes at a time; one merged report. */
async function runBandit(files: readonly string[], opts: Options, tmp: string): Promise<BanditReport> {
  const shim = path.join(tmp, 'bandit-shim.py');
  fs.writeFileSync(shim, SHIM);
  const chunk = 200;
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += chunk) batches.push(files.slice(i, i + chunk));
  const merged: BanditReport = {results: [], errors: []};
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < batches.length) {
      const n = next++;
      const outFile = path.join(tmp, `bandit-${n}.json`);
      const flags = ['-f', 'json', '-q', '-o', outFile, ...(opts.nosec ? [] : ['--ignore-nosec']), ...batches[n]!];
      if (opts.plainBandit) await runProcess('/usr/bin/bandit', flags);
      else await runProcess(BANDIT_PYTHON, [shim, ...flags]);
      if (!fs.existsSync(outFile)) throw new Error(`Bandit wrote no report for batch ${n}`);
      const r = JSON.parse(fs.readFileSync(outFile, 'utf8')) as BanditReport;
      merged.results.push(...r.results);
      merged.errors.push(...r.errors);
      fs.rmSync(outFile);
      done++;
      process.stderr.write(`\r  bandit: ${done}/${batches.length} batches`);
    }
  };
  await Promise.all(Array.from({length: Math.min(opts.banditJobs, batches.length)}, worker));
  process.stderr.write('\n');
  return merged;
}

async function banditFor(name: string, files: readonly string[], opts: Options): Promise<BanditReport> {
  const key = crypto
    .createHash('sha256')
    .update(JSON.stringify({files, plain: opts.plainBandit, nosec: opts.nosec}))
    .digest('hex')
    .slice(0, 16);
  const cached = opts.cache ? path.join(opts.cache, `${name}.${key}.bandit.json`) : null;
  if (cached && fs.existsSync(cached)) {
    process.stderr.write(`  bandit: cached report ${cached}\n`);
    return JSON.parse(fs.readFileSync(cached, 'utf8')) as BanditReport;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pyvet-parity-'));
  try {
    const report = await runBandit(files, opts, tmp);
    if (cached) {
      fs.mkdirSync(path.dirname(cached), {recursive: true});
      fs.writeFileSync(cached, JSON.stringify(report));
    }
    return report;
  } finally {
    fs.rmSync(tmp, {recursive: true, force: true});
  }
}

function pyvetFor(root: string, files: readonly string[], opts: Options): {hits: Hit[]; errors: string[]; broken: string[]; seconds: number} {
  const registry = new Registry(checks);
  const set = registry.checkSet(['B']);
  const hits: Hit[] = [];
  const errors: string[] = [];
  /** Files in which tree-sitter found a syntax error (pyvet skips what an error node covers). */
  const broken: string[] = [];
  const t0 = performance.now();
  files.forEach((abs, i) => {
    const rel = path.relative(root, abs).split(path.sep).join('/');
    let text: string;
    try {
      text = readSource(abs).text;
    } catch (err) {
      errors.push(`${rel}: ${(err as Error).message}`);
      return;
    }
    const tree = parsePython(text);
    // Production context: severities as Bandit reports them, B101 everywhere.
    const res = runChecks(set, {path: rel, source: text, tree, context: 'production', suppressions: opts.nosec});
    if (res.parseErrors > 0) broken.push(rel);
    const test = contextOf(rel) === 'test';
    for (const f of res.findings as Finding[]) {
      if (f.suppressed) continue;
      hits.push({path: rel, line: f.line, id: f.checkId, severity: f.severity, confidence: f.confidence, test, text: f.message});
    }
    if (i % 200 === 0) process.stderr.write(`\r  pyvet: ${i}/${files.length} files`);
  });
  process.stderr.write(`\r  pyvet: ${files.length}/${files.length} files\n`);
  return {hits, errors, broken, seconds: (performance.now() - t0) / 1000};
}

interface IdRow {
  id: string;
  bandit: number;
  pyvet: number;
  matched: number;
  sevAgree: number;
  confAgree: number;
  inTests: number;
  misses: Hit[];
  extras: Hit[];
  sevDiffs: [Hit, Hit][];
  confDiffs: [Hit, Hit][];
  /** A miss and an extra on the same node (the extra's line inside the miss's range): a different line choice. */
  moved: [Hit, Hit][];
}

/** Pair findings with the same (path, line, id); within a key, equal severities pair first. */
function compare(bandit: readonly Hit[], pyvet: readonly Hit[]): Map<string, IdRow> {
  const rows = new Map<string, IdRow>();
  const row = (id: string) => {
    let r = rows.get(id);
    if (!r) {
      r = {id, bandit: 0, pyvet: 0, matched: 0, sevAgree: 0, confAgree: 0, inTests: 0, misses: [], extras: [], sevDiffs: [], confDiffs: [], moved: []};
      rows.set(id, r);
    }
    return r;
  };
  const group = (hits: readonly Hit[]) => {
    const m = new Map<string, Hit[]>();
    for (const h of hits) {
      const k = `${h.id}\0${h.path}\0${h.line}`;
      const list = m.get(k) ?? [];
      list.push(h);
      m.set(k, list);
    }
    return m;
  };
  const b = group(bandit);
  const p = group(pyvet);
  for (const h of bandit) row(h.id).bandit++;
  for (const h of pyvet) {
    const r = row(h.id);
    r.pyvet++;
    if (h.test) r.inTests++;
  }
  for (const k of new Set([...b.keys(), ...p.keys()])) {
    const bs = [...(b.get(k) ?? [])];
    const ps = [...(p.get(k) ?? [])];
    const r = row((bs[0] ?? ps[0])!.id);
    // Same severity first.
    for (let i = bs.length - 1; i >= 0; i--) {
      const j = ps.findIndex(x => x.severity === bs[i]!.severity);
      if (j < 0) continue;
      r.matched++;
      r.sevAgree++;
      if (bs[i]!.confidence === ps[j]!.confidence) r.confAgree++;
      else r.confDiffs.push([bs[i]!, ps[j]!]);
      bs.splice(i, 1);
      ps.splice(j, 1);
    }
    while (bs.length && ps.length) {
      r.matched++;
      const pair: [Hit, Hit] = [bs.pop()!, ps.pop()!];
      r.sevDiffs.push(pair);
      if (pair[0].confidence === pair[1].confidence) r.confAgree++;
      else r.confDiffs.push(pair);
    }
    r.misses.push(...bs);
    r.extras.push(...ps);
  }
  for (const r of rows.values()) {
    if (!r.misses.length || !r.extras.length) continue;
    const misses: Hit[] = [];
    for (const m of r.misses) {
      const j = m.range ? r.extras.findIndex(e => e.path === m.path && e.line >= m.range![0] && e.line <= m.range![1]) : -1;
      if (j < 0) misses.push(m);
      else r.moved.push([m, r.extras.splice(j, 1)[0]!]);
    }
    r.misses = misses;
  }
  return rows;
}

function sortPairs(pairs: [Hit, Hit][]): [Hit, Hit][] {
  return pairs.sort(([a], [b]) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
}

function pct(n: number, d: number): string {
  return d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}%`;
}

function sortHits(hits: Hit[]): Hit[] {
  return hits.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
}

/** Per Bandit id: the fixture's positive lines and near misses, and the documented differences. */
function catalogue(): void {
  const registry = new Registry(checks);
  const rules = registry.rules.filter(r => r.id.startsWith('B'));
  const fixtures = path.join(ROOT, 'test', 'fixtures', 'checks');
  console.log(`${rules.length} Bandit ids implemented.`);
  console.log('');
  console.log('| id | fixture | positive lines | near misses | known gaps |');
  console.log('|---|---|---:|---:|---:|');
  let pos = 0;
  let ok = 0;
  for (const r of rules) {
    const file = path.join(fixtures, `${r.slug}.py`);
    const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n') : [];
    const count = (re: RegExp) => lines.filter(l => re.test(l)).length;
    const p = count(new RegExp(`#\\s*expect:[A-Z0-9, ]*\\b${r.id}\\b`));
    const n = count(/#\s*ok\b/);
    const todo = count(new RegExp(`#\\s*todo-expect:[A-Z0-9, ]*\\b${r.id}\\b`));
    pos += p;
    ok += n;
    console.log(`| ${r.id} | ${r.slug}.py | ${p} | ${n} | ${todo} |`);
  }
  console.log(`| all | | ${pos} | ${ok} | |`);
  console.log('');
  const byText = new Map<string, string[]>();
  for (const r of rules) {
    const d = r.docs.differences ?? '(none)';
    byText.set(d, [...(byText.get(d) ?? []), r.id]);
  }
  for (const [d, ids] of byText) console.log(`- **${ids.join(', ')}**: ${d}`);
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.catalogue) {
    catalogue();
    return;
  }
  fs.mkdirSync(opts.out, {recursive: true});
  const bver = execFileSync('/usr/bin/bandit', ['--version'], {encoding: 'utf8'}).split('\n')[0]!.trim();
  const cpus = os.cpus();
  const header = [
    `date: ${new Date().toISOString().slice(0, 10)}; machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}, ${os.platform()} ${os.release()}, node ${process.version}`,
    `bandit: ${bver} (${opts.plainBandit ? 'unchanged' : 'with the Constant→Str visitor fix'}), ${opts.nosec ? 'nosec honoured' : 'nosec ignored'} on both sides`,
  ];
  console.log(header.join('\n'));
  const registry = new Registry(checks);
  const bIds = registry.rules.filter(r => r.id.startsWith('B')).map(r => r.id);

  for (const corpus of opts.corpora) {
    const files = walk(corpus.dir, [...opts.excludes, ...corpus.skip]);
    process.stderr.write(`${corpus.name}: ${corpus.dir}, ${files.length} files\n`);
    const t0 = performance.now();
    const report = await banditFor(corpus.name, files, opts);
    const banditSeconds = (performance.now() - t0) / 1000;
    const rel = (f: string) => path.relative(corpus.dir, path.resolve(f)).split(path.sep).join('/');
    const unparsed = new Set(report.errors.map(e => rel(e.filename)));
    const py = pyvetFor(corpus.dir, files, opts);
    // Files CPython parses (Bandit did) in which tree-sitter still reports a syntax error.
    const misparsed = py.broken.filter(p => !unparsed.has(p));

    const banditHits: Hit[] = report.results.map(r => ({
      path: rel(r.filename),
      line: r.line_number,
      id: r.test_id,
      severity: r.issue_severity.toLowerCase() as Severity,
      confidence: r.issue_confidence.toLowerCase() as Confidence,
      test: contextOf(rel(r.filename)) === 'test',
      text: r.issue_text,
      ...(r.line_range?.length ? {range: [Math.min(...r.line_range), Math.max(...r.line_range)] as const} : {}),
    }));
    const pyvetCompared = py.hits.filter(h => !unparsed.has(h.path));
    const pyvetUnparsed = py.hits.length - pyvetCompared.length;
    const rows = compare(banditHits, pyvetCompared);

    // Per (path, line): the ids each side reported, to point out a miss matched under another id.
    const atLine = (hits: readonly Hit[]) => {
      const m = new Map<string, Set<string>>();
      for (const h of hits) {
        const k = `${h.path}:${h.line}`;
        const s = m.get(k) ?? new Set<string>();
        s.add(h.id);
        m.set(k, s);
      }
      return m;
    };
    const pyAt = atLine(pyvetCompared);
    const bAt = atLine(banditHits);

    const ids = [...new Set([...bIds, ...rows.keys()])].sort();
    const table: string[] = [
      `| id | Bandit | pyvet | matched | recall | precision | severity agrees | confidence agrees | same node, other line | pyvet in test paths |`,
      `|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|`,
    ];
    // Totals over the ids both tools have, with and without B101 (whose count dwarfs the rest).
    const all = {b: 0, p: 0, m: 0, s: 0, c: 0, o: 0};
    const noAssert = {b: 0, p: 0, m: 0, s: 0, c: 0, o: 0};
    for (const id of ids) {
      const r = rows.get(id);
      if (!r) continue;
      const note = NOT_IN_1_6_2.has(id) ? ' (not in 1.6.2)' : !bIds.includes(id) ? ' (not a pyvet id)' : '';
      table.push(
        `| ${id}${note} | ${r.bandit} | ${r.pyvet} | ${r.matched} | ${pct(r.matched, r.bandit)} | ${pct(r.matched, r.pyvet)} | ` +
          `${pct(r.sevAgree, r.matched)} | ${pct(r.confAgree, r.matched)} | ${r.moved.length} | ${r.inTests} |`,
      );
      if (!NOT_IN_1_6_2.has(id) && bIds.includes(id)) {
        for (const t of id === 'B101' ? [all] : [all, noAssert]) {
          t.b += r.bandit;
          t.p += r.pyvet;
          t.m += r.matched;
          t.s += r.sevAgree;
          t.c += r.confAgree;
          t.o += r.moved.length;
        }
      }
    }
    for (const [label, t] of [['all ids both have', all], ['the same without B101', noAssert]] as const) {
      table.push(`| ${label} | ${t.b} | ${t.p} | ${t.m} | ${pct(t.m, t.b)} | ${pct(t.m, t.p)} | ${pct(t.s, t.m)} | ${pct(t.c, t.m)} | ${t.o} | |`);
    }
    const silent = ids.filter(id => bIds.includes(id) && !rows.has(id));
    const summary = [
      `## ${corpus.name}: ${corpus.dir}`,
      '',
      `${files.length} files; Bandit could not parse ${unparsed.size} (left out; pyvet reported ${pyvetUnparsed} findings in them); ` +
        `pyvet could not read ${py.errors.length}; tree-sitter reported a syntax error in ${misparsed.length} files Bandit parsed.` +
        ` Bandit ${banditSeconds.toFixed(0)} s${banditSeconds < 5 ? ' (cached)' : ''}, pyvet ${py.seconds.toFixed(0)} s (one thread).`,
      '',
      ...table,
      '',
      `Ids with no finding on either side: ${silent.join(', ') || 'none'}.`,
      '',
    ];
    console.log('');
    console.log(summary.join('\n'));

    const details: string[] = [...header, '', ...summary];
    const line = (h: Hit, other: Map<string, Set<string>>) => {
      const also = [...(other.get(`${h.path}:${h.line}`) ?? [])].filter(x => x !== h.id);
      return `  ${h.path}:${h.line} [${h.severity}] ${h.text.replace(/\s+/g, ' ').slice(0, 120)}${also.length ? `  (other side here: ${also.join(',')})` : ''}`;
    };
    for (const id of ids) {
      const r = rows.get(id);
      if (!r || (r.misses.length === 0 && r.extras.length === 0 && r.sevDiffs.length === 0 && r.confDiffs.length === 0 && r.moved.length === 0)) continue;
      details.push(`### ${id}`);
      if (r.misses.length) details.push(`misses (Bandit only): ${r.misses.length}`, ...sortHits(r.misses).map(h => line(h, pyAt)));
      if (r.extras.length) details.push(`extras (pyvet only): ${r.extras.length}`, ...sortHits(r.extras).map(h => line(h, bAt)));
      if (r.moved.length) {
        details.push(`same node, other line: ${r.moved.length}`);
        for (const [bh, ph] of sortPairs(r.moved)) details.push(`  ${bh.path}: Bandit line ${bh.line}, pyvet line ${ph.line}`);
      }
      if (r.sevDiffs.length) {
        details.push(`severity differs: ${r.sevDiffs.length}`);
        for (const [bh, ph] of sortPairs(r.sevDiffs)) details.push(`  ${bh.path}:${bh.line} Bandit ${bh.severity}, pyvet ${ph.severity}`);
      }
      if (r.confDiffs.length) {
        details.push(`confidence differs: ${r.confDiffs.length}`);
        for (const [bh, ph] of sortPairs(r.confDiffs)) details.push(`  ${bh.path}:${bh.line} Bandit ${bh.confidence}, pyvet ${ph.confidence}: ${ph.text.slice(0, 100)}`);
      }
      details.push('');
    }
    details.push('### files Bandit could not parse', ...[...unparsed].sort().map(p => `  ${p}`), '');
    if (py.errors.length) details.push('### files pyvet could not read', ...py.errors.map(e => `  ${e}`), '');
    details.push('### files Bandit parsed in which tree-sitter reported a syntax error', ...misparsed.map(p => `  ${p}`), '');
    fs.writeFileSync(path.join(opts.out, `${corpus.name}.details.txt`), details.join('\n'));
    fs.writeFileSync(path.join(opts.out, `${corpus.name}.md`), [...header.map(h => `${h}  `), '', ...summary].join('\n'));
    process.stderr.write(`  details: ${path.join(opts.out, `${corpus.name}.details.txt`)}\n`);
  }
}

main().catch(err => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
});
