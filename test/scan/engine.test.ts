import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {defineCheck} from '../../src/model/check.js';
import {CheckSet, runChecks} from '../../src/scan/engine.js';
import {parsePython} from '../../src/scan/parse.js';
import {lineIds, scanSource} from '../helpers/scan.js';

const B602 = ['B602'];

describe('engine: suppression comments', () => {
  const src = (comment: string) => `import subprocess\nsubprocess.run(cmd, shell=True)  ${comment}\n`;

  test('# nosec suppresses everything on the statement; the finding is kept and marked', () => {
    const all = scanSource(src('# nosec'), {select: B602});
    assert.equal(all.length, 1);
    assert.equal(all[0]!.suppressed, true);
    assert.deepEqual(lineIds(all), []);
  });

  test('listed ids suppress only those ids; every id of a bare comma list counts', () => {
    assert.deepEqual(lineIds(scanSource(src('# nosec B101'), {select: B602})), ['2 B602']);
    assert.deepEqual(lineIds(scanSource(src('# nosec B101,B602'), {select: B602})), []);
    assert.deepEqual(lineIds(scanSource(src('# nosec B602, B101'), {select: B602})), []);
    assert.deepEqual(lineIds(scanSource(src('# nosec: subprocess_popen_with_shell_equals_true'), {select: B602})), []);
    assert.deepEqual(lineIds(scanSource(src('# pyvet: ignore[B602]'), {select: B602})), []);
    assert.deepEqual(lineIds(scanSource(src('# pyvet: ignore[R701]'), {select: B602})), ['2 B602']);
  });

  test('an unknown id suppresses nothing and is reported as a warning', () => {
    const res = runChecks(new CheckSetFor(['B602']), {path: 'app.py', source: src('# nosec B6O2'), tree: parsePython(src('# nosec B6O2')), context: 'production'});
    assert.deepEqual(res.findings.filter(f => !f.suppressed).map(f => f.checkId), ['B602']);
    assert.match(res.warnings.map(w => w.message).join('\n'), /unknown check id 'B6O2'/);
  });

  test('the reason after -- is kept', () => {
    const [f] = scanSource(src('# nosec B602 -- the command is a constant'), {select: B602});
    assert.equal(f!.suppressionReason, 'the command is a constant');
  });

  test('a comment on any line of a multi-line statement counts; nosec inside a string does not', () => {
    const multi = 'import subprocess\nsubprocess.run(\n    cmd,\n    shell=True,\n)  # nosec\n';
    assert.deepEqual(lineIds(scanSource(multi, {select: B602})), []);
    const inString = 'import subprocess\nsubprocess.run(cmd + "# nosec", shell=True)\n';
    assert.deepEqual(lineIds(scanSource(inString, {select: B602})), ['2 B602']);
    assert.deepEqual(lineIds(scanSource('import subprocess\nsubprocess.run(cmd, shell=True)  # NOSEC\n', {select: B602})), ['2 B602']);
  });
});

// A CheckSet over the real registry's rules.
import {registry} from '../helpers/scan.js';
class CheckSetFor extends CheckSet {
  constructor(ids: string[]) {
    super(registry.checks, r => ids.includes(r.id), registry.rules);
  }
}

describe('engine: test code, prod-only rules, selection', () => {
  const src = 'import subprocess\ndef f(cmd):\n    assert cmd\n    subprocess.run(cmd, shell=True)\n';

  test('in test code severity drops one step and prod-only rules are not reported', () => {
    const prod = scanSource(src, {path: 'pkg/app.py', select: ['B101', 'B602']});
    assert.deepEqual(prod.map(f => `${f.checkId}:${f.severity}:${f.context}`), ['B101:low:production', 'B602:high:production']);
    for (const p of ['tests/test_app.py', 'pkg/test_app.py', 'pkg/app_test.py', 'testing/x.py', 'conftest.py', 'shop/tests.py']) {
      const t = scanSource(src, {path: p, select: ['B101', 'B602']});
      assert.deepEqual(t.map(f => `${f.checkId}:${f.severity}:${f.context}`), ['B602:medium:test'], p);
    }
  });

  test('near-miss test names are production code', () => {
    for (const p of ['pkg/testing_utils.py', 'pkg/contest.py', 'latest/app.py', 'pkg/attest.py', 'tests_helpers/x.py']) {
      assert.deepEqual(scanSource(src, {path: p, select: ['B101']}).map(f => f.context), ['production'], p);
    }
  });

  test('--select and --ignore take ids, prefixes and themes', () => {
    assert.deepEqual(scanSource(src, {select: ['B6']}).map(f => f.checkId), ['B602']);
    assert.deepEqual(scanSource(src, {select: ['errors']}).map(f => f.checkId).filter(id => id === 'B101'), ['B101']);
    assert.deepEqual(scanSource(src, {select: ['B101', 'B602'], ignore: ['input']}).map(f => f.checkId), ['B101']);
  });
});

describe('engine: fingerprints', () => {
  const base = 'import subprocess\n\nclass Deployer:\n    def run(self, cmd):\n        subprocess.run(cmd, shell=True)\n        subprocess.run(cmd, shell=True)\n';

  test('stable when lines are added above, different for each occurrence', () => {
    const a = scanSource(base, {select: B602});
    const b = scanSource(`# header\n\n\n${base}`, {select: B602});
    assert.equal(a.length, 2);
    assert.notEqual(a[0]!.fingerprint, a[1]!.fingerprint);
    assert.deepEqual(
      b.map(f => f.fingerprint),
      a.map(f => f.fingerprint),
    );
    assert.deepEqual(
      b.map(f => f.line),
      a.map(f => f.line + 3),
    );
    for (const f of a) assert.match(f.fingerprint, /^[0-9a-f]{16}$/);
  });

  test('changes when the flagged code, the scope or the path changes', () => {
    const [a] = scanSource(base, {select: B602});
    const [code] = scanSource(base.replace('run(cmd, shell=True)', 'run(cmd2, shell=True)'), {select: B602});
    const [scope] = scanSource(base.replace('def run', 'def start'), {select: B602});
    const [where] = scanSource(base, {select: B602, path: 'other.py'});
    assert.notEqual(code!.fingerprint, a!.fingerprint);
    assert.notEqual(scope!.fingerprint, a!.fingerprint);
    assert.notEqual(where!.fingerprint, a!.fingerprint);
    const [spaced] = scanSource(base.replace('run(cmd, shell=True)', 'run(cmd,   shell=True)'), {select: B602});
    assert.equal(spaced!.fingerprint, a!.fingerprint, 'white space is collapsed');
  });
});

describe('engine: robustness', () => {
  test('syntax errors are counted and code around them is still checked', () => {
    const src = 'import subprocess\nsubprocess.run(a, shell=True)\ndef broken(:\n    pass\nsubprocess.run(b, shell=True)\n';
    const res = runChecks(new CheckSetFor(['B602']), {path: 'x.py', source: src, tree: parsePython(src), context: 'production'});
    assert.ok(res.parseErrors >= 1);
    assert.deepEqual(res.findings.map(f => f.line), [2, 5]);
  });

  test('valid code that tree-sitter wraps whole in an error: recovered statements are checked, fragments are not', () => {
    // A bracket continued on a line indented less than its statement (CPython accepts it)
    // makes tree-sitter-python wrap the whole module in an ERROR node.
    const src = [
      'import subprocess',
      'class T:',
      '    def test_positions(self):',
      '        def f():',
      '            (bar.',
      '        baz)',
      '            (bar.',
      '        baz(',
      '        ))',
      '    def other(self):',
      '        subprocess.run(b, shell=True)',
      '',
    ].join('\n');
    const tree = parsePython(src);
    const first = tree.rootNode.firstNamedChild!;
    assert.equal(first.type, 'ERROR');
    assert.ok(first.endIndex >= tree.rootNode.endIndex - 1, 'the ERROR node covers the module');
    assert.deepEqual(lineIds(scanSource(src, {select: B602})), ['11 B602']);
    // An eval( that is only a fragment of the broken part stays unchecked.
    const fragment = src.replace('            (bar.\n        baz)', '            (eval(x).\n        baz)');
    assert.deepEqual(lineIds(scanSource(fragment, {select: ['B307', 'B602']})), ['11 B602']);
  });

  test('Python 2 files still get findings', () => {
    const src = 'import subprocess\nprint "deploying"\nsubprocess.call(cmd, shell=True)\nexec "x = 1"\n';
    assert.deepEqual(lineIds(scanSource(src, {select: B602})), ['3 B602']);
  });

  test('a check that throws is reported with its id and the others still run', () => {
    const boom = defineCheck({
      id: 'R999',
      slug: 'boom',
      title: 'always throws',
      category: 'errors',
      severity: 'low',
      confidence: 'low',
      cwe: 1,
      docs: {what: 'x', why: 'x', example: 'x', fix: 'x'},
      visit: {
        call() {
          throw new Error('kaput');
        },
      },
    });
    const set = new CheckSet([boom, ...registry.checks], r => r.id === 'R999' || r.id === 'B602');
    const src = 'import subprocess\nsubprocess.run(a, shell=True)\n';
    const res = runChecks(set, {path: 'x.py', source: src, tree: parsePython(src), context: 'production'});
    assert.deepEqual(res.findings.map(f => f.checkId), ['B602']);
    assert.match(res.warnings[0]!.message, /check R999 failed: kaput/);
  });

  test('a check with callNames sees exactly the calls of those resolved names, aliases included', () => {
    const seen: string[] = [];
    const picky = defineCheck({
      id: 'R998',
      slug: 'picky',
      title: 'records the calls it is handed',
      category: 'errors',
      severity: 'low',
      confidence: 'low',
      cwe: 1,
      docs: {what: 'x', why: 'x', example: 'x', fix: 'x'},
      callNames: ['os.system', 'check_output'],
      visit: {
        call(node, ctx) {
          seen.push(`${node.startPosition.row + 1} ${ctx.call(node).qualname}`);
        },
      },
    });
    const src = [
      'from os import system as run',
      'import subprocess as sp',
      'run("ls")',
      'sp.check_output(["ls"])',
      'sp.call(["ls"])',
      'system_check()',
      'print(os.system)',
      '',
    ].join('\n');
    const set = new CheckSet([picky, ...registry.checks], r => r.id === 'R998' || r.id === 'B602');
    runChecks(set, {path: 'x.py', source: src, tree: parsePython(src), context: 'production'});
    assert.deepEqual(seen, ['3 os.system', '4 subprocess.check_output']);
  });

  test('lone CR line endings count as lines, as CPython counts them', async () => {
    const {decodeSource} = await import('../../src/scan/source.js');
    const text = decodeSource(Buffer.from('import subprocess\rx = 1\r\nsubprocess.run(a, shell=True)\r')).text;
    assert.deepEqual(lineIds(scanSource(text, {select: B602})), ['3 B602']);
  });
});
