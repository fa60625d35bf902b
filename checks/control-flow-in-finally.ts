import {defineCheck} from '../src/model/check.js';
import type {SyntaxNode} from '../src/scan/syntax.js';

/** Statements and clauses whose blocks still run as part of the finally block. */
const NESTED_BLOCKS: ReadonlySet<string> = new Set([
  'block',
  'if_statement',
  'elif_clause',
  'else_clause',
  'with_statement',
  'try_statement',
  'except_clause',
  'match_statement',
  'case_clause',
]);

/**
 * return/break/continue that leave the finally block. A nested def or class is its own
 * scope; a nested finally is visited on its own; break/continue inside a loop that is
 * itself inside the finally block only leave that loop.
 */
function collect(node: SyntaxNode, inLoop: boolean, out: SyntaxNode[]): void {
  for (const c of node.namedChildren) {
    const t = c.type;
    if (t === 'return_statement') out.push(c);
    else if (t === 'break_statement' || t === 'continue_statement') {
      if (!inLoop) out.push(c);
    } else if (t === 'for_statement' || t === 'while_statement') {
      for (const part of c.namedChildren) {
        if (part.type === 'block') collect(part, true, out);
        else if (part.type === 'else_clause') collect(part, inLoop, out);
      }
    } else if (NESTED_BLOCKS.has(t)) collect(c, inLoop, out);
  }
}

export default defineCheck({
  id: 'R204',
  slug: 'control-flow-in-finally',
  title: 'control flow in finally',
  category: 'errors',
  severity: 'medium',
  confidence: 'high',
  cwe: 584,
  docs: {
    what:
      'Finds return, break and continue statements that leave a finally block: directly in it, or inside an if, with, ' +
      'try or match within it. Statements in a nested def or class are not counted, nor are break and continue inside ' +
      'a loop that is itself inside the finally block (they only leave that loop). A return inside such a loop still ' +
      'leaves the finally block and is reported. A finally nested in another finally reports its own statements.',
    why:
      'Leaving a finally block this way silently discards the exception in flight: an error raised in the try or except ' +
      'block vanishes without a trace, and a return in finally also replaces the value the try block returned. Python ' +
      '3.14 warns about the same statements (PEP 765).',
    example: 'try:\n    self._sync_power_states(ctxt)\nfinally:\n    return True',
    fix: 'Move the return, break or continue after the try statement, and keep the finally block to cleanup.',
    differences:
      "pyvet's own check; Bandit has no equivalent. The review table says \"directly in a finally block (not inside a " +
      'nested def or loop)"; pyvet reads "directly" as "leaving the finally block": a statement inside an if, with, try ' +
      'or match within the finally block leaves it too and is reported, and a return inside a loop within the finally ' +
      'block still leaves it (only break and continue stay in that loop). This is the set of statements Python 3.14 ' +
      'warns about (PEP 765).',
  },
  visit: {
    finally_clause(node, ctx) {
      const block = node.namedChildren.find(c => c.type === 'block');
      if (!block) return;
      const found: SyntaxNode[] = [];
      collect(block, false, found);
      for (const stmt of found) {
        const word = stmt.type.slice(0, stmt.type.indexOf('_'));
        ctx.report(stmt, {message: `${word} in finally discards any exception raised in the try block`});
      }
    },
  },
});
