import {defineCheck} from '../src/model/check.js';
import {isConstantNode} from '../src/scan/values.js';

const MARKUP: ReadonlySet<string> = new Set(['markupsafe.Markup', 'flask.Markup']);

export default defineCheck({
  id: 'B704',
  slug: 'markupsafe-markup',
  title: 'markupsafe Markup around a value that is not a constant',
  category: 'input',
  severity: 'medium',
  confidence: 'high',
  cwe: 79,
  banditName: 'markupsafe_markup_xss',
  docs: {
    what: 'Finds markupsafe.Markup (or flask.Markup) wrapping anything other than a constant: a variable, a call, an f-string, a concatenation.',
    why:
      'Markup marks its text as already safe HTML, so templates stop escaping it. If any part of that text comes from a ' +
      'user, it is rendered as markup and can carry scripts (cross-site scripting).',
    example: 'Markup(f"<b>{user.display_name}</b>")',
    fix: 'Let Markup escape the variable parts: Markup("<b>{}</b>").format(user.display_name) or markupsafe.escape(value), or render with a template.',
    differences:
      'Same trigger as Bandit with its default settings; Bandit\'s extend_markup_names and allowed_calls options are not ' +
      'supported yet. Markup(base=...) with keywords only is not reported, as in Bandit.',
  },
  callNames: MARKUP,
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (!MARKUP.has(call.qualname)) return;
      const first = call.args[0];
      if (!first || isConstantNode(first)) return;
      ctx.report(node, {message: `${call.qualname} marks a value that is not a constant as safe HTML`});
    },
  },
});
