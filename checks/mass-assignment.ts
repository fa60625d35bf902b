import {defineCheck} from '../src/model/check.js';
import {describeSource, insideLoop, requestDataIn} from './lib/taint.js';
import {mayHoldRequestData} from '../src/scan/flow.js';

export default defineCheck({
  id: 'R806',
  slug: 'mass-assignment',
  title: 'mass assignment',
  category: 'input',
  severity: 'medium',
  confidence: 'low',
  cwe: 915,
  prefilter: mayHoldRequestData,
  docs: {
    what:
      'Finds request data whose keys become attribute or field names: a mapping from the request expanded as keyword ' +
      'arguments (Model(**request.json), obj.update(**data)), or setattr(obj, key, value) in a loop (or a comprehension) with the key taken from ' +
      'the request. Mappings whose keys are written in the code ({"name": data["name"]}, a comprehension over a fixed list of ' +
      'fields, dict(name=…)) and keys tested against an allow-list (if key in ALLOWED) are not reported.',
    why:
      'The caller decides which fields are set, so a request that adds is_admin, owner_id or balance to the body changes ' +
      'fields the form never offered.',
    example: 'user = User(**request.get_json())\ndb.session.add(user)',
    fix:
      'Copy the allowed fields explicitly, or validate with a schema or form that lists them (form.cleaned_data, ' +
      'schema.load(request.json)) and expand only the validated result.',
    differences:
      'The review table asks for setattr(obj, k, v) "in a loop"; a comprehension counts as a loop too. A mapping whose ' +
      'keys are written in the code (a dict display or comprehension with constant keys, dict(name=…)) is clean even ' +
      'when its values come from the request, and so is a key that passed an allow-list test (if key in ALLOWED:, or ' +
      'if key not in ALLOWED: continue). Data handed to a validating serializer or form (Serializer(data=request.data)) ' +
      'is not expanded and is not reported.',
    references: ['https://cheatsheetseries.owasp.org/cheatsheets/Mass_Assignment_Cheat_Sheet.html'],
  },
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (call.hasKwargsSplat) {
        for (const a of node.childForFieldName('arguments')?.namedChildren ?? []) {
          if (a.type !== 'dictionary_splat') continue;
          const source = requestDataIn(ctx, node, a.firstNamedChild, 'mass');
          if (!source) continue;
          ctx.report(node, {source, message: `keyword arguments expanded from request data ${describeSource(source)}`});
          return;
        }
      } else if (call.qualname === 'setattr' && call.args.length >= 2 && insideLoop(node)) {
        const source = requestDataIn(ctx, node, call.args[1]!, 'mass');
        if (!source) return;
        ctx.report(node, {source, message: `setattr() in a loop with attribute names from request data ${describeSource(source)}`});
      }
    },
  },
});
