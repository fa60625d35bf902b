import {defineCheck} from '../src/model/check.js';
import {definitionName, type SyntaxNode} from '../src/scan/syntax.js';

/**
 * A def or class whose name says it is a debugging feature: a debug console, a REPL command,
 * a break hook (`_PdbConsole`, `shell_command`, `set_break`, `post_mortem`, `interact`).
 */
const DEBUG_FEATURE = /debug|pdb|console|repl|shell|interact|breakpoint|set_?break|breaker|set_?trace|post_?mortem/i;

/** An `if` guard that switches debugging on: `if DEBUG:`, `if args.pdb:`, `if os.environ.get('X_DEBUG'):`. */
const DEBUG_GUARD = /debug|pdb|breakpoint|environ|getenv/i;

/** Whether the call is part of a deliberate debugging feature rather than a leftover. */
function isDebugFeature(call: SyntaxNode): boolean {
  for (let n = call.parent; n; n = n.parent) {
    if (n.type === 'function_definition' || n.type === 'class_definition') {
      if (DEBUG_FEATURE.test(definitionName(n))) return true;
    } else if (n.type === 'if_statement' || n.type === 'elif_clause') {
      const cond = n.childForFieldName('condition');
      if (cond && cond.endIndex <= call.startIndex && DEBUG_GUARD.test(cond.text)) return true;
    }
  }
  return false;
}

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
      'through aliases and from-imports (`from pdb import set_trace`). Debugging features are left alone: calls ' +
      'inside a def or class whose name says so (debug, pdb, console, repl, shell, interact, breakpoint, set_break, ' +
      'set_trace, post_mortem: a `flask shell` command, a debug console, a break hook) and calls under an if whose ' +
      'condition reads a debug switch or the environment (if DEBUG:, if args.pdb:, if os.environ.get(…):).',
    why:
      'When the line runs, the process stops and waits for a debugger: a service hangs on that request, and the ' +
      'remote debuggers (rpdb, web_pdb) open a port through which anyone who reaches it can run arbitrary Python ' +
      'with the service\'s privileges. In test code it hangs the test run.',
    example: 'def _build_resources(self, context, instance):\n    import pdb; pdb.set_trace()',
    fix: 'Delete the call. To debug, set the breakpoint in your editor or run the program under python -m pdb.',
    differences:
      "pyvet's own check; Bandit has no equivalent. The review table lists the calls only; pyvet reads \"left in\" as " +
      'a leftover, so debugger calls that are the point of the code around them (the REPL of a shell command, a ' +
      'console started on request, a breakpoint behind a debug switch) are not reported.',
  },
  callNames: DEBUGGER_CALLS,
  visit: {
    call(node, ctx) {
      const q = ctx.call(node).qualname;
      if (!DEBUGGER_CALLS.has(q) || isDebugFeature(node)) return;
      ctx.report(node, {message: `${q}() stops the program in a debugger`});
    },
  },
});
