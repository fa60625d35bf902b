import {defineCheck} from '../src/model/check.js';
import {plainString} from '../src/scan/strings.js';
import {lastNameOf, unwrap, type SyntaxNode} from '../src/scan/syntax.js';

const DEBUG_NAMES: ReadonlySet<string> = new Set(['DEBUG', 'TEMPLATE_DEBUG']);

/** An application object: `app`, `application`, `flask_app`, `self.app`, … */
const APP_NAME = /app(?:lication)?$/i;

/** The value at the bottom of an assignment chain `a = b = v`. */
function chainValue(assign: SyntaxNode): SyntaxNode | null {
  let v = unwrap(assign.childForFieldName('right'));
  while (v && v.type === 'assignment') v = unwrap(v.childForFieldName('right'));
  return v;
}

/** At module level: no enclosing def or class (module-level if/try/with still count). */
function atModuleLevel(node: SyntaxNode): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'function_definition' || n.type === 'class_definition') return false;
  }
  return true;
}

/** What the assignment switches on, or null. */
function debugTarget(left: SyntaxNode, node: SyntaxNode): string | null {
  switch (left.type) {
    case 'identifier':
      return DEBUG_NAMES.has(left.text) && atModuleLevel(node) ? `module-level ${left.text} = True` : null;
    case 'attribute': {
      if (left.childForFieldName('attribute')?.text !== 'debug') return null;
      const obj = left.childForFieldName('object');
      return APP_NAME.test(lastNameOf(obj)) ? `${obj!.text}.debug = True` : null;
    }
    case 'subscript': {
      const value = unwrap(left.childForFieldName('value'));
      if (value?.type !== 'attribute' || value.childForFieldName('attribute')?.text !== 'config') return null;
      if (!APP_NAME.test(lastNameOf(value.childForFieldName('object')))) return null;
      const key = left.childForFieldName('subscript');
      return key && plainString(key) === 'DEBUG' ? `${value.text}['DEBUG'] = True` : null;
    }
    default:
      return null;
  }
}

export default defineCheck({
  id: 'R404',
  slug: 'debug-mode-enabled',
  title: 'debug mode enabled',
  category: 'test-code',
  severity: 'medium',
  confidence: 'medium',
  cwe: 215,
  prefilter: /DEBUG|\.debug\b/,
  docs: {
    what:
      'Finds debug mode switched on in code: DEBUG = True or TEMPLATE_DEBUG = True at module level (Django ' +
      'settings; inside a module-level if or try too, but not in a class or function), app.debug = True and ' +
      "app.config['DEBUG'] = True on an application object (a name ending in app or application: app, flask_app, " +
      'self.app), also set as app.config.update(DEBUG=True) or app.config.from_mapping(DEBUG=True). Only the literal ' +
      'True counts. app.run(debug=True) is B201\'s.',
    why:
      'Debug mode is meant for a developer\'s machine: Django then shows full tracebacks with settings and local ' +
      'variables to anyone who triggers an error, and Flask\'s debugger lets a visitor run Python in the server ' +
      'process. A settings module that hard-codes it is one deployment mistake away from production.',
    example: "# settings.py\nDEBUG = True\nALLOWED_HOSTS = ['*']",
    fix: "Read it from the environment and default to off: DEBUG = os.environ.get('DJANGO_DEBUG') == '1'.",
    differences:
      "pyvet's own check; Bandit's B201 only covers Flask's app.run(debug=True). Besides the review table's forms, " +
      "the same setting passed to app.config.update(…) or app.config.from_mapping(…) is reported. A DEBUG = True " +
      'in a class (a Flask development config class) or a function is not module-level and is not reported.',
  },
  callNames: ['update', 'from_mapping'],
  visit: {
    call(node, ctx) {
      // app.config.update(DEBUG=True), app.config.from_mapping(DEBUG=True)
      const call = ctx.call(node);
      const kw = call.keyword('DEBUG');
      if (!kw || unwrap(kw.value)?.type !== 'true') return;
      const callee = call.callee;
      const config = callee?.type === 'attribute' ? unwrap(callee.childForFieldName('object')) : null;
      if (config?.type !== 'attribute' || config.childForFieldName('attribute')?.text !== 'config') return;
      if (!APP_NAME.test(lastNameOf(config.childForFieldName('object')))) return;
      ctx.report(node, {at: kw.value, message: `${config.text}.${call.name}(DEBUG=True) turns debug mode on`});
    },
    assignment(node, ctx) {
      const left = node.childForFieldName('left');
      if (!left) return;
      const t = left.type;
      if (t !== 'identifier' && t !== 'attribute' && t !== 'subscript') return;
      if (t === 'identifier' && !DEBUG_NAMES.has(left.text)) return;
      if (chainValue(node)?.type !== 'true') return;
      const what = debugTarget(left, node);
      if (what) ctx.report(node, {message: `${what} turns debug mode on`});
    },
  },
});
