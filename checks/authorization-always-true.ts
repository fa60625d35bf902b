import {defineCheck} from '../src/model/check.js';
import {shortName} from '../src/scan/names.js';
import {decoratorsOf, definitionName, unwrap, type SyntaxNode} from '../src/scan/syntax.js';
import {returnsOnlyTrue} from './lib/access.js';
import {authorizationName, identifierWords} from './lib/vocabulary.js';

const ABSTRACT: ReadonlySet<string> = new Set(['abstractmethod', 'abstractproperty']);
const PROPERTIES: ReadonlySet<string> = new Set(['property', 'cached_property']);

/** A parameter that names who is asking: user, request, context, credentials, token, role… */
const SUBJECT_PARAMETER = /user|request|^req$|context|^ctx$|cred|principal|identity|actor|account|member|role|token|subject|caller|session|^auth|perm/i;

/** The plain names of a def's parameters, and whether it also takes *args or **kwargs. */
function parametersOf(def: SyntaxNode): {names: string[]; varargs: boolean} {
  const names: string[] = [];
  let varargs = false;
  for (const p of def.childForFieldName('parameters')?.namedChildren ?? []) {
    if (p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern') {
      varargs = true;
      continue;
    }
    const id = p.type === 'identifier' ? p : p.childForFieldName('name') ?? p.firstNamedChild;
    if (id?.type === 'identifier') names.push(id.text);
  }
  return {names: names.filter(n => n !== 'self' && n !== 'cls'), varargs};
}

/**
 * A weak name (can_x, check_x, allow…, enforce) is a decision about someone when the def
 * takes who is asking, or takes anything at all (`enforce(self, *args, **kwargs)`).
 */
function decidesForSomeone(def: SyntaxNode): boolean {
  const {names, varargs} = parametersOf(def);
  if (names.some(n => SUBJECT_PARAMETER.test(n))) return true;
  return varargs && names.length === 0;
}

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
      'test, which R701 reports at the stub; it is not reported here as well. The name is read as words (snake_case and ' +
      'camelCase, leading underscores dropped, so _check_quota and canEdit count). Names that only say authorization ' +
      '(authorize, has_permission, policy, is_admin, has_access, verify_token) are always reported. Words that say it only ' +
      'in context (can_x, check_x, allow, allowed, enforce, permit) count when the def takes who is asking (a parameter ' +
      'named like user, request, context, credentials, token, role, session) or nothing but *args/**kwargs: ' +
      'can_write_eof(self), check_hostname(self), enforce_ssl(self) and Django\'s allow_migrate(self, db, app_label) ' +
      'are capabilities and settings, not decisions about a caller. Names with a negation (requires_auth, is_denied, ' +
      'not_allowed) are never reported: True there asks for more checking. A property named is_… (Django\'s ' +
      'User.is_authenticated) describes its object and is not reported.',
  },
  visit: {
    function_definition(node, ctx) {
      // The name from the def's own text (`def name(` or `async def name(`): cheaper than asking for the child.
      const name = DEF_NAME.exec(node.text)?.[1] ?? definitionName(node);
      const strength = authorizationName(name);
      if (!strength || !returnsOnlyTrue(node) || isLocal(node)) return;
      if (strength === 'weak' && !decidesForSomeone(node)) return;
      for (const d of decoratorsOf(node)) {
        const e = unwrap(d.firstNamedChild);
        if (!e || (e.type !== 'identifier' && e.type !== 'attribute')) continue;
        const decorator = shortName(ctx.names.resolve(e));
        if (ABSTRACT.has(decorator)) return;
        // Django's User.is_authenticated: a property that describes the object, not a check of a request.
        if (PROPERTIES.has(decorator) && identifierWords(name)[0] === 'is') return;
      }
      ctx.report(node, {message: `${name}() always returns True: it grants every request`});
    },
  },
});
