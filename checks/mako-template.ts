import {defineCheck} from '../src/model/check.js';

export default defineCheck({
  id: 'B702',
  slug: 'mako-template',
  title: 'mako template without autoescaping',
  category: 'input',
  severity: 'medium',
  confidence: 'high',
  cwe: 80,
  banditName: 'use_of_mako_templates',
  docs: {
    what: 'Finds mako Template objects being created (mako.template.Template, also through an alias or from-import).',
    why:
      'Mako does not HTML-escape ${} expressions unless told to, so a template that renders user data into a page lets that ' +
      'data carry markup and scripts (cross-site scripting).',
    example: 'Template("<p>Hello ${name}</p>").render(name=request.args["name"])',
    fix: 'Turn escaping on for every template: Template(text, default_filters=["h"]) (or TemplateLookup(..., default_filters=["h"])), or switch to an engine that escapes by default.',
    differences: 'Same trigger as Bandit: any call named Template whose resolved name has a part "mako"; the default_filters argument is not examined.',
  },
  callNames: ['Template'],
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (!call.qualname.split('.').includes('mako')) return;
      ctx.report(node, {message: `${call.qualname} renders without HTML escaping unless default_filters says otherwise`});
    },
  },
});
