import {defineCheck} from '../src/model/check.js';

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
  },
  visit: {
    call(node, ctx) {
      if (ctx.call(node).qualname === 'exec') ctx.report(node, {message: 'exec() runs code built at run time'});
    },
  },
});
