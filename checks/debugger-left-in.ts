import {defineCheck} from '../src/model/check.js';

const DEBUGGER_CALLS: ReadonlySet<string> = new Set([
  'breakpoint',
  'pdb.set_trace',
  'ipdb.set_trace',
  'pudb.set_trace',
  'rpdb.set_trace',
  'code.interact',
  'web_pdb.set_trace',
]);

export default defineCheck({
  id: 'R403',
  slug: 'debugger-left-in',
  title: 'debugger left in',
  category: 'test-code',
  severity: 'high',
  confidence: 'high',
  cwe: 489,
  docs: {
    what:
      'Finds calls that stop the program in an interactive debugger or console: breakpoint(), pdb.set_trace(), ' +
      'ipdb.set_trace(), pudb.set_trace(), rpdb.set_trace(), web_pdb.set_trace() and code.interact(), resolved ' +
      'through aliases and from-imports (`from pdb import set_trace`).',
    why:
      'When the line runs, the process stops and waits for a debugger: a service hangs on that request, and the ' +
      'remote debuggers (rpdb, web_pdb) open a port through which anyone who reaches it can run arbitrary Python ' +
      'with the service\'s privileges. In test code it hangs the test run.',
    example: 'def _build_resources(self, context, instance):\n    import pdb; pdb.set_trace()',
    fix: 'Delete the call. To debug, set the breakpoint in your editor or run the program under python -m pdb.',
    differences: "pyvet's own check; Bandit has no equivalent.",
  },
  visit: {
    call(node, ctx) {
      const q = ctx.call(node).qualname;
      if (!DEBUGGER_CALLS.has(q)) return;
      ctx.report(node, {message: `${q}() stops the program in a debugger`});
    },
  },
});
