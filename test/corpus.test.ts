/**
 * The evaluation corpus, test/fixtures/corpus/: modules in the style of real projects (a
 * Nova functional test and configuration, a Flask app, a Django shop with DRF, an
 * oslo.config agent, a command-line tool, an asyncio service, a data-science script),
 * scanned with every R rule under their own paths, so files under a tests/ folder are test
 * code. A line that ends with `# expect: R701` (ids comma-separated, repeated for two
 * findings) must get exactly those findings; every other line must get none. Deliberate
 * near misses say which rules they are near: `# ok: R702 why` (both markers may share a
 * line: `# expect: R501; ok: R301 why`). The test prints recall and precision per rule.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {parsePython} from '../src/scan/parse.js';
import {fixture, pythonFiles} from './helpers/paths.js';
import {registry, scanSource} from './helpers/scan.js';

const CORPUS = fixture('corpus');
const R_RULES = registry.rules.filter(r => r.id.startsWith('R')).map(r => r.id);

const IDS = '(R\\d{3}(?:\\s*,\\s*R\\d{3})*)';
const EXPECT = new RegExp(`#.*?\\bexpect:\\s*${IDS}`);
const OK = new RegExp(`#.*?\\bok:\\s*${IDS}`);

function ids(list: string): string[] {
  return list.split(',').map(s => s.trim());
}

interface Marked {
  /** `path:line id` for every expected finding. */
  readonly expected: string[];
  /** `path:line id` for every near miss. */
  readonly nearMisses: string[];
}

function markers(rel: string, source: string): Marked {
  const expected: string[] = [];
  const nearMisses: string[] = [];
  source.split('\n').forEach((line, i) => {
    const at = `${rel}:${i + 1}`;
    const e = EXPECT.exec(line);
    if (e) for (const id of ids(e[1]!)) expected.push(`${at} ${id}`);
    const o = OK.exec(line);
    if (o) for (const id of ids(o[1]!)) nearMisses.push(`${at} ${id}`);
  });
  return {expected, nearMisses};
}

/** Remove one occurrence of each of `b` from `a`: what `a` has beyond `b`. */
function minus(a: readonly string[], b: readonly string[]): string[] {
  const left = [...b];
  return a.filter(x => {
    const i = left.indexOf(x);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

const idOf = (x: string) => x.slice(x.lastIndexOf(' ') + 1);

const files = pythonFiles(CORPUS).map(abs => {
  const rel = path.relative(CORPUS, abs).split(path.sep).join('/');
  const source = fs.readFileSync(abs, 'utf8');
  const found = scanSource(source, {path: rel, select: R_RULES})
    .filter(f => !f.suppressed)
    .map(f => `${rel}:${f.line} ${f.checkId}`);
  return {rel, source, found, ...markers(rel, source)};
});

const expected = files.flatMap(f => f.expected);
const found = files.flatMap(f => f.found);
const nearMisses = files.flatMap(f => f.nearMisses);

function table(): string {
  const rows = ['rule  expected found   TP   FP   FN  recall precision  near misses'];
  for (const id of R_RULES) {
    const e = expected.filter(x => idOf(x) === id);
    const f = found.filter(x => idOf(x) === id);
    const fn = minus(e, f).length;
    const fp = minus(f, e).length;
    const tp = e.length - fn;
    const pct = (n: number, d: number) => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
    const near = nearMisses.filter(x => idOf(x) === id).length;
    rows.push(
      `${id}  ${String(e.length).padStart(8)} ${String(f.length).padStart(5)} ${String(tp).padStart(4)} ` +
        `${String(fp).padStart(4)} ${String(fn).padStart(4)}  ${pct(tp, e.length)}    ${pct(tp, f.length)}  ${String(near).padStart(11)}`,
    );
  }
  return rows.join('\n');
}

describe('evaluation corpus (R rules)', () => {
  test('per-rule recall and precision', t => {
    for (const row of table().split('\n')) t.diagnostic(row);
  });

  for (const f of files) {
    test(`${f.rel}: findings and expectations agree`, () => {
      const missing = minus(f.expected, f.found);
      const unexpected = minus(f.found, f.expected);
      const lines: string[] = [];
      if (missing.length) lines.push(`missing (expected, not reported): ${missing.join(', ')}`);
      if (unexpected.length) lines.push(`unexpected (reported, not expected): ${unexpected.join(', ')}`);
      assert.deepEqual([...f.found].sort(), [...f.expected].sort(), lines.join('\n'));
    });
  }

  test('no line is both expected and a near miss of the same rule', () => {
    const both = nearMisses.filter(x => expected.includes(x));
    assert.deepEqual(both, []);
  });

  test('covers every R rule with positives and near misses, at least 40 of each in all', () => {
    assert.ok(expected.length >= 40, `${expected.length} positives`);
    assert.ok(nearMisses.length >= 40, `${nearMisses.length} near misses`);
    for (const id of R_RULES) {
      assert.ok(expected.some(x => idOf(x) === id), `${id}: no positive in the corpus`);
      assert.ok(nearMisses.some(x => idOf(x) === id), `${id}: no near miss in the corpus`);
    }
  });

  test('includes a file with a syntax error, whose broken part is skipped and the rest still checked', () => {
    const broken = files.filter(f => parsePython(f.source).rootNode.hasError);
    assert.ok(broken.length >= 1, 'no file with a syntax error');
    for (const f of broken) assert.ok(f.found.length > 0, `${f.rel}: nothing reported around the error`);
  });

  test('has test code under tests/ folders and production code elsewhere', () => {
    assert.ok(files.some(f => /(^|\/)tests\//.test(f.rel)));
    assert.ok(files.some(f => !/(^|\/)tests?\//.test(f.rel)));
  });
});
