import {defineCheck, type CheckContext} from '../src/model/check.js';
import {plainString} from '../src/scan/strings.js';
import type {NameTable} from '../src/scan/names.js';
import {enclosingFunction, unwrap, type SyntaxNode} from '../src/scan/syntax.js';
import {configOverride, isTimeoutOption, optionLabel, OVERRIDE_NAMES} from './lib/overrides.js';

const MAX_LISTED = 6;

function listOptions(labels: readonly string[]): string {
  if (labels.length <= MAX_LISTED) return labels.join(', ');
  return `${labels.slice(0, MAX_LISTED).join(', ')} and ${labels.length - MAX_LISTED} more`;
}

/** Whether the function around `node` binds `name` itself (a parameter or an assignment), hiding a module-level one. */
function boundLocally(node: SyntaxNode, name: string): boolean {
  const fn = enclosingFunction(node);
  if (!fn) return false;
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    const id = p.type === 'identifier' ? p : (p.childForFieldName('name') ?? p.firstNamedChild);
    if (id?.text === name) return true;
  }
  return (fn.childForFieldName('body')?.descendantsOfType('assignment') ?? []).some(a => {
    const left = a.childForFieldName('left');
    return left?.type === 'identifier' && left.text === name;
  });
}

/**
 * The settings module of the project: Django's `django.conf.settings` under any name, or
 * an imported name `settings` (`from myproject import settings`). A local variable or
 * parameter called settings (a message object, docutils' option values) is not.
 */
function isSettingsModule(obj: SyntaxNode, names: NameTable): boolean {
  const resolved = names.resolve(obj);
  const imported =
    resolved === 'django.conf.settings' ||
    (obj.text === 'settings' && (names.alias('settings') !== undefined || names.importedExact('settings')));
  return imported && !boundLocally(obj, obj.text);
}

/** `settings.X = …` (the project's settings module) or `os.environ[…] = …`: a description, or null. */
function assignedSetting(target: SyntaxNode | null, names: NameTable): string | null {
  const t = unwrap(target);
  if (!t) return null;
  const resolve = (n: SyntaxNode) => names.resolve(n);
  if (t.type === 'attribute') {
    const obj = unwrap(t.childForFieldName('object'));
    if (!obj || obj.type !== 'identifier' || !isSettingsModule(obj, names)) return null;
    return `settings.${t.childForFieldName('attribute')?.text ?? ''}`;
  }
  if (t.type === 'subscript') {
    const value = t.childForFieldName('value');
    if (!value || resolve(value) !== 'os.environ') return null;
    const key = t.childForFieldName('subscript');
    const name = key ? plainString(key) : null;
    return name === null ? `os.environ[${key?.text ?? ''}]` : `os.environ['${name}']`;
  }
  return null;
}

const FIRST_NAME = /[\p{L}_][\p{L}\p{N}_]*/uy;

/**
 * A cheap look at the source before the tree: can the assignment starting at `node` store
 * into settings or os.environ? Its target's first name must be (or be imported as) one.
 */
function mayAssignSetting(node: SyntaxNode, ctx: CheckContext): boolean {
  FIRST_NAME.lastIndex = node.startIndex;
  const first = FIRST_NAME.exec(ctx.source)?.[0];
  if (!first) return true; // a parenthesised or starred target: let the tree decide
  if (first === 'settings' || first === 'os' || first === 'environ') return true;
  const resolved = ctx.names.resolveDotted(first);
  return resolved === 'django.conf.settings' || resolved.startsWith('os') || resolved.endsWith('environ');
}

export default defineCheck({
  id: 'R501',
  slug: 'config-override',
  title: 'configuration overridden at run time',
  category: 'config',
  severity: 'low',
  confidence: 'medium',
  cwe: 15,
  prefilter: /flags|config|set_override|set_default|settings|environ/,
  docs: {
    what:
      'Finds code that changes configuration while the program runs: self.flags(...), the oslo.config fixture\'s ' +
      'self.config(...), set_override/set_default on a configuration object (a name ending in CONF or conf), and ' +
      'assignments (plain or augmented) to settings.X or os.environ[...]. One finding per call, naming the options it ' +
      'sets; timeout options are left to R301, so a call that only sets timeouts is not reported here.',
    why:
      'Configuration that code rewrites at run time escapes the audited, reviewed path that deployment configuration ' +
      'goes through: a security setting can be switched off for one code path, a test can pass only because of an ' +
      'override that production never has, and changes to os.environ leak into every subprocess started afterwards.',
    example: "self.flags(allow_resize_to_same_host=True, group='compute')\nos.environ['REQUESTS_CA_BUNDLE'] = ''",
    fix:
      'Keep configuration in the deployment\'s configuration files. In tests, override through a fixture that restores ' +
      'the old value and change only what the test needs; in production, pass values explicitly instead of mutating ' +
      'global settings or the environment.',
    differences:
      "pyvet's own check; Bandit has no equivalent. self.config(...) is not treated as an override in files that import " +
      'tkinter, where it configures a widget. "settings.X" is the project\'s settings module: django.conf.settings ' +
      'under any name, or a name settings bound by an import; a local variable or parameter that happens to be called ' +
      'settings (an API message, docutils\' option values) is not configuration.',
  },
  callNames: OVERRIDE_NAMES,
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      const o = configOverride(call, ctx.names);
      if (!o) return;
      const labels = o.options.filter(op => !isTimeoutOption(op)).map(op => optionLabel(op, o.group));
      if (o.splat) labels.push('options passed as **mapping');
      if (labels.length === 0) return;
      const how = (call.callee?.text ?? call.name).replace(/\s+/g, '');
      ctx.report(node, {message: `${how} overrides ${listOptions(labels)}`});
    },
    assignment(node, ctx) {
      if (!mayAssignSetting(node, ctx)) return;
      const left = node.childForFieldName('left');
      if (!left || (left.type !== 'attribute' && left.type !== 'subscript')) return;
      const what = assignedSetting(left, ctx.names);
      if (what) ctx.report(node, {message: `${what} is changed at run time`});
    },
    augmented_assignment(node, ctx) {
      if (!mayAssignSetting(node, ctx)) return;
      const left = node.childForFieldName('left');
      if (!left || (left.type !== 'attribute' && left.type !== 'subscript')) return;
      const what = assignedSetting(left, ctx.names);
      if (what) ctx.report(node, {message: `${what} is changed at run time`});
    },
  },
});
