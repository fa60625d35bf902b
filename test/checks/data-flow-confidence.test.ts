/**
 * B102 (exec), B307 (eval) and B608 (SQL built from strings) keep Bandit's trigger,
 * line and severity, and take their confidence from the data flow inside the function
 * (src/scan/flow.ts): high with the source attached when request data reaches the
 * flagged value, low when it is a constant, Bandit's confidence otherwise.
 */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {Finding} from '../../src/model/finding.js';
import {scanSource} from '../helpers/scan.js';

function dedent(s: string): string {
  const lines = s.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter(l => l.trim()).map(l => l.length - l.trimStart().length));
  return lines.map(l => l.slice(indent)).join('\n');
}

function scan(code: string, id: string): Finding[] {
  return scanSource(dedent(code), {path: 'app/views.py', select: [id]});
}

/** line, severity, confidence and the source's snippet (null when none). */
function summary(findings: readonly Finding[]): [number, string, string, string | null][] {
  return findings.map(f => [f.line, f.severity, f.confidence, f.source?.snippet ?? null]);
}

describe('B102 exec() confidence from the data flow', () => {
  test('request data in the code: high, with the source', () => {
    const [f, ...rest] = scan(
      `
      def run(request):
          snippet = request.form["code"]
          exec("result = " + snippet, {})
      `,
      'B102',
    );
    assert.equal(rest.length, 0);
    assert.ok(f);
    assert.equal(f.line, 3);
    assert.equal(f.severity, 'medium');
    assert.equal(f.confidence, 'high');
    assert.deepEqual(f.source, {line: 2, column: 15, snippet: 'request.form["code"]', label: 'request.form'});
    assert.match(f.message, /request\.form \(line 2\)/);
  });

  test('constant code is low; code from a parameter keeps Bandit high', () => {
    const findings = scan(
      `
      def run(text):
          setup = "x = 1"
          exec(setup)
          exec("import this")
          exec(text)
          exec(*parts)
      `,
      'B102',
    );
    assert.deepEqual(summary(findings), [
      [3, 'medium', 'low', null],
      [4, 'medium', 'low', null],
      [5, 'medium', 'high', null],
      [6, 'medium', 'high', null],
    ]);
  });
});

describe('B307 eval() confidence from the data flow', () => {
  test('request data, a constant, an unknown value', () => {
    const findings = scan(
      `
      def calc(request, expr):
          q = request.args.get("expr", "0")
          a = eval(q)
          b = eval("2 ** 10")
          c = eval(expr, {"__builtins__": {}})
          return a, b, c
      `,
      'B307',
    );
    assert.deepEqual(summary(findings), [
      [3, 'medium', 'high', 'request.args.get("expr", "0")'],
      [4, 'medium', 'low', null],
      [5, 'medium', 'high', null],
    ]);
    assert.equal(findings[0]!.source?.label, 'request.args');
  });

  test('__import__("eval") is still B307 at Bandit confidence, without a data-flow question', () => {
    const findings = scan(
      `
      def sneaky(request):
          fn = __import__("eval")
          return fn(request.args["x"])
      `,
      'B307',
    );
    assert.deepEqual(summary(findings), [[2, 'medium', 'high', null]]);
    assert.match(findings[0]!.message, /dynamic import of eval/);
  });
});

describe('B608 confidence from the data flow, asked about the expression that builds the query', () => {
  test('request data anywhere in a + chain, a % operation, .format(), .replace() or an f-string: high', () => {
    const findings = scan(
      `
      def search(request, cur):
          term = request.args["q"]
          cur.execute("SELECT a FROM t WHERE x = '" + "%" + term + "'")
          sql = "SELECT " + "a" + " FROM t WHERE id = " + term
          cur.execute("DELETE FROM t WHERE id = %s" % term)
          cur.execute("DELETE FROM t WHERE id = {}".format(term))
          cur.execute("UPDATE t SET v = '[V]'".replace("[V]", term))
          cur.execute(f"SELECT * FROM t WHERE id = {term}")
      `,
      'B608',
    );
    assert.deepEqual(summary(findings), [
      [3, 'medium', 'high', 'request.args["q"]'],
      [4, 'medium', 'high', 'request.args["q"]'],
      [5, 'medium', 'high', 'request.args["q"]'],
      [6, 'medium', 'high', 'request.args["q"]'],
      [7, 'medium', 'high', 'request.args["q"]'],
      [8, 'medium', 'high', 'request.args["q"]'],
    ]);
    assert.match(findings[0]!.message, /request\.args \(line 2\) and passed to execute\(\)/);
  });

  test('a query built from constants only is low, even inside execute()', () => {
    const findings = scan(
      `
      def report(cur):
          table = "orders"
          cur.execute("SELECT * FROM %s WHERE id = 1" % table)
          cur.execute(f"SELECT * FROM t ")
          cur.execute("DELETE FROM t WHERE id = {}".format(3))
      `,
      'B608',
    );
    assert.deepEqual(summary(findings), [
      [3, 'medium', 'low', null],
      [4, 'medium', 'low', null],
      [5, 'medium', 'low', null],
    ]);
  });

  test('values of unknown origin keep Bandit confidence: medium into execute(), low elsewhere', () => {
    const findings = scan(
      `
      def lookup(cur, name):
          cur.execute("SELECT * FROM users WHERE name = '%s'" % name)
          query = "SELECT * FROM users WHERE name = '%s'" % name
          cur.execute(sql="SELECT * FROM t WHERE a = %s" % name)
          cur.execute("UPDATE t SET v = '[V]'".replace("[V]", name))
      `,
      'B608',
    );
    assert.deepEqual(summary(findings), [
      [2, 'medium', 'medium', null],
      [3, 'medium', 'low', null],
      [4, 'medium', 'low', null],
      [5, 'medium', 'low', null],
    ]);
  });
});
