import {defineCheck, type CheckContext} from '../src/model/check.js';
import {plainString} from '../src/scan/strings.js';
import {unwrap, type SyntaxNode} from '../src/scan/syntax.js';
import {pairKey} from './lib/access.js';
import {assignmentTarget, pairText} from './lib/access-targets.js';

const SETTING = 'WTF_CSRF_ENABLED';

/** A dict entry whose text ends in False (parentheses allowed): the cheap test before the real one. */
const FALSE_AT_END = /False[\s)]*$/;

/** `csrf_exempt` (Django), or Flask-WTF's `csrf.exempt` on a CSRFProtect object named like csrf. */
function exemptName(expr: SyntaxNode | null, ctx: CheckContext): string | null {
  const e = unwrap(expr);
  if (!e || (e.type !== 'identifier' && e.type !== 'attribute')) return null;
  const q = ctx.names.resolve(e);
  const dot = q.lastIndexOf('.');
  const last = q.slice(dot + 1);
  if (last === 'csrf_exempt') return 'csrf_exempt';
  if (last === 'exempt' && dot > 0 && /csrf/i.test(q.slice(q.lastIndexOf('.', dot - 1) + 1, dot))) return e.text;
  return null;
}

function isFalse(node: SyntaxNode | null | undefined): boolean {
  return unwrap(node)?.type === 'false';
}

/** The name of what a decorated definition defines, for messages. */
function decoratedName(decorator: SyntaxNode): string {
  const def = decorator.parent?.childForFieldName('definition');
  return def?.childForFieldName('name')?.text ?? 'view';
}

export default defineCheck({
  id: 'R704',
  slug: 'csrf-protection-disabled',
  title: 'disabled CSRF protection',
  category: 'access',
  severity: 'medium',
  confidence: 'high',
  cwe: 352,
  prefilter: /csrf/i,
  docs: {
    what:
      'Finds views exempted from cross-site request forgery protection (Django\'s @csrf_exempt, also applied as ' +
      'csrf_exempt(view) or method_decorator(csrf_exempt); Flask-WTF\'s @csrf.exempt) and Flask-WTF configuration that ' +
      'turns the protection off: WTF_CSRF_ENABLED = False, app.config["WTF_CSRF_ENABLED"] = False.',
    why:
      'Without the CSRF token check, any web page a signed-in user visits can make their browser submit a form or request ' +
      'to this view with their cookies attached: change their e-mail, transfer money, delete data. The user sees nothing.',
    example: '@csrf_exempt\ndef update_profile(request):\n    ...',
    fix:
      'Keep CSRF protection on and send the token from the client (the csrftoken cookie or the form field). Endpoints ' +
      'called by other services should authenticate with a token in a header instead of a session cookie; then exempting ' +
      'them is safe, and the exemption deserves a comment saying why.',
    differences:
      'No Bandit equivalent. Besides the three forms of the definition, the same setting passed as a keyword ' +
      '(app.config.update(WTF_CSRF_ENABLED=False)) or as a dict entry ({"WTF_CSRF_ENABLED": False}) is reported, and so ' +
      'are csrf_exempt used as a call and Flask-WTF\'s exempt on an object whose name contains "csrf". Only the literal ' +
      'False counts.',
  },
  visit: {
    decorator(node, ctx) {
      const how = exemptName(node.firstNamedChild, ctx);
      if (how) ctx.report(node, {message: `${decoratedName(node)} is exempt from CSRF protection (@${how})`});
    },
    call(node, ctx) {
      const call = ctx.call(node);
      if (call.name === 'csrf_exempt' || call.name === 'exempt' || call.name === 'method_decorator') {
        const how = call.name === 'method_decorator' ? exemptName(call.args[0] ?? null, ctx) : exemptName(call.callee, ctx);
        if (how) {
          const decorator = node.parent?.type === 'decorator' ? node.parent : null;
          const target = decorator ? decoratedName(decorator) : call.name === 'method_decorator' ? 'view' : (call.args[0]?.text ?? 'view');
          const via = call.name === 'method_decorator' ? `method_decorator(${how})` : (call.callee?.text ?? how);
          ctx.report(node, {message: `${target} is exempt from CSRF protection (${via})`});
          return;
        }
      }
      const kw = call.keyword(SETTING);
      if (kw && isFalse(kw.value)) ctx.report(node, {at: kw.value, message: `${SETTING}=False turns off Flask-WTF CSRF protection`});
    },
    assignment(node, ctx) {
      // WTF_CSRF_ENABLED = False, app.WTF_CSRF_ENABLED = False, app.config['WTF_CSRF_ENABLED'] = False
      const target = assignmentTarget(node);
      if (target?.name !== SETTING || !isFalse(node.childForFieldName('right'))) return;
      if (target.type === 'subscript' && plainString(unwrap(target.node.childForFieldName('subscript'))) !== SETTING) return;
      ctx.report(node, {message: `${target.node.text} = False turns off Flask-WTF CSRF protection`});
    },
    pair(node, ctx) {
      const text = pairText(node);
      if (!FALSE_AT_END.test(text) || !text.includes(SETTING)) return;
      if (!isFalse(node.childForFieldName('value')) || pairKey(node) !== SETTING) return;
      ctx.report(node, {message: `${SETTING}: False turns off Flask-WTF CSRF protection`});
    },
  },
});
