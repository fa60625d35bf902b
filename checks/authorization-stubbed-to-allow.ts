import {defineCheck, type CheckContext} from '../src/model/check.js';
import type {CallInfo} from '../src/scan/calls.js';
import {plainString} from '../src/scan/strings.js';
import {unwrap, type SyntaxNode} from '../src/scan/syntax.js';
import {grantsAlways} from './lib/access.js';
import {assignmentTarget} from './lib/access-targets.js';
import {isAuthorizationLike, isMockPatcher} from './lib/vocabulary.js';

/** Short names of the replacing calls: the cheap filter. */
const REPLACERS: ReadonlySet<string> = new Set(['stub_out', 'patch', 'object', 'setattr']);

interface Replacement {
  /** The replaced target as written (`nova.policy.authorize`, `authorize`). */
  readonly target: string;
  /** The replacement value, when one is passed. */
  readonly value: SyntaxNode | undefined;
}

/** pytest-mock's `mocker.patch(…)` / `mocker.patch.object(…)`: mock's patchers behind a fixture. */
function isMockerPatcher(qualname: string): boolean {
  return /(?:^|\.)mocker\.patch(?:\.object)?$/.test(qualname);
}

/** A positional argument or its keyword form. */
function arg(call: CallInfo, i: number, keyword: string): SyntaxNode | undefined {
  return call.args[i] ?? call.keyword(keyword)?.value;
}

/** What a replacing call replaces and with what, or null when it is not one of the forms. */
function replacementOf(call: CallInfo): Replacement | null {
  const q = call.qualname;
  const first = plainString(call.args[0] ?? null);
  if (call.name === 'stub_out') {
    // self.stub_out('a.b.name', new)
    return first === null ? null : {target: first, value: arg(call, 1, 'new')};
  }
  if (isMockPatcher(q) || isMockerPatcher(q)) {
    if (call.name === 'patch') return first === null ? null : {target: first, value: arg(call, 1, 'new')};
    if (call.name === 'object') {
      const attr = plainString(call.args[1] ?? null);
      return attr === null ? null : {target: attr, value: arg(call, 2, 'new')};
    }
    return null; // patch.dict / patch.multiple replace entries, not a callable
  }
  if (q === 'setattr' || q === 'builtins.setattr') {
    const attr = plainString(call.args[1] ?? null);
    return attr === null ? null : {target: attr, value: call.args[2]};
  }
  if (q === 'monkeypatch.setattr' || q.endsWith('.monkeypatch.setattr')) {
    // monkeypatch.setattr('a.b.name', value) or monkeypatch.setattr(obj, 'name', value)
    if (first !== null) return {target: first, value: arg(call, 1, 'value')};
    const attr = plainString(call.args[1] ?? null);
    return attr === null ? null : {target: attr, value: arg(call, 2, 'value')};
  }
  return null;
}

/** How the replacing call always grants: its value, or a mock patcher's own `return_value=True` / `side_effect=`. */
function grantOf(call: CallInfo, r: Replacement, ctx: CheckContext): string | null {
  const byValue = grantsAlways(r.value, ctx);
  if (byValue) return byValue;
  if (!isMockPatcher(call.qualname) && !isMockerPatcher(call.qualname)) return null;
  if (unwrap(call.keyword('return_value')?.value)?.type === 'true') return 'return_value=True';
  const sideEffect = grantsAlways(call.keyword('side_effect')?.value, ctx);
  return sideEffect ? `side_effect=${sideEffect}` : null;
}

export default defineCheck({
  id: 'R701',
  slug: 'authorization-stubbed-to-allow',
  title: 'authorization stubbed to allow',
  category: 'access',
  severity: 'high',
  confidence: 'high',
  cwe: 285,
  prefilter: /\bTrue\b/,
  docs: {
    what:
      'Finds an authorization-like target (authorize, enforce, policy, permission, can_*, check_*, allow…) replaced by ' +
      'something that always grants: lambda …: True, return_value=True, Mock(return_value=True) or MagicMock(…), or a ' +
      'local def whose body is only `return True`. Targets: the dotted string of stub_out(…), mock.patch(…) and ' +
      'monkeypatch.setattr(…); the attribute name of mock.patch.object(obj, "name", …), setattr(obj, "name", …) and ' +
      'monkeypatch.setattr(obj, "name", …); and the attribute of an assignment obj.name = ….',
    why:
      'With the check stubbed out, every caller is allowed, whoever it is. In production code that is an open door. In ' +
      'a test it means the test no longer exercises the policy it depends on: a policy that wrongly denies (or a missing ' +
      'rule) goes unnoticed, and so does code that forgets to call the check at all. In test code the finding is medium.',
    example: 'self.stub_out("nova.compute.api.API._allow_cross_cell_resize", lambda *a, **kw: True)',
    fix:
      'Grant the permission through the policy instead of bypassing it, e.g. a policy fixture rule for the action ' +
      '(self.policy.set_rules({...: "role:admin"}, overwrite=False)) and a request context with that role, so the real ' +
      'check runs.',
    differences:
      'No Bandit equivalent. pytest-mock\'s mocker.patch(…) and mocker.patch.object(…) count as mock.patch. The target ' +
      'name is read as words on its last dotted part (see R702 for what counts as authorization-like), and names resolve through imports ' +
      '(from unittest import mock, from unittest.mock import patch). A mock patcher\'s side_effect= that is a lambda or ' +
      'local def returning True also counts (it decides the return value just as return_value does). Setting a plain ' +
      'attribute to True (context.is_admin = True) is not a replacement of a check and is not reported; nor is a def at ' +
      'module or class level passed by name (not a local def; R702 reports such a def when it is authorization-like).',
  },
  callNames: REPLACERS,
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      const r = replacementOf(call);
      if (!r || !isAuthorizationLike(r.target)) return;
      const grant = grantOf(call, r, ctx);
      if (!grant) return;
      ctx.report(node, {message: `${r.target} is replaced by ${grant} (${call.qualname})`});
    },
    assignment(node, ctx) {
      const target = assignmentTarget(node);
      if (target?.type !== 'attribute' || !isAuthorizationLike(target.name)) return;
      const grant = grantsAlways(node.childForFieldName('right'), ctx);
      if (!grant) return;
      ctx.report(node, {message: `${target.node.text} is replaced by ${grant}`});
    },
  },
});
