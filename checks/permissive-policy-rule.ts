import {defineCheck, type CheckContext} from '../src/model/check.js';
import type {CallInfo} from '../src/scan/calls.js';
import {plainString} from '../src/scan/strings.js';
import {unwrap, type SyntaxNode} from '../src/scan/syntax.js';
import {allowAnyIn, isEmptySequence, pairKey} from './lib/access.js';
import {assignmentTarget, pairText} from './lib/access-targets.js';

/** oslo.policy rule declarations: the check string is the second argument or `check_str=`. */
const RULE_DEFAULTS: ReadonlySet<string> = new Set(['RuleDefault', 'DocumentedRuleDefault']);

/** DRF's two class attributes (also `@permission_classes([...])` and `@action(permission_classes=[...])`). */
const PERMISSION = 'permission_classes';
const AUTHENTICATION = 'authentication_classes';

/** DRF settings keys that set the same thing project-wide. */
const SETTINGS_KEYS: ReadonlyMap<string, string> = new Map([
  ['DEFAULT_PERMISSION_CLASSES', PERMISSION],
  ['DEFAULT_AUTHENTICATION_CLASSES', AUTHENTICATION],
]);

/** An oslo.policy check string that lets anyone through: '' or '@'. */
function isOpenCheck(node: SyntaxNode | null | undefined): string | null {
  const s = plainString(unwrap(node));
  if (s === null) return null;
  const t = s.trim();
  return t === '' || t === '@' ? s : null;
}

/** Report a DRF setting (`permission_classes`, `authentication_classes`) when it opens the view. */
function checkDrf(owner: SyntaxNode, kind: string, value: SyntaxNode | null, ctx: CheckContext, where: string): void {
  if (kind === PERMISSION) {
    const any = allowAnyIn(value, ctx);
    if (any) ctx.report(owner, {at: any, message: `${where} includes AllowAny: anyone, signed in or not, passes`});
  } else if (isEmptySequence(value)) {
    ctx.report(owner, {at: value!, message: `${where} is empty: requests are never authenticated`});
  }
}

/** The rules dict of set_rules(…), looking through Rules(…) / Rules.from_dict(…). */
function rulesDict(call: CallInfo, ctx: CheckContext): SyntaxNode | null {
  let v = unwrap(call.args[0] ?? call.keyword('rules')?.value);
  if (v?.type === 'call') v = unwrap(ctx.call(v).args[0]);
  return v?.type === 'dictionary' ? v : null;
}

export default defineCheck({
  id: 'R703',
  slug: 'permissive-policy-rule',
  title: 'permissive policy rule',
  category: 'access',
  severity: 'medium',
  confidence: 'medium',
  cwe: 285,
  prefilter: /permission_classes|authentication_classes|DEFAULT_PERMISSION|DEFAULT_AUTHENTICATION|AllowAny|RuleDefault|set_rules/,
  docs: {
    what:
      'Finds policy rules that let anyone through: an oslo.policy RuleDefault or DocumentedRuleDefault whose check string ' +
      'is "" or "@", a set_rules({...}) entry set to "" or "@", a Django REST framework permission_classes that ' +
      'includes AllowAny, and an empty authentication_classes.',
    why:
      'In oslo.policy both the empty check string and "@" mean "always allowed", so the API action is open to every ' +
      'authenticated user, whatever the project or role. In Django REST framework AllowAny switches the permission check ' +
      'off for the view, and an empty authentication_classes means no request is ever authenticated. Sometimes that is ' +
      'intended (a version document, a health check), but it should be a visible, reviewed decision.',
    example: 'policy.DocumentedRuleDefault(name="os_compute_api:servers:resize", check_str="@", description="Resize", operations=[...])',
    fix:
      'Give the rule a real check string (e.g. "rule:admin_or_owner" or "role:admin and project_id:%(project_id)s"); in ' +
      'DRF use IsAuthenticated or a custom permission and keep the project-wide authentication classes. Where openness ' +
      'is intended, suppress the finding with the reason.',
    differences:
      'No Bandit equivalent. Check strings are literal strings only ("@" and "" after trimming spaces); a named constant ' +
      '(Nova\'s base.RULE_ANY) is not resolved. set_rules is read with its dict given directly or through ' +
      'Rules(…)/Rules.from_dict(…), one finding per open rule. For DRF, besides the class attributes, the ' +
      '@permission_classes/@authentication_classes decorators, the permission_classes=/authentication_classes= keywords ' +
      '(@action) and the project-wide REST_FRAMEWORK keys DEFAULT_PERMISSION_CLASSES/DEFAULT_AUTHENTICATION_CLASSES count; ' +
      'IsAuthenticated | AllowAny counts as AllowAny.',
  },
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      const name = call.name;
      if (RULE_DEFAULTS.has(name)) {
        const check = call.args[1] ?? call.keyword('check_str')?.value;
        const open = isOpenCheck(check);
        if (open === null) return;
        const nameNode = unwrap(call.args[0] ?? call.keyword('name')?.value);
        const rule = plainString(nameNode);
        ctx.report(node, {
          at: check!,
          message: `policy rule ${rule !== null ? `'${rule}'` : (nameNode?.text ?? '')} has check string '${open}': anyone may perform it`,
        });
        return;
      }
      if (name === 'set_rules') {
        const dict = rulesDict(call, ctx);
        if (!dict) return;
        for (const pair of dict.namedChildren) {
          if (pair.type !== 'pair') continue;
          const open = isOpenCheck(pair.childForFieldName('value'));
          if (open === null) continue;
          const key = pairKey(pair) ?? pair.childForFieldName('key')?.text ?? '?';
          ctx.report(pair, {span: node, message: `set_rules sets ${key} to '${open}': anyone may perform it`});
        }
        return;
      }
      if (name === PERMISSION || name === AUTHENTICATION) {
        checkDrf(node, name, unwrap(call.args[0]), ctx, `@${name}(…)`);
        return;
      }
      for (const kw of call.keywords) {
        if (kw.name === PERMISSION || kw.name === AUTHENTICATION) checkDrf(node, kw.name, kw.value, ctx, `${kw.name}=`);
      }
    },
    assignment(node, ctx) {
      const target = assignmentTarget(node);
      if (!target || (target.name !== PERMISSION && target.name !== AUTHENTICATION)) return;
      if (target.type !== 'identifier' && target.type !== 'attribute') return;
      checkDrf(node, target.name, unwrap(node.childForFieldName('right')), ctx, target.node.text);
    },
    pair(node, ctx) {
      // The key comes first in the entry's text: DEFAULT_AUTHENTICATION_CLASSES and its quotes fit in 40 characters.
      if (!pairText(node).slice(0, 40).includes('_CLASSES')) return;
      const name = pairKey(node) ?? '';
      const kind = SETTINGS_KEYS.get(name);
      if (kind) checkDrf(node, kind, unwrap(node.childForFieldName('value')), ctx, name);
    },
  },
});
