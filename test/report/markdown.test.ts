import assert from 'node:assert/strict';
import fs from 'node:fs';
import {describe, test} from 'node:test';
import type {Rule} from '../../src/model/check.js';
import type {Decision, Finding} from '../../src/model/finding.js';
import {codeBlock, codeSpan, renderMarkdown, verdict} from '../../src/report/markdown.js';
import type {ReportInput} from '../../src/report/review-data.js';
import {fixture} from '../helpers/paths.js';

function rule(id: string, category: Rule['category']): Rule {
  return {
    id,
    slug: id.toLowerCase(),
    title: `title of ${id}`,
    category,
    severity: 'high',
    confidence: 'high',
    cwe: 78,
    docs: {what: `what ${id} finds`, why: `why ${id} matters`, example: 'x()', fix: `how to fix ${id}`},
  };
}

const RULES = new Map([
  ['B602', rule('B602', 'input')],
  ['B105', rule('B105', 'secrets')],
  ['R701', rule('R701', 'access')],
  ['B101', rule('B101', 'errors')],
]);

function finding(over: Partial<Finding> & Pick<Finding, 'checkId' | 'line'>): Finding {
  const r = RULES.get(over.checkId)!;
  return {
    title: r.title,
    category: r.category,
    severity: 'high',
    confidence: 'high',
    cwe: r.cwe,
    path: 'svc/app.py',
    column: 5,
    endLine: over.line,
    endColumn: 20,
    message: `message at ${over.line}`,
    snippet: `call(${over.line})`,
    fingerprint: `${over.line}`.padStart(16, '0'),
    context: 'production',
    ...over,
  };
}

function input(entries: {finding: Finding; decision: Decision}[]): ReportInput {
  return {
    files: [{path: 'svc/app.py', lines: 120, parseErrors: 1, suppressed: 2}],
    entries,
    rules: id => RULES.get(id),
    meta: {reviewer: 'Ada Reviewer', date: '2026-11-25', version: '9.9.9'},
  };
}

const SAMPLE = input([
  {finding: finding({checkId: 'B602', line: 40, snippet: 'subprocess.run(cmd,\n    shell=True)'}), decision: {kind: 'accepted', note: 'Use an argument list.\nTicket SEC-12.'}},
  {finding: finding({checkId: 'B105', line: 12, severity: 'low', snippet: 'password = "hunter2"'}), decision: {kind: 'dismissed', reason: 'test-only'}},
  {finding: finding({checkId: 'R701', line: 86, severity: 'medium', context: 'test'}), decision: {kind: 'pending'}},
  {finding: finding({checkId: 'B101', line: 7, severity: 'low'}), decision: {kind: 'pending', note: 'ask Bob'}},
]);

describe('Markdown review', () => {
  test('matches the golden file', () => {
    const golden = fixture('golden', 'review.md');
    const actual = renderMarkdown(SAMPLE);
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(golden, actual);
    assert.equal(actual, fs.readFileSync(golden, 'utf8'));
  });

  test('is deterministic and independent of input order', () => {
    const reversed = {...SAMPLE, entries: [...SAMPLE.entries].reverse()};
    assert.equal(renderMarkdown(reversed), renderMarkdown(SAMPLE));
  });

  test('has the header, the summary table and the verdict', () => {
    const md = renderMarkdown(SAMPLE);
    assert.match(md, /^# Security review of `svc\/app\.py`\n/);
    assert.match(md, /\*\*Reviewer:\*\* Ada Reviewer/);
    assert.match(md, /\*\*Date:\*\* 2026-11-25/);
    assert.match(md, /\*\*Tool:\*\* pyvet 9\.9\.9/);
    assert.match(md, /\| Accepted \(to fix\) \| 1 \| 0 \| 0 \| 0 \| 1 \|/);
    assert.match(md, /\| Dismissed \| 0 \| 0 \| 1 \| 0 \| 1 \|/);
    assert.match(md, /\| Not yet reviewed \| 0 \| 1 \| 1 \| 0 \| 2 \|/);
    assert.match(md, /\*\*Verdict:\*\* Changes required: 1 problem to fix, 1 of high severity; 1 dismissed; review incomplete: 2 of 4 not yet reviewed\./);
  });

  test('groups decided findings by theme in catalogue order and lists pending ones last', () => {
    const md = renderMarkdown(SAMPLE);
    const order = ['## 1. Hard-coded credentials', '### B105', '## 2. Error handling', '## 8. Input validation', '### B602', '## 9. Cryptography', '## Not yet reviewed'];
    let at = -1;
    for (const h of order) {
      const i = md.indexOf(h);
      assert.ok(i > at, `${h} out of order`);
      at = i;
    }
    assert.match(md, /- \*\*Decision:\*\* dismissed \(test only\)/);
    assert.match(md, /- `svc\/app\.py:86` \*\*R701\*\*/);
    assert.match(md, /\*\*Reviewer's note\.\*\* Use an argument list\. {2}\nTicket SEC-12\./);
    assert.match(md, /\[CWE-78\]\(https:\/\/cwe\.mitre\.org\/data\/definitions\/78\.html\)/);
  });

  test('code with backticks stays code: the fence is longer than any run inside', () => {
    const md = renderMarkdown(
      input([{finding: finding({checkId: 'B602', line: 3, snippet: 'x = """\n```\nrun(`ls`)\n````"""'}), decision: {kind: 'accepted'}}]),
    );
    assert.ok(md.includes('`````python\nx = """\n```\nrun(`ls`)\n````"""\n`````'));
    assert.equal(codeSpan('a`b'), '`` a`b ``');
    assert.equal(codeBlock('plain'), '```python\nplain\n```');
  });

  test('control characters from the code, the path and the note never reach the file raw', () => {
    const md = renderMarkdown(
      input([
        {
          finding: finding({checkId: 'B602', line: 3, path: 'a\nb`.py', snippet: 'print("\x1b]52;c;ZXZpbA==\x07")  # \u202e evil', message: 'm\x1b[31m'}),
          decision: {kind: 'accepted', note: 'note \x1b[2J with \u2066isolate'},
        },
      ]),
    );
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(md, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    assert.ok(md.includes('\\x1b]52;c;ZXZpbA==\\x07'));
    assert.ok(md.includes('<U+202E>'));
    assert.ok(md.includes('a\\x0ab`.py'));
    assert.ok(md.includes('\\<U+2066\\>isolate'), 'the bidi isolate is shown as an escaped <U+2066>');
  });

  test('verdict wording', () => {
    assert.equal(verdict([]), 'No findings: nothing to fix.');
    const f = finding({checkId: 'B602', line: 1, severity: 'low'});
    assert.equal(verdict([{finding: f, decision: {kind: 'dismissed', reason: 'false-positive'}}]), 'No problems to fix; 1 dismissed.');
    assert.equal(verdict([{finding: f, decision: {kind: 'pending'}}]), 'No problems accepted so far; review incomplete: 1 of 1 not yet reviewed.');
    assert.equal(verdict([{finding: f, decision: {kind: 'accepted'}}]), 'Changes required: 1 problem to fix.');
  });
});
