/**
 * The SARIF report. Logs are validated against the SARIF 2.1.0 JSON schema shipped in
 * test/fixtures/sarif-schema-2.1.0.json — the file `sarif-2.1.0.json` of the npm package
 * @microsoft/sarif-multitool-linux@5.7.0 (Microsoft's SARIF SDK, MIT), copied unchanged —
 * and checked for the fields GitHub code scanning reads.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import type {Log, Result} from 'sarif';
import type {Rule} from '../../src/model/check.js';
import type {Decision, Finding} from '../../src/model/finding.js';
import {buildSarif, cweTag, FINGERPRINT_KEY, pathToUri, plainText, renderSarif} from '../../src/report/sarif.js';
import {ConfDecisionStore} from '../../src/review/store.js';
import {runPyvet, tmpProject} from '../helpers/cli.js';
import {fixture} from '../helpers/paths.js';
import {sarifSchemaErrors} from '../helpers/sarif.js';
import {tmpDir} from '../helpers/tmp.js';

function rule(id: string, over: Partial<Rule> = {}): Rule {
  return {
    id,
    slug: `slug-of-${id.toLowerCase()}`,
    title: `title of ${id}`,
    category: 'input',
    severity: 'high',
    confidence: 'medium',
    cwe: 78,
    docs: {what: `what ${id} finds`, why: `why ${id} matters`, example: 'run(x)', fix: `how to fix ${id}`},
    ...over,
  };
}

const RULES = new Map([
  ['B602', rule('B602')],
  ['B101', rule('B101', {category: 'errors', severity: 'low', confidence: 'high', cwe: 703})],
  ['R201', rule('R201', {category: 'timeouts', severity: 'medium', confidence: 'low', cwe: 400})],
  ['R999', rule('R999', {category: 'config', severity: 'info', cwe: 1188})],
]);

let n = 0;
function finding(over: Partial<Finding> & Pick<Finding, 'checkId'>): Finding {
  const r = RULES.get(over.checkId)!;
  n++;
  return {
    title: r.title,
    category: r.category,
    severity: r.severity,
    confidence: r.confidence,
    cwe: r.cwe,
    path: 'svc/app.py',
    line: n,
    column: 5,
    endLine: n,
    endColumn: 20,
    message: `message ${n}`,
    snippet: `    code_${n}()`,
    fingerprint: n.toString(16).padStart(16, '0'),
    context: 'production',
    ...over,
  };
}

function sarif(findings: Finding[], decisions: Record<string, Decision> = {}): Log {
  const text = renderSarif({
    findings,
    decision: f => decisions[f.fingerprint],
    rules: id => RULES.get(id),
    root: '/srv/project',
    version: '1.2.3',
  });
  return JSON.parse(text) as Log;
}

function results(log: Log): Result[] {
  return log.runs[0]!.results!;
}

describe('SARIF writer', () => {
  test('is valid SARIF 2.1.0 with the fields GitHub code scanning reads', () => {
    const log = sarif([finding({checkId: 'B602'}), finding({checkId: 'B101'}), finding({checkId: 'B602'})]);
    assert.deepEqual(sarifSchemaErrors(log), []);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema!, /sarif-2\.1\.0\.json$/);
    assert.equal(log.runs.length, 1);
    const run = log.runs[0]!;
    const driver = run.tool.driver;
    assert.equal(driver.name, 'pyvet');
    assert.equal(driver.version, '1.2.3');
    assert.equal(driver.informationUri, undefined, 'no placeholder URL');
    assert.equal(run.originalUriBaseIds?.['%SRCROOT%']?.uri, 'file:///srv/project/');
    // One rule per id that has a result, and each result points at its rule.
    assert.deepEqual(driver.rules!.map(r => r.id), ['B101', 'B602']);
    for (const r of results(log)) {
      assert.equal(driver.rules![r.ruleIndex!]!.id, r.ruleId);
      assert.ok(r.message.text);
      const loc = r.locations![0]!.physicalLocation!;
      assert.equal(loc.artifactLocation!.uri, 'svc/app.py');
      assert.equal(loc.artifactLocation!.uriBaseId, '%SRCROOT%');
      assert.ok(loc.region!.startLine! >= 1);
      assert.match(r.partialFingerprints![FINGERPRINT_KEY]!, /^[0-9a-f]{16}$/);
    }
  });

  test('rules carry help, CWE, precision and security-severity', () => {
    const log = sarif([finding({checkId: 'B602'}), finding({checkId: 'R201'}), finding({checkId: 'B101'}), finding({checkId: 'R999'})]);
    const byId = new Map(log.runs[0]!.tool.driver.rules!.map(r => [r.id, r]));
    const b602 = byId.get('B602')!;
    assert.equal(b602.name, 'slug-of-b602');
    assert.equal(b602.shortDescription!.text, 'title of B602');
    assert.equal(b602.fullDescription!.text, 'what B602 finds');
    for (const part of ['what B602 finds', 'why B602 matters', 'run(x)', 'how to fix B602', 'CWE-78']) {
      assert.ok(b602.help!.text.includes(part), part);
      assert.ok(b602.help!.markdown!.includes(part), part);
    }
    assert.match(b602.help!.markdown!, /\[CWE-78\]\(https:\/\/cwe\.mitre\.org\/data\/definitions\/78\.html\)/);
    assert.equal(b602.helpUri, 'https://cwe.mitre.org/data/definitions/78.html');
    assert.deepEqual(b602.properties!.tags, ['security', 'input', 'external/cwe/cwe-078']);
    assert.equal(b602.defaultConfiguration!.level, 'error');
    const levels = ['B602', 'R201', 'B101', 'R999'].map(id => [
      byId.get(id)!.properties!['security-severity'],
      byId.get(id)!.properties!.precision,
      byId.get(id)!.defaultConfiguration!.level,
    ]);
    assert.deepEqual(levels, [
      ['8.0', 'medium', 'error'],
      ['5.0', 'low', 'warning'],
      ['3.0', 'high', 'note'],
      ['1.0', 'medium', 'note'],
    ]);
    assert.equal(cweTag(1188), 'external/cwe/cwe-1188');
  });

  test('result level follows the finding (test code is downgraded), region and snippet', () => {
    const [r1, r2] = results(
      sarif([
        finding({checkId: 'B602', severity: 'medium', line: 7, column: 3, endLine: 9, endColumn: 4, snippet: 'run(\n  x,\n)'}),
        finding({checkId: 'B602', line: 12, column: 40, endLine: 12, endColumn: 12}),
      ]),
    );
    assert.equal(r1!.level, 'warning');
    assert.deepEqual(r1!.locations![0]!.physicalLocation!.region, {startLine: 7, startColumn: 3, endLine: 9, endColumn: 4, snippet: {text: 'run(\n  x,\n)'}});
    assert.equal(r2!.level, 'error');
    assert.equal(r2!.locations![0]!.physicalLocation!.region!.endColumn, undefined, 'an end before the start is left out');
  });

  test('in-source suppressions and dismissed decisions become suppressions; accepted ones a property', () => {
    const nosec = finding({checkId: 'B602', suppressed: true, suppressionReason: 'command is a constant'});
    const bare = finding({checkId: 'B602', suppressed: true, suppressionReason: ''});
    const dismissed = finding({checkId: 'B602'});
    const dismissedNoNote = finding({checkId: 'B602'});
    const accepted = finding({checkId: 'B602'});
    const pending = finding({checkId: 'B602'});
    const log = sarif([nosec, bare, dismissed, dismissedNoNote, accepted, pending], {
      [dismissed.fingerprint]: {kind: 'dismissed', reason: 'test-only', note: 'only in the fixture\nloader'},
      [dismissedNoNote.fingerprint]: {kind: 'dismissed', reason: 'wont-fix'},
      [accepted.fingerprint]: {kind: 'accepted', note: 'fix in #12'},
      [pending.fingerprint]: {kind: 'pending'},
    });
    assert.deepEqual(sarifSchemaErrors(log), []);
    const [a, b, c, d, e, f] = results(log);
    assert.deepEqual(a!.suppressions, [{kind: 'inSource', justification: 'command is a constant'}]);
    assert.deepEqual(b!.suppressions, [{kind: 'inSource'}]);
    assert.deepEqual(c!.suppressions, [{kind: 'external', status: 'accepted', justification: 'test only: only in the fixture\nloader'}]);
    assert.deepEqual(c!.properties!.pyvetDecision, {decision: 'dismissed', reason: 'test-only', note: 'only in the fixture\nloader'});
    assert.deepEqual(d!.suppressions, [{kind: 'external', status: 'accepted', justification: "won't fix"}]);
    assert.equal(e!.suppressions, undefined, 'an accepted finding stays open');
    assert.deepEqual(e!.properties!.pyvetDecision, {decision: 'accepted', note: 'fix in #12'});
    assert.equal(f!.suppressions, undefined);
    assert.equal(f!.properties!.pyvetDecision, undefined);
  });

  test('text from the reviewed file carries no raw control, bidi or invisible character', () => {
    const evil = finding({
      checkId: 'B602',
      path: 'odd dir/naïve #1.py',
      message: 'os.system runs "\x1b]0;pwned\x07" [here](1) \\ \u202Eevil',
      snippet: 'os.system("\x1b[31m\u0085\u202E\u2066x")',
      suppressed: true,
      suppressionReason: 'ok\x1b[2J',
    });
    const text = renderSarif({findings: [evil], decision: () => ({kind: 'dismissed', note: 'n\x07\u202E'}), rules: id => RULES.get(id), root: '/p', version: '1.0.0'});
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(text, /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
    const log = JSON.parse(text) as Log;
    assert.deepEqual(sarifSchemaErrors(log), []);
    const r = results(log)[0]!;
    assert.equal(r.message.text, 'os.system runs "\\x1b\\]0;pwned\\x07" \\[here\\](1) \\\\ <U+202E>evil');
    assert.equal(r.locations![0]!.physicalLocation!.region!.snippet!.text, evil.snippet, 'the snippet is exact once parsed');
    assert.equal(r.locations![0]!.physicalLocation!.artifactLocation!.uri, 'odd%20dir/na%C3%AFve%20%231.py');
    assert.equal(r.suppressions![0]!.justification, 'ok\\x1b[2J');
    assert.equal(r.suppressions![1]!.justification, 'false positive: n\\x07<U+202E>');
  });

  test('where a data-flow finding\'s value came from is a related location', () => {
    const f = finding({checkId: 'B602', source: {line: 3, column: 9, snippet: 'name = request.args["n"]', label: 'request data'}});
    const log = sarif([f]);
    assert.deepEqual(sarifSchemaErrors(log), []);
    const related = results(log)[0]!.relatedLocations!;
    assert.equal(related.length, 1);
    assert.equal(related[0]!.message!.text, 'data from here: request data');
    assert.deepEqual(related[0]!.physicalLocation!.region, {startLine: 3, startColumn: 9, snippet: {text: 'name = request.args["n"]'}});
  });

  test('helpers: plain text and URIs', () => {
    assert.equal(plainText('a [b] \\ c'), 'a \\[b\\] \\\\ c');
    assert.equal(pathToUri('a b/c#d?.py'), 'a%20b/c%23d%3F.py');
    assert.deepEqual(buildSarif({findings: [], decision: () => undefined, rules: () => undefined, root: '/p', version: '1.0.0'}).runs[0]!.results, []);
  });
});

describe('pyvet scan --format sarif', () => {
  const conf = tmpDir('pyvet-sarif-conf-');
  const app = fs.readFileSync(fixture('review', 'app.py'), 'utf8');

  test('a valid log whose fingerprints are the JSON report\'s', () => {
    const dir = tmpProject({'src/app.py': app});
    const r = runPyvet(['scan', 'src', '--select', 'B101,B602', '--format', 'sarif'], {cwd: dir, conf});
    assert.equal(r.code, 1, r.stderr);
    const log = JSON.parse(r.stdout) as Log;
    assert.deepEqual(sarifSchemaErrors(log), []);
    assert.deepEqual(log.runs[0]!.tool.driver.rules!.map(x => x.id), ['B101', 'B602']);
    assert.deepEqual(
      results(log).map(x => `${x.locations![0]!.physicalLocation!.artifactLocation!.uri}:${x.locations![0]!.physicalLocation!.region!.startLine} ${x.ruleId} ${x.level}`),
      ['src/app.py:5 B101 note', 'src/app.py:6 B602 error', 'src/app.py:11 B101 note', 'src/app.py:12 B602 error'],
    );
    const json = JSON.parse(runPyvet(['scan', 'src', '--select', 'B101,B602', '--format', 'json'], {cwd: dir, conf}).stdout);
    assert.deepEqual(
      results(log).map(x => x.partialFingerprints![FINGERPRINT_KEY]),
      json.findings.map((f: {fingerprint: string}) => f.fingerprint),
    );
    assert.equal(log.runs[0]!.originalUriBaseIds!['%SRCROOT%']!.uri, `file://${dir}/`);
  });

  test('decisions from the user store and from --state become suppressions and properties', () => {
    const dir = tmpProject({'app.py': app});
    const json = JSON.parse(runPyvet(['scan', 'app.py', '--select', 'B602', '--format', 'json'], {cwd: dir, conf}).stdout);
    const [first, second] = json.findings as {fingerprint: string}[];
    // The user store (conf), keyed by absolute path.
    const saved = process.env.PYVET_CONFIG_DIR;
    process.env.PYVET_CONFIG_DIR = conf;
    try {
      const store = new ConfDecisionStore();
      store.put(path.join(dir, 'app.py'), first!.fingerprint, {kind: 'dismissed', reason: 'acceptable-risk', note: 'internal host'}, {checkId: 'B602', line: 6});
      store.put(path.join(dir, 'app.py'), second!.fingerprint, {kind: 'accepted'}, {checkId: 'B602', line: 12});
    } finally {
      if (saved === undefined) delete process.env.PYVET_CONFIG_DIR;
      else process.env.PYVET_CONFIG_DIR = saved;
    }
    let log = JSON.parse(runPyvet(['scan', 'app.py', '--select', 'B602', '--format', 'sarif'], {cwd: dir, conf}).stdout) as Log;
    assert.deepEqual(results(log)[0]!.suppressions, [{kind: 'external', status: 'accepted', justification: 'acceptable risk: internal host'}]);
    assert.deepEqual(results(log)[1]!.properties!.pyvetDecision, {decision: 'accepted'});

    // A state file replaces the user store.
    const state = {version: 1, files: {'app.py': {[second!.fingerprint]: {kind: 'dismissed', reason: 'false-positive', note: 'constant'}}}};
    fs.writeFileSync(path.join(dir, 'team.json'), JSON.stringify(state));
    log = JSON.parse(runPyvet(['scan', 'app.py', '--select', 'B602', '--format', 'sarif', '--state', 'team.json'], {cwd: dir, conf}).stdout) as Log;
    assert.equal(results(log)[0]!.suppressions, undefined);
    assert.deepEqual(results(log)[1]!.suppressions, [{kind: 'external', status: 'accepted', justification: 'false positive: constant'}]);
  });

  test('unreadable paths are tool notifications; the others are still reported', () => {
    const dir = tmpProject({'app.py': app});
    const r = runPyvet(['scan', 'app.py', 'missing.py', '--select', 'B602', '--format', 'sarif'], {cwd: dir, conf});
    assert.equal(r.code, 2);
    const log = JSON.parse(r.stdout) as Log;
    assert.deepEqual(sarifSchemaErrors(log), []);
    assert.equal(results(log).length, 2);
    const notes = log.runs[0]!.invocations![0]!.toolExecutionNotifications!;
    assert.equal(notes[0]!.level, 'error');
    assert.equal(notes[0]!.message.text, 'missing.py: no such file or directory');
  });
});
