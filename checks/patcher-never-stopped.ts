import {defineCheck} from '../src/model/check.js';
import type {NameTable} from '../src/scan/names.js';
import {definitionName, enclosingFunction, unwrap, type SyntaxNode} from '../src/scan/syntax.js';
import {calleeOf, descendantsIn, enclosingClass} from './lib/resources.js';
import {isMockPatcher, isMockStopall} from './lib/vocabulary.js';

/** The patcher call `target` is bound to in `scope` (`p = mock.patch(…)`), or null. */
function patcherBinding(scope: SyntaxNode, target: string, names: NameTable): {readonly qualname: string} | null {
  for (const assign of descendantsIn(scope, 'assignment')) {
    const left = assign.childForFieldName('left');
    if (!left || left.text !== target) continue;
    const right = unwrap(assign.childForFieldName('right'));
    if (right?.type !== 'call') continue;
    const callee = calleeOf(right);
    if (!callee || (callee.type !== 'identifier' && callee.type !== 'attribute')) continue;
    const q = names.resolve(callee);
    if (isMockPatcher(q)) return {qualname: q};
  }
  return null;
}

/** `target.stop` (called or passed, as in `addCleanup(p.stop)`) or `mock.patch.stopall` anywhere in `scope`. */
function stoppedIn(scope: SyntaxNode, target: string, names: NameTable): boolean {
  for (const attr of descendantsIn(scope, 'attribute')) {
    const name = attr.childForFieldName('attribute')?.text;
    if (name === 'stop') {
      if (attr.childForFieldName('object')?.text === target) return true;
    } else if (name === 'stopall' && isMockStopall(names.resolve(attr))) return true;
  }
  return false;
}

export default defineCheck({
  id: 'R603',
  slug: 'patcher-never-stopped',
  title: 'patcher never stopped',
  category: 'cleanup',
  severity: 'low',
  confidence: 'high',
  cwe: 404,
  prefilter: /patch/,
  docs: {
    what:
      'Finds a mock patcher bound to a name (p = mock.patch(…), mock.patch.object, mock.patch.dict, mock.patch.multiple) ' +
      'and started with p.start(), when neither p.stop (called, or passed as in self.addCleanup(p.stop)) nor ' +
      'mock.patch.stopall appears in the same function or, for a method, anywhere in its class.',
    why:
      'A started patcher stays in place until it is stopped. If nothing stops it, the fake outlives the test: later tests ' +
      'in the same process run against the stub (a policy check that always passes, a clock that never moves), so they can ' +
      'pass for the wrong reason or fail depending on the order they run in.',
    example: 'def setUp(self):\n    p = mock.patch.object(compute_api.API, "_allow_cross_cell_resize", return_value=True)\n    p.start()',
    fix:
      'Register the stop right after starting: p.start(); self.addCleanup(p.stop). Or use the patcher as a decorator or ' +
      'a with block, or a fixture such as fixtures.MockPatch that undoes itself.',
    differences:
      'No Bandit equivalent. The patcher is matched by resolved name, so `from unittest import mock`, `import mock` and ' +
      '`from unittest.mock import patch` all count; the bound name may be local (p) or an attribute (self.patcher, whose ' +
      'binding and stop are looked for in the whole class, tearDown included). An anonymous mock.patch(…).start() is not ' +
      'reported: it can only be undone by mock.patch.stopall, which test base classes (oslotest\'s BaseTestCase among ' +
      'them) register for every test, out of this check\'s sight. Patchers started at module level are not reported.',
  },
  callNames: ['start'],
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (call.args.length > 0 || call.keywords.length > 0) return;
      const callee = call.callee;
      if (callee?.type !== 'attribute') return;
      const obj = unwrap(callee.childForFieldName('object'));
      if (!obj || (obj.type !== 'identifier' && obj.type !== 'attribute')) return;
      const fn = enclosingFunction(node);
      if (!fn) return;
      const target = obj.text;
      const cls = obj.type === 'attribute' ? enclosingClass(fn) : null;
      const binding = patcherBinding(fn, target, ctx.names) ?? (cls ? patcherBinding(cls, target, ctx.names) : null);
      if (!binding) return;
      const scope = enclosingClass(fn) ?? fn;
      if (stoppedIn(scope, target, ctx.names)) return;
      const where = scope.type === 'class_definition' ? 'class' : 'function';
      ctx.report(node, {
        message:
          `${target} (${binding.qualname}) is started in ${definitionName(fn)}() but never stopped: ` +
          `no ${target}.stop and no mock.patch.stopall in the ${where}`,
      });
    },
  },
});
