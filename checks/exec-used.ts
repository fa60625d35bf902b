import {defineCheck} from '../src/model/check.js';
import {argument, describeSource, originConfidence, originOf} from './lib/taint.js';

export default defineCheck({
  id: 'B102',
  slug: 'exec-used',
  title: 'exec() runs dynamic code',
  category: 'input',
  severity: 'medium',
  confidence: 'high',
  cwe: 78,
  banditName: 'exec_used',
  docs: {
    what: 'Finds calls to the built-in exec().',
    why:
      'exec() compiles and runs whatever Python source it is given with the full rights of the process. ' +
      'If any part of that source can be influenced from outside, an attacker gets arbitrary code execution.',
    example: 'exec(f"result = {expression}")',
    fix:
      'Avoid generating code. Look the operation up in a dict of allowed functions, parse data with json or ast.literal_eval, ' +
      'or use getattr() on a known object.',
    differences:
      'Same trigger, severity and line as Bandit. Confidence uses the data flow inside the function: high, with the ' +
      'source shown, when request data reaches the code; low when the code is a constant (a literal, or a local name only ' +
      'ever bound to constants); otherwise high, as in Bandit.',
  },
  callNames: ['exec'],
  visit: {
    call(node, ctx) {
      if (ctx.call(node).qualname !== 'exec') return;
      const origin = originOf(ctx, node, argument(ctx.call(node), 0), 'code');
      const {source} = origin;
      ctx.report(node, {
        confidence: originConfidence(origin),
        ...(source ? {source} : {}),
        message: source
          ? `exec() runs code built from ${describeSource(source)}`
          : origin.constant
            ? 'exec() runs constant code'
            : 'exec() runs code built at run time',
      });
    },
  },
});
