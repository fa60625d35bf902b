import {defineCheck} from '../src/model/check.js';
import type {CallInfo} from '../src/scan/calls.js';
import {plainString} from '../src/scan/strings.js';

/** mock's patchers, through `mock` or `unittest.mock` (resolved: `from unittest import mock`, `from mock import patch`). */
const PATCHERS: ReadonlySet<string> = new Set(
  ['mock', 'unittest.mock'].flatMap(m => ['patch', 'patch.object', 'patch.dict', 'patch.multiple'].map(p => `${m}.${p}`)),
);

/** The patched target as far as the arguments tell: `'a.b.name'`, or `obj.name` for the object forms. */
function target(call: CallInfo, objectForm: boolean): string | null {
  const [first, second] = call.args;
  if (!first) return null;
  const s = plainString(first);
  if (!objectForm || s !== null) return s ?? first.text.replace(/\s+/g, ' ');
  const attr = second ? plainString(second) : null;
  return attr === null ? first.text.replace(/\s+/g, ' ') : `${first.text.replace(/\s+/g, ' ')}.${attr}`;
}

export default defineCheck({
  id: 'R402',
  slug: 'runtime-patching',
  title: 'runtime patching in production',
  category: 'test-code',
  severity: 'medium',
  confidence: 'medium',
  cwe: 489,
  prodOnly: true,
  docs: {
    what:
      'Finds code that replaces attributes at run time with test tooling, outside test code: mock.patch, ' +
      'mock.patch.object, mock.patch.dict and mock.patch.multiple (also through unittest.mock, aliases and ' +
      'from-imports such as `from mock import patch`), any `.stub_out(…)` call (Nova\'s test helper), and ' +
      'monkeypatch.setattr(…). Not reported in test code.',
    why:
      'Patching swaps real behaviour for something else in the whole process: in production it can replace a ' +
      'policy check, a database call or a configuration value for every request, and nothing in the code being ' +
      'patched shows it. Test-only helpers in shipped code also mean the test and production paths are not separate.',
    example: "mock.patch('nova.policy.authorize', return_value=True).start()",
    fix:
      'Move the patching into the tests (fixtures, setUp with addCleanup). If production really needs a different ' +
      'implementation, make it a documented extension point (a driver, a configuration option, dependency injection).',
    differences:
      "pyvet's own check; Bandit has no equivalent. Besides the review table's patchers, mock.patch.multiple counts. " +
      '.stub_out(…) is matched on any receiver (Nova\'s test base class method), and patch(…) only when it resolves to ' +
      'mock (from unittest.mock import patch), so requests.patch(…) or a project\'s own patch() are left alone.',
  },
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      const q = call.qualname;
      let kind: string;
      let what: string | null;
      if (PATCHERS.has(q)) {
        kind = q;
        what = target(call, q.endsWith('.object'));
      } else if (call.name === 'stub_out' && call.callee?.type === 'attribute') {
        kind = 'stub_out';
        what = target(call, false);
      } else if (q === 'monkeypatch.setattr' || q.endsWith('.monkeypatch.setattr')) {
        kind = 'monkeypatch.setattr';
        what = target(call, call.args.length >= 3);
      } else return;
      const verb = kind.endsWith('.dict') ? 'changes' : 'replaces';
      ctx.report(node, {message: what ? `${kind} ${verb} ${what} at run time` : `${kind} patches code at run time`});
    },
  },
});
