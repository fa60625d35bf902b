import {defineCheck} from '../src/model/check.js';
import {shortName} from '../src/scan/names.js';
import {decoratorsOf, definitionName, unwrap, type SyntaxNode} from '../src/scan/syntax.js';
import {returnsOnlyTrue} from './lib/access.js';
import {isAuthorizationLike} from './lib/vocabulary.js';

const ABSTRACT: ReadonlySet<string> = new Set(['abstractmethod', 'abstractproperty']);

const DEF_NAME = /^(?:async\s+)?def\s+([\p{L}_][\p{L}\p{N}_]*)/u;

/** The def is nested in another function (a local helper), rather than at module or class level. */
function isLocal(def: SyntaxNode): boolean {
  for (let n = def.parent; n; n = n.parent) {
    if (n.type === 'function_definition') return true;
    if (n.type === 'class_definition') return false;
  }
  return false;
}

export default defineCheck({
  id: 'R702',
  slug: 'authorization-always-true',
  title: 'authorization check always true',
  category: 'access',
  severity: 'high',
  confidence: 'medium',
  cwe: 285,
  prefilter: /return\s+True\b/,
  docs: {
    what:
      'Finds a function or method with an authorization-like name (authorize, has_permission, check_*, can_*, ' +
      'is_admin, enforce, allow…) whose body, docstring aside, is only `return True`. Abstract methods ' +
      '(@abstractmethod) are left alone.',
    why:
      'A check that cannot say no protects nothing: every caller that relies on it lets everyone through. Such stubs are ' +
      'often placeholders ("implement later") or debugging shortcuts that were never reverted, and they look like real ' +
      'checks at every call site.',
    example:
      'class OwnerOnly(BasePermission):\n    def has_object_permission(self, request, view, obj):\n        return True',
    fix:
      'Implement the decision (compare the owner, ask the policy engine, check the role), or deny by default until it is ' +
      'implemented: raise NotImplementedError or return False. If the check is deliberately open, say so in its name ' +
      'and a comment, and suppress the finding with a reason.',
    differences:
      'No Bandit equivalent. A def nested inside another function is a local helper, usually a fake handed to a stub in a ' +
      'test, which R701 reports at the stub; it is not reported here as well. The name is tested on the def\'s own name ' +
      '(a leading underscore counts as part of it, so _check_x does not match ^check_).',
  },
  visit: {
    function_definition(node, ctx) {
      // The name from the def's own text (`def name(` or `async def name(`): cheaper than asking for the child.
      const name = DEF_NAME.exec(node.text)?.[1] ?? definitionName(node);
      if (!isAuthorizationLike(name) || !returnsOnlyTrue(node) || isLocal(node)) return;
      for (const d of decoratorsOf(node)) {
        const e = unwrap(d.firstNamedChild);
        if (e && (e.type === 'identifier' || e.type === 'attribute') && ABSTRACT.has(shortName(ctx.names.resolve(e)))) return;
      }
      ctx.report(node, {message: `${name}() always returns True: it grants every request`});
    },
  },
});
