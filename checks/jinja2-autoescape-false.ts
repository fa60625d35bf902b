import {defineCheck} from '../src/model/check.js';
import {unwrap, type SyntaxNode} from '../src/scan/syntax.js';
import {firstAutoescape} from './lib/xss-autoescape.js';

/** `select_autoescape(...)`, called by its bare or attribute name. */
function isSelectAutoescape(v: SyntaxNode): boolean {
  if (v.type !== 'call') return false;
  const callee = unwrap(v.childForFieldName('function'));
  if (callee?.type === 'identifier') return callee.text === 'select_autoescape';
  return callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'select_autoescape';
}

export default defineCheck({
  id: 'B701',
  slug: 'jinja2-autoescape-false',
  title: 'jinja2 environment without autoescaping',
  category: 'input',
  severity: 'high',
  confidence: 'high',
  cwe: 94,
  banditName: 'jinja2_autoescape_false',
  docs: {
    what:
      'Finds jinja2 Environment objects created without HTML autoescaping: autoescape=False, no autoescape argument at ' +
      'all (jinja2\'s default is off), or a value pyvet cannot read (reported with medium confidence).',
    why:
      'Without autoescaping, every {{ value }} is inserted into the page as raw HTML. A value that comes from a user can ' +
      'then carry tags and scripts that run in other visitors\' browsers (cross-site scripting).',
    example: 'env = jinja2.Environment(loader=FileSystemLoader("templates"))',
    fix: 'jinja2.Environment(loader=..., autoescape=select_autoescape(["html", "xml"])), or autoescape=True when every template renders HTML.',
    differences:
      'Same test as Bandit: the first autoescape= keyword found breadth first in the call (its own keywords before those ' +
      'of nested calls) decides; SandboxedEnvironment and other subclasses are not checked.',
  },
  callNames: ['Environment'],
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (!call.qualname.split('.').includes('jinja2')) return;
      const kw = firstAutoescape(node);
      const value = kw ? unwrap(kw.childForFieldName('value')) : null;
      if (!kw || !value) {
        ctx.report(node, {message: 'jinja2.Environment is created without autoescape=, and jinja2 does not escape by default'});
      } else if (value.type === 'false') {
        ctx.report(node, {message: 'jinja2.Environment is created with autoescape=False'});
      } else if (value.type !== 'true' && !isSelectAutoescape(value)) {
        ctx.report(node, {confidence: 'medium', message: 'jinja2.Environment is given an autoescape= value that may be false: make sure escaping is on'});
      }
    },
  },
});
